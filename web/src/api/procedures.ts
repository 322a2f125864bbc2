/**
 * The procedure catalogue: the portal's search and procedure pages (no sign-in), and the
 * officials' editing cycle (versions, publishing, agencies, file import/export, JSON packages).
 */
import type { Static } from 'typebox'
import type {
  CreateProcedureBody,
  FieldSummary as FieldSummarySchema,
  NewVersionBody,
  Procedure,
  ProcedurePackage,
  ProcedureSummary,
  ProcedureVersion,
  SearchQuery,
  SetAgenciesBody,
  Suggestion as SuggestionSchema,
} from '../../../contracts/procedures.ts'
import { api, apiPath, request, withQuery } from './client.ts'

export type FieldSummary = Static<typeof FieldSummarySchema>
export type Suggestion = Static<typeof SuggestionSchema>
export interface SearchPage {
  items: ProcedureSummary[]
  total: number
}

/** One difference between two versions (GET /api/procedures/:id/compare). */
export interface ContentChange {
  path: string
  before: unknown
  after: unknown
}

/** A problem found in an imported file, named by row and column. */
export interface ImportRowError {
  row: number
  column: string
  reason: string
  reasonVi: string
}

/** What an import did (a dry run only reads: rows, valid and errors). */
export interface ImportReport {
  /** Data rows read. */
  rows: number
  /** Rows without any error. */
  valid?: number
  /** Rows that changed the catalogue (created + versions + published). */
  imported: number
  /** Rows equal to a version already there. */
  skipped: number
  created: number
  versions: number
  /** Existing equal drafts published. */
  published?: number
  errors: ImportRowError[]
}

/** A running import (POST …/imports?async=true answers 202 with its id); only its author sees it. */
export interface ImportJob {
  state: 'running' | 'done' | 'failed'
  processed: number
  /** Rows to write (0 until the file is read). */
  total: number
  report?: ImportReport
  /** Why a failed job failed, in the UI's language. */
  error?: { code: string; title: string; detail?: string; errors?: ImportRowError[] }
}

/** all_or_nothing (the server's default): any error writes nothing. */
export type ImportMode = 'all_or_nothing' | 'valid_rows_only'

/** What importing a package did. */
export interface PackageOutcome {
  procedureId: string
  version: number
  status: 'draft' | 'published' | 'withdrawn'
  action: 'created' | 'version' | 'published' | 'skipped'
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const CSV_TYPE = 'text/csv'

/** No sign-in needed: what the portal shows. */
export const publicProceduresApi = {
  search: (query: SearchQuery, signal?: AbortSignal) => api.get<SearchPage>('/api/public/procedures', query, signal),
  suggest: (q: string, signal?: AbortSignal) => api.get<Suggestion[]>('/api/public/procedures/suggest', { q }, signal),
  fields: (signal?: AbortSignal) => api.get<FieldSummary[]>('/api/public/procedure-fields', undefined, signal),
  agencies: (signal?: AbortSignal) => api.get<Array<{ id: string; name: string; count: number }>>('/api/public/procedure-agencies', undefined, signal),
  get: (id: string, signal?: AbortSignal) => api.get<Procedure>(apiPath('public', 'procedures', id), undefined, signal),
}

/** Officials (signed in); writes need catalogue.manage. */
export const proceduresApi = {
  drafts: (signal?: AbortSignal) => api.get<Array<{ procedureId: string; nationalCode: string | null; name: string; version: number; effectiveFrom: string; createdAt: string }>>('/api/procedures/drafts', undefined, signal),
  get: (id: string, on: string | undefined, signal?: AbortSignal) => api.get<Procedure>(apiPath('procedures', id), { on }, signal),
  getVersion: (id: string, version: number, signal?: AbortSignal) => api.get<ProcedureVersion>(apiPath('procedures', id, 'versions', String(version)), undefined, signal),
  compare: (id: string, from: number, to: number, signal?: AbortSignal) => api.get<ContentChange[]>(apiPath('procedures', id, 'compare'), { from, to }, signal),
  create: (body: CreateProcedureBody) => api.post<Procedure>('/api/procedures', body),
  createVersion: (id: string, body: NewVersionBody) => api.post<ProcedureVersion>(apiPath('procedures', id, 'versions'), body),
  /** `rowVersion`: the draft's version the editor was filled from (If-Match). */
  updateDraft: (id: string, version: number, body: NewVersionBody, rowVersion: number) => api.put<ProcedureVersion>(apiPath('procedures', id, 'versions', String(version)), body, rowVersion),
  publish: (id: string, version: number) => api.post<ProcedureVersion>(apiPath('procedures', id, 'versions', String(version), 'publish')),
  withdraw: (id: string, version: number) => api.post<ProcedureVersion>(apiPath('procedures', id, 'versions', String(version), 'withdraw')),
  setAgencies: (id: string, body: SetAgenciesBody) => api.put<Procedure>(apiPath('procedures', id, 'agencies'), body),

  /** Downloads (same session cookie; the server names the files). */
  exportUrl: (format: 'xlsx' | 'csv', on?: string) => withQuery(`/api/procedures/export.${format}`, { on }),
  packageUrl: (id: string, version?: number) => withQuery(apiPath('procedures', id, 'package'), { version }),
  packageSchemaUrl: '/api/procedures/package.schema.json',

  /** Checks a file without importing anything. */
  dryRunImport: (file: Blob, contentType: string) => api.upload<ImportReport>('/api/procedures/imports', file, contentType, { dryRun: true }),
  /** Starts an import in the background (202 { jobId }); a server without jobs answers with the report at once. */
  startImport: (file: Blob, contentType: string, options: { mode: ImportMode; publish: boolean }) =>
    api.upload<ImportReport | { jobId: string }>('/api/procedures/imports', file, contentType, { async: true, mode: options.mode, publish: options.publish || undefined }),
  importJob: (jobId: string, signal?: AbortSignal) => api.get<ImportJob>(apiPath('procedures', 'imports', jobId), undefined, signal),
  /** A package from another deployment becomes a procedure (a new version when its code exists). */
  uploadPackage: (pkg: ProcedurePackage, publish: boolean) => request<PackageOutcome>('POST', withQuery('/api/procedures/packages', { publish: publish || undefined }), { body: pkg }),
}
