/**
 * Catalogue import: validated rows (or a package) become procedures and versions, in one
 * transaction per call. A row whose procedure exists (by national code; without one, by name)
 * becomes a new version unless an equal version with the same effective date exists, so
 * importing the same file twice changes nothing. Also the export side: the versions in force as
 * rows, and a procedure as a package.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { ProcedureContent, ProcedurePackage } from '../../../../contracts/procedures.ts'
import { holdsOverProvince, type RequestContext } from '../../../platform/auth/actor.ts'
import { recordAudit, type AuditContext } from '../../../platform/audit.ts'
import type { Clock } from '../../../platform/clock.ts'
import type { DB } from '../../../platform/db/schema.ts'
import { AppError } from '../../../platform/errors.ts'
import { isoDate, localDay } from '../../../platform/time/vietnam-time.ts'
import { versionInForce } from '../procedure-rules.ts'
import { assertValidContent } from '../procedures.service.ts'
import { contentToRow, sameRow, type CatalogueRow, type ParsedItem, type RowError } from './catalogue-rows.ts'
import * as repo from './catalogue-import.repository.ts'
import { bumpCatalogueRevision } from '../procedures.repository.ts'

/** The platform itself importing (the demo catalogue): no user, audit on the given unit's chain. */
export interface SystemContext {
  system: true
  /** Unit whose audit chain records the import (the province). */
  unitId: string
}

export type ImportContext = RequestContext | SystemContext

export type ImportMode = 'all_or_nothing' | 'valid_rows_only'

export interface ImportInput {
  /** Data rows in the file (default: items + rows in error). */
  rows?: number
  items: ParsedItem[]
  errors?: RowError[]
  /** The file itself is wrong (columns): nothing is imported whatever the mode. */
  fileError?: boolean
}

export interface ImportOptions {
  mode: ImportMode
  publish: boolean
  /** Called after each row is written (and once before the first). */
  onProgress?: (processed: number, total: number) => void
  /** The imported file's size and SHA-256 (ADR 0013), recorded in the import's audit entry. */
  file?: { size: number; sha256: string }
}

export interface ImportReport {
  rows: number
  /** Rows that changed the catalogue: created + versions + published. */
  imported: number
  /** Rows equal to a version already there (same content and effective date). */
  skipped: number
  /** New procedures. */
  created: number
  /** New versions of existing procedures. */
  versions: number
  /** Existing drafts equal to a row, published by this import. */
  published: number
  errors: RowError[]
}

export interface ImportOutcome {
  row: number
  procedureId: string
  version: number
  action: 'created' | 'version' | 'published' | 'skipped'
  status: 'draft' | 'published' | 'withdrawn'
}

export interface ImportResult extends ImportReport {
  importId: string
  outcomes: ImportOutcome[]
}

export type CatalogueImporter = ReturnType<typeof createCatalogueImporter>

const isSystem = (ctx: ImportContext): ctx is SystemContext => 'system' in ctx && ctx.system === true

/** The problem members of row errors: row/column/reason, plus the platform's usual field/message. */
export function problemErrors(errors: RowError[]) {
  return errors.map((e) => ({ ...e, field: `/rows/${e.row}/${e.column}`, message: e.reason }))
}

export function invalidRows(errors: RowError[], rows: number): AppError {
  const first = errors[0]
  return new AppError(
    'import.invalid_rows',
    first
      ? { vi: `${errors.length} lỗi; đầu tiên ở dòng ${first.row}, cột ${first.column}: ${first.reasonVi}`, en: `${errors.length} error(s); the first on row ${first.row}, column ${first.column}: ${first.reason}` }
      : undefined,
    { rows, errors: problemErrors(errors) },
  )
}

/** Same rule as the procedure service: catalogue.manage held over a whole province. */
export function isCatalogueManager(ctx: RequestContext): boolean {
  return holdsOverProvince(ctx.actor, 'catalogue.manage')
}

/** A unique violation on the national code (a procedure created by someone else meanwhile). */
function isNationalCodeTaken(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, constraint, detail, message } = error as { code?: unknown; constraint?: unknown; detail?: unknown; message?: unknown }
  return code === '23505' && [constraint, detail, message].some((text) => typeof text === 'string' && text.includes('national_code'))
}

export interface CatalogueImporterDeps {
  db: Kysely<DB>
  clock: Clock
  /** Called after an import that changed the catalogue (e.g. the procedure service's `invalidate`, so search sees it at once). */
  onChange?: () => void
}

export function createCatalogueImporter({ db, clock, onChange }: CatalogueImporterDeps) {
  const today = () => isoDate(localDay(clock.now()))

  function assertCanImport(ctx: ImportContext): void {
    if (!isSystem(ctx) && !isCatalogueManager(ctx)) throw new AppError('auth.forbidden')
  }

  /** Checks what can be checked before writing; throws import.invalid_rows when nothing may be written. */
  function prepare(ctx: ImportContext, input: ImportInput, options: ImportOptions) {
    assertCanImport(ctx)
    const errors = [...(input.errors ?? [])]
    const rows = input.rows ?? input.items.length + new Set(errors.map((e) => e.row)).size
    if (input.fileError || (options.mode === 'all_or_nothing' && errors.length)) throw invalidRows(errors, rows)
    const audit: AuditContext = isSystem(ctx) ? { actor: null, requestId: null, ip: null } : ctx
    const auditUnit = isSystem(ctx) ? { unitId: ctx.unitId, agencyId: null } : { unitId: ctx.actor.unitId, agencyId: ctx.actor.agencyId }
    const createdBy = isSystem(ctx) ? null : ctx.actor.userId
    options.onProgress?.(0, input.items.length)
    return { items: input.items, errors, rows, options, importId: randomUUID(), audit, auditUnit, createdBy, total: input.items.length }
  }

  /** Imports in one transaction of its own. */
  async function importCatalogue(ctx: ImportContext, input: ImportInput, options: ImportOptions): Promise<ImportResult> {
    const job = prepare(ctx, input, options)
    try {
      const result = await db.transaction().execute((trx) => writeItems(trx, job))
      if (result.imported) onChange?.()
      return result
    } catch (error) {
      if (isNationalCodeTaken(error)) throw new AppError('procedure.code_taken', { vi: 'Một mã thủ tục vừa được tạo ở nơi khác; hãy nhập lại', en: 'A national code was just created elsewhere; import again' })
      throw error
    }
  }

  /** Imports inside the caller's transaction (e.g. a seed that writes more in the same transaction); `onChange` is the caller's. */
  async function importCatalogueIn(trx: Transaction<DB>, ctx: ImportContext, input: ImportInput, options: ImportOptions): Promise<ImportResult> {
    return writeItems(trx, prepare(ctx, input, options))
  }

  async function writeItems(
    trx: Transaction<DB>,
    job: { items: ParsedItem[]; errors: RowError[]; rows: number; options: ImportOptions; importId: string; audit: AuditContext; auditUnit: { unitId: string; agencyId: string | null }; createdBy: string | null; total: number },
  ): Promise<ImportResult> {
    const { items, errors, options, importId, audit, auditUnit, createdBy } = job
    await repo.lockCatalogueImports(trx)
    const byCode = await repo.proceduresByCode(trx, items.flatMap((i) => (i.content.nationalCode ? [i.content.nationalCode] : [])))
    const byName = await repo.codelessProceduresByName(trx, items.flatMap((i) => (i.content.nationalCode ? [] : [i.content.name])))
    const known = new Set([...byCode.values(), ...[...byName.values()].flatMap((ids) => [...ids])])
    const versions = await repo.versionsOfProcedures(trx, [...known])
    const fieldId = repo.fieldResolver(trx)
    const now = clock.now()
    // One transaction, one moment: every entry of the import carries the same time.
    const at: Clock = { now: () => now }
    const status = options.publish ? 'published' : 'draft'
    const outcomes: ImportOutcome[] = []
    const counts = { created: 0, versions: 0, published: 0, skipped: 0 }
    const rowErrors: RowError[] = []

    let processed = 0
    const skipRow = (error: RowError) => {
      rowErrors.push(error)
      processed++
      options.onProgress?.(processed, job.total)
    }
    for (const item of items) {
      const { content, effectiveFrom } = item
      const field = await fieldId(content.field)
      if ('conflict' in field) {
        skipRow({ row: item.row, column: 'field_code', reason: `field code ${content.field.code} already belongs to the field "${field.conflict}"`, reasonVi: `mã lĩnh vực ${content.field.code} đã thuộc lĩnh vực "${field.conflict}"` })
        continue
      }
      let procedureId: string | undefined
      if (content.nationalCode) procedureId = byCode.get(content.nationalCode)
      else {
        const candidates = [...(byName.get(content.name) ?? [])]
        if (candidates.length > 1) {
          skipRow({
            row: item.row,
            column: 'name',
            reason: `${candidates.length} procedures without a national code have this name; give the national code, or change them in the web form`,
            reasonVi: `có ${candidates.length} thủ tục không có mã mang tên này; hãy ghi mã thủ tục, hoặc sửa trên giao diện web`,
          })
          continue
        }
        procedureId = candidates[0]
      }

      if (procedureId === undefined) {
        const id = await repo.insertProcedure(trx, content.nationalCode, now)
        const inserted = await repo.insertVersion(trx, { procedureId: id, version: 1, status, effectiveFrom, content, fieldId: field.id, createdBy, now })
        await recordAudit(trx, at, audit, {
          ...auditUnit,
          action: 'procedure.created',
          subjectType: 'procedure',
          subjectId: id,
          after: { version: 1, name: content.name, nationalCode: content.nationalCode, effectiveFrom, status, importId, row: item.row },
        })
        if (content.nationalCode) byCode.set(content.nationalCode, id)
        else byName.set(content.name, new Set([id]))
        versions.set(id, [{ id: inserted.id, procedure_id: id, version: 1, status, effective_from: effectiveFrom, content }])
        outcomes.push({ row: item.row, procedureId: id, version: 1, action: 'created', status })
        counts.created++
      } else {
        const existing = versions.get(procedureId) ?? []
        const row = contentToRow(content, effectiveFrom)
        const equal = existing
          .filter((v) => v.status !== 'withdrawn' && v.effective_from === effectiveFrom && sameContent(v.content, v.effective_from, row))
          .sort((a, b) => (a.status === b.status ? b.version - a.version : a.status === 'published' ? -1 : 1))[0]
        if (equal && (equal.status === 'published' || !options.publish)) {
          outcomes.push({ row: item.row, procedureId, version: equal.version, action: 'skipped', status: equal.status })
          counts.skipped++
        } else if (equal) {
          await repo.publishVersion(trx, equal.id, now)
          equal.status = 'published'
          await recordAudit(trx, at, audit, {
            ...auditUnit,
            action: 'procedure.published',
            subjectType: 'procedure',
            subjectId: procedureId,
            before: { version: equal.version, status: 'draft' },
            after: { version: equal.version, status: 'published', effectiveFrom, importId, row: item.row },
          })
          outcomes.push({ row: item.row, procedureId, version: equal.version, action: 'published', status: 'published' })
          counts.published++
        } else {
          const version = existing.reduce((max, v) => Math.max(max, v.version), 0) + 1
          const inserted = await repo.insertVersion(trx, { procedureId, version, status, effectiveFrom, content, fieldId: field.id, createdBy, now })
          await recordAudit(trx, at, audit, {
            ...auditUnit,
            action: 'procedure.version_created',
            subjectType: 'procedure',
            subjectId: procedureId,
            after: { version, name: content.name, nationalCode: content.nationalCode, effectiveFrom, status, importId, row: item.row },
          })
          existing.push({ id: inserted.id, procedure_id: procedureId, version, status, effective_from: effectiveFrom, content })
          versions.set(procedureId, existing)
          outcomes.push({ row: item.row, procedureId, version, action: 'version', status })
          counts.versions++
        }
      }
      processed++
      options.onProgress?.(processed, job.total)
    }

    if (rowErrors.length && options.mode === 'all_or_nothing') throw invalidRows([...errors, ...rowErrors].sort((a, b) => a.row - b.row), job.rows)
    const allErrors = [...errors, ...rowErrors].sort((a, b) => a.row - b.row)
    const report: ImportReport = { rows: job.rows, imported: counts.created + counts.versions + counts.published, skipped: counts.skipped, created: counts.created, versions: counts.versions, published: counts.published, errors: allErrors }
    await recordAudit(trx, at, audit, {
      ...auditUnit,
      action: 'procedure.catalogue_imported',
      subjectType: 'procedure_catalogue',
      subjectId: importId,
      after: { mode: options.mode, publish: options.publish, rows: report.rows, imported: report.imported, skipped: report.skipped, created: report.created, versions: report.versions, published: report.published, rowsInError: new Set(allErrors.map((e) => e.row)).size, ...(options.file ? { fileSize: options.file.size, fileSha256: options.file.sha256 } : {}) },
    })
    // Every server reloads its in-memory catalogue when the revision moves (ADR 0015: no trigger).
    await bumpCatalogueRevision(trx)
    return { ...report, importId, outcomes }
  }

  return {
    today,
    assertCanImport,
    importCatalogue,
    importCatalogueIn,

    /** The versions in force on a day (default today), one row each. */
    async exportRows(on?: string): Promise<CatalogueRow[]> {
      const rows = await repo.versionsInForce(db, on ?? today())
      return rows.map((r) => contentToRow(r.content, r.effectiveFrom))
    },

    /** A procedure as a package: the version in force today, or the given version. */
    async packageOf(procedureId: string, version?: number): Promise<ProcedurePackage> {
      const procedure = await db.selectFrom('procedures').select('id').where('id', '=', procedureId).executeTakeFirst()
      if (!procedure) throw new AppError('procedure.not_found')
      let chosen: { content: unknown; effective_from: string } | undefined | null
      if (version !== undefined) chosen = await repo.findVersionRow(db, procedureId, version)
      else {
        const all = await repo.publishedVersionsOf(db, procedureId)
        chosen = versionInForce(all.map((v) => ({ ...v, effectiveFrom: v.effective_from })), today())
      }
      if (!chosen) throw new AppError('procedure.version_not_found')
      return { format: 'cchc.procedure-package/1', effectiveFrom: chosen.effective_from, procedure: chosen.content as ProcedureContent }
    },

    /** A package becomes a new procedure, or a new version of the procedure it names (skipped when equal). */
    async importPackage(ctx: RequestContext, pkg: ProcedurePackage, publish: boolean): Promise<ImportOutcome> {
      assertCanImport(ctx)
      assertValidContent(pkg.procedure, '/body/procedure')
      const result = await importCatalogue(ctx, { items: [{ row: 1, content: pkg.procedure, effectiveFrom: pkg.effectiveFrom }] }, { mode: 'all_or_nothing', publish })
      return result.outcomes[0]!
    },
  }
}

function sameContent(existing: ProcedureContent, effectiveFrom: string, row: CatalogueRow): boolean {
  try {
    return sameRow(contentToRow(existing, effectiveFrom), row)
  } catch {
    // A stored content of another shape is never equal to a row.
    return false
  }
}
