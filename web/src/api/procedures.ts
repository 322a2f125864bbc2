/**
 * The procedure catalogue: the portal's search and procedure pages (no sign-in), and the
 * officials' editing cycle (versions, publishing, agencies, file import/export, JSON packages).
 * Types derived from the route table (routes.ts).
 */
import type { Static } from 'typebox'
import type { CreateProcedureBody, FieldSummary as FieldSummarySchema, NewVersionBody, ProcedurePackage, SearchQuery, SearchResult, SetAgenciesBody, Suggestion as SuggestionSchema } from '../../../contracts/procedures.ts'
import { api } from './client.ts'
import type {
  ContentChanges,
  ImportJob as ImportJobSchema,
  ImportQuery,
  ImportReport as ImportReportSchema,
  ImportRowError as ImportRowErrorSchema,
  PackageOutcome as PackageOutcomeSchema,
  StartedImport,
} from './inlineSchemas.ts'
import { callApi, endpointUrl, routes } from './routes.ts'

export type FieldSummary = Static<typeof FieldSummarySchema>
export type Suggestion = Static<typeof SuggestionSchema>
export type SearchPage = Static<typeof SearchResult>
/** One difference between two versions (GET /api/procedures/:id/compare). */
export type ContentChange = Static<typeof ContentChanges>[number]
/** A problem found in an imported file, named by row and column. */
export type ImportRowError = Static<typeof ImportRowErrorSchema>
/** What an import did (a dry run only reads: rows, valid and errors). */
export type ImportReport = Static<typeof ImportReportSchema>
/** A running import (POST …/imports?async=true answers 202 with its id); only its author sees it. */
export type ImportJob = Static<typeof ImportJobSchema>
/** all_or_nothing (the server's default): any error writes nothing. */
export type ImportMode = NonNullable<Static<typeof ImportQuery>['mode']>
/** What importing a package did. */
export type PackageOutcome = Static<typeof PackageOutcomeSchema>

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const CSV_TYPE = 'text/csv'

/** No sign-in needed: what the portal shows. */
export const publicProceduresApi = {
  search: (query: SearchQuery, signal?: AbortSignal) => callApi(routes.searchProcedures, { query, signal }),
  suggest: (q: string, signal?: AbortSignal) => callApi(routes.suggestProcedures, { query: { q }, signal }),
  fields: (signal?: AbortSignal) => callApi(routes.procedureFields, { signal }),
  agencies: (signal?: AbortSignal) => callApi(routes.procedureAgencies, { signal }),
  get: (id: string, signal?: AbortSignal) => callApi(routes.getPublicProcedure, { params: { id }, signal }),
}

/** Officials (signed in); writes need catalogue.manage. */
export const proceduresApi = {
  drafts: (signal?: AbortSignal) => callApi(routes.procedureDrafts, { signal }),
  get: (id: string, on: string | undefined, signal?: AbortSignal) => callApi(routes.getProcedure, { params: { id }, query: { on }, signal }),
  getVersion: (id: string, version: number, signal?: AbortSignal) => callApi(routes.getProcedureVersion, { params: { id, version }, signal }),
  compare: (id: string, from: number, to: number, signal?: AbortSignal) => callApi(routes.compareProcedureVersions, { params: { id }, query: { from, to }, signal }),
  create: (body: CreateProcedureBody) => callApi(routes.createProcedure, { body }),
  createVersion: (id: string, body: NewVersionBody) => callApi(routes.createProcedureVersion, { params: { id }, body }),
  /** `rowVersion`: the draft's version the editor was filled from (If-Match). */
  updateDraft: (id: string, version: number, body: NewVersionBody, rowVersion: number) => callApi(routes.updateProcedureDraft, { params: { id, version }, body, ifMatch: rowVersion }),
  publish: (id: string, version: number) => callApi(routes.publishProcedureVersion, { params: { id, version } }),
  withdraw: (id: string, version: number) => callApi(routes.withdrawProcedureVersion, { params: { id, version } }),
  setAgencies: (id: string, body: SetAgenciesBody) => callApi(routes.setProcedureAgencies, { params: { id }, body }),

  /** Downloads (same session cookie; the server names the files). */
  exportUrl: (format: 'xlsx' | 'csv', on?: string) => endpointUrl(format === 'xlsx' ? routes.exportProceduresXlsx : routes.exportProceduresCsv, { query: { on } }),
  packageUrl: (id: string, version?: number) => endpointUrl(routes.procedurePackage, { params: { id }, query: { version } }),
  packageSchemaUrl: routes.procedurePackageSchema.path,

  /** Checks a file without importing anything. */
  dryRunImport: (file: Blob, contentType: string) => api.upload<ImportReport>(routes.importProcedures.path, file, contentType, { dryRun: true }),
  /** Starts an import in the background (202 { jobId }); a server without jobs answers with the report at once. */
  startImport: (file: Blob, contentType: string, options: { mode: ImportMode; publish: boolean }) =>
    api.upload<ImportReport | Static<typeof StartedImport>>(routes.importProcedures.path, file, contentType, { async: true, mode: options.mode, publish: options.publish || undefined }),
  importJob: (jobId: string, signal?: AbortSignal) => callApi(routes.procedureImportJob, { params: { jobId }, signal }),
  /** A package from another deployment becomes a procedure (a new version when its code exists). */
  uploadPackage: (pkg: ProcedurePackage, publish: boolean) => callApi(routes.uploadProcedurePackage, { query: { publish: publish || undefined }, body: pkg }),
}
