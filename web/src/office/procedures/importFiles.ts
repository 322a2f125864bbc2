/** Files the catalogue import accepts (pure): the content type of a chosen file, a package's contents, rows in error. */
import type { ProcedurePackage } from '../../../../contracts/procedures.ts'
import { CSV_TYPE, XLSX_TYPE, type ImportRowError } from '../../api/procedures.ts'

/** The server refuses larger catalogue files. */
export const MAX_CATALOGUE_FILE_BYTES = 10 * 1024 * 1024
/** Packages are small; anything bigger is not one. */
export const MAX_PACKAGE_BYTES = 1024 * 1024

/** The content type the server expects, from the file's name (browsers often send none for CSV); null when neither. */
export function catalogueFileType(file: { name: string; type: string }): string | null {
  const name = file.name.toLowerCase()
  if (name.endsWith('.xlsx') || file.type === XLSX_TYPE) return XLSX_TYPE
  if (name.endsWith('.csv') || file.type === CSV_TYPE) return CSV_TYPE
  return null
}

/** Rows with at least one error (the header row counts when a column is missing). */
export function rowsInError(errors: readonly Pick<ImportRowError, 'row'>[]): number {
  return new Set(errors.map((error) => error.row)).size
}

export type PackageIssue = 'notJson' | 'notPackage' | 'tooLarge' | 'unreadable'

/** A package file's text → its contents, or why it is not one (the server checks the rest against the schema). */
export function readPackage(text: string): { ok: true; pkg: ProcedurePackage } | { ok: false; issue: PackageIssue } {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { ok: false, issue: 'notJson' }
  }
  const value = parsed as Partial<ProcedurePackage> | null
  if (!value || typeof value !== 'object' || value.format !== 'cchc.procedure-package/1' || typeof value.effectiveFrom !== 'string' || !value.procedure || typeof value.procedure.name !== 'string') {
    return { ok: false, issue: 'notPackage' }
  }
  return { ok: true, pkg: value as ProcedurePackage }
}
