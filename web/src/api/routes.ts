/**
 * Every API endpoint the web app calls, with its schemas from contracts/: one row gives the method,
 * the path, the params / query / body it takes and the response schema the server serialises
 * through. `callApi(routes.x, …)` takes and returns the `Static<>` types of those schemas, so a call
 * and its types cannot drift apart; routes.test.ts checks every row against the server's own route
 * definitions (same method and path, equal response schema for the same status).
 *
 * `response: null` marks a file download (XLSX, CSV, a JSON package as a file); such rows are
 * checked for their method, path, params and query.
 */
import Type, { type Static, type TSchema } from 'typebox'
import { AuditListQuery, AuditPage } from '../../../contracts/audit.ts'
import { ApiToken, ChangePasswordBody, CreateApiTokenBody, CreatedApiToken, CurrentUser, SignInBody } from '../../../contracts/auth.ts'
import { CalendarYear, CalendarYearBody, DueDate, DueDateQuery, OfficeHours, OfficeHoursRecord, YearParams } from '../../../contracts/calendar.ts'
import { IdParams } from '../../../contracts/common.ts'
import { Agency, AgencyDetail, AgencyListQuery, AssignIdentityCodeBody, CreateAgencyBody, CreateUnitBody, CreateUserBody, ResetPasswordBody, RoleInfo, SetRolesBody, Unit, UnitListQuery, UpdateAgencyBody, UpdateUnitBody, UpdateUserBody, UserListQuery, UserSummary } from '../../../contracts/org.ts'
import { CreateProcedureBody, FieldSummary, NewVersionBody, Procedure, ProcedureVersion, SearchQuery, SearchResult, SetAgenciesBody, Suggestion, VersionParams } from '../../../contracts/procedures.ts'
import { request, type Query } from './client.ts'
import { CompareQuery, ContentChanges, DraftList, FailedJobList, FailedJobsQuery, ImportJob, ImportQuery, ImportReport, JobParams, OnQuery, PackageBody, PackageOutcome, PackageQuery, ProcedureAgencyCounts, PublishQuery, SignOutEverywhereResult, SuggestQuery, UserPage } from './inlineSchemas.ts'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface Endpoint {
  method: HttpMethod
  /** Fastify-style path: `/api/units/:id`. */
  path: `/api/${string}`
  /** The success status whose response schema is `response`. */
  status: number
  params?: TSchema
  query?: TSchema
  body?: TSchema
  response: TSchema | null
  /** The write takes `If-Match: "<rowVersion>"` (ADR 0011). */
  ifMatch?: boolean
  /** The body is a file sent as is (XLSX, CSV), described by the server's schema only. */
  rawBody?: true
}

function endpoint<const E extends Endpoint>(definition: E): E {
  return definition
}

const NoContent = Type.Null()

export const routes = {
  // auth
  signIn: endpoint({ method: 'POST', path: '/api/auth/sign-in', status: 200, body: SignInBody, response: CurrentUser }),
  me: endpoint({ method: 'GET', path: '/api/auth/me', status: 200, response: CurrentUser }),
  signOut: endpoint({ method: 'POST', path: '/api/auth/sign-out', status: 204, response: NoContent }),
  signOutEverywhere: endpoint({ method: 'POST', path: '/api/auth/sign-out-everywhere', status: 200, response: SignOutEverywhereResult }),
  changePassword: endpoint({ method: 'POST', path: '/api/auth/password', status: 204, body: ChangePasswordBody, response: NoContent }),

  // API tokens
  listApiTokens: endpoint({ method: 'GET', path: '/api/api-tokens', status: 200, response: Type.Array(ApiToken) }),
  createApiToken: endpoint({ method: 'POST', path: '/api/api-tokens', status: 201, body: CreateApiTokenBody, response: CreatedApiToken }),
  revokeApiToken: endpoint({ method: 'DELETE', path: '/api/api-tokens/:id', status: 204, params: IdParams, response: NoContent }),

  // org: units, agencies
  myAgency: endpoint({ method: 'GET', path: '/api/me/agency', status: 200, response: Agency }),
  listUnits: endpoint({ method: 'GET', path: '/api/units', status: 200, query: UnitListQuery, response: Type.Array(Unit) }),
  getUnit: endpoint({ method: 'GET', path: '/api/units/:id', status: 200, params: IdParams, response: Unit }),
  createUnit: endpoint({ method: 'POST', path: '/api/units', status: 201, body: CreateUnitBody, response: Unit }),
  updateUnit: endpoint({ method: 'PATCH', path: '/api/units/:id', status: 200, params: IdParams, body: UpdateUnitBody, response: Unit, ifMatch: true }),
  listAgencies: endpoint({ method: 'GET', path: '/api/agencies', status: 200, query: AgencyListQuery, response: Type.Array(Agency) }),
  getAgency: endpoint({ method: 'GET', path: '/api/agencies/:id', status: 200, params: IdParams, response: AgencyDetail }),
  createAgency: endpoint({ method: 'POST', path: '/api/agencies', status: 201, body: CreateAgencyBody, response: AgencyDetail }),
  updateAgency: endpoint({ method: 'PATCH', path: '/api/agencies/:id', status: 200, params: IdParams, body: UpdateAgencyBody, response: AgencyDetail, ifMatch: true }),
  assignIdentityCode: endpoint({ method: 'POST', path: '/api/agencies/:id/identity-codes', status: 201, params: IdParams, body: AssignIdentityCodeBody, response: AgencyDetail, ifMatch: true }),

  // org: officials and roles
  listUsers: endpoint({ method: 'GET', path: '/api/users', status: 200, query: UserListQuery, response: UserPage }),
  getUser: endpoint({ method: 'GET', path: '/api/users/:id', status: 200, params: IdParams, response: UserSummary }),
  createUser: endpoint({ method: 'POST', path: '/api/users', status: 201, body: CreateUserBody, response: UserSummary }),
  updateUser: endpoint({ method: 'PATCH', path: '/api/users/:id', status: 200, params: IdParams, body: UpdateUserBody, response: UserSummary, ifMatch: true }),
  setUserRoles: endpoint({ method: 'PUT', path: '/api/users/:id/roles', status: 200, params: IdParams, body: SetRolesBody, response: UserSummary, ifMatch: true }),
  resetUserPassword: endpoint({ method: 'POST', path: '/api/users/:id/password', status: 204, params: IdParams, body: ResetPasswordBody, response: NoContent }),
  unlockUserSignIn: endpoint({ method: 'POST', path: '/api/users/:id/sign-in-unlock', status: 200, params: IdParams, response: UserSummary }),
  listRoles: endpoint({ method: 'GET', path: '/api/roles', status: 200, response: Type.Array(RoleInfo) }),

  // audit
  listAuditEntries: endpoint({ method: 'GET', path: '/api/audit-entries', status: 200, query: AuditListQuery, response: AuditPage }),

  // calendar
  getCalendarYear: endpoint({ method: 'GET', path: '/api/calendar/years/:year', status: 200, params: YearParams, response: CalendarYear }),
  saveCalendarYear: endpoint({ method: 'PUT', path: '/api/calendar/years/:year', status: 200, params: YearParams, body: CalendarYearBody, response: CalendarYear }),
  exportCalendarYear: endpoint({ method: 'GET', path: '/api/calendar/years/:year/export', status: 200, params: YearParams, response: CalendarYearBody }),
  getOfficeHours: endpoint({ method: 'GET', path: '/api/agencies/:id/office-hours', status: 200, params: IdParams, response: OfficeHoursRecord }),
  setOfficeHours: endpoint({ method: 'PUT', path: '/api/agencies/:id/office-hours', status: 200, params: IdParams, body: OfficeHours, response: OfficeHoursRecord, ifMatch: true }),
  dueDate: endpoint({ method: 'GET', path: '/api/public/due-date', status: 200, query: DueDateQuery, response: DueDate }),

  // procedures: public
  searchProcedures: endpoint({ method: 'GET', path: '/api/public/procedures', status: 200, query: SearchQuery, response: SearchResult }),
  suggestProcedures: endpoint({ method: 'GET', path: '/api/public/procedures/suggest', status: 200, query: SuggestQuery, response: Type.Array(Suggestion) }),
  procedureFields: endpoint({ method: 'GET', path: '/api/public/procedure-fields', status: 200, response: Type.Array(FieldSummary) }),
  procedureAgencies: endpoint({ method: 'GET', path: '/api/public/procedure-agencies', status: 200, response: ProcedureAgencyCounts }),
  getPublicProcedure: endpoint({ method: 'GET', path: '/api/public/procedures/:id', status: 200, params: IdParams, response: Procedure }),

  // procedures: officials
  procedureDrafts: endpoint({ method: 'GET', path: '/api/procedures/drafts', status: 200, response: DraftList }),
  getProcedure: endpoint({ method: 'GET', path: '/api/procedures/:id', status: 200, params: IdParams, query: OnQuery, response: Procedure }),
  getProcedureVersion: endpoint({ method: 'GET', path: '/api/procedures/:id/versions/:version', status: 200, params: VersionParams, response: ProcedureVersion }),
  compareProcedureVersions: endpoint({ method: 'GET', path: '/api/procedures/:id/compare', status: 200, params: IdParams, query: CompareQuery, response: ContentChanges }),
  createProcedure: endpoint({ method: 'POST', path: '/api/procedures', status: 201, body: CreateProcedureBody, response: Procedure }),
  createProcedureVersion: endpoint({ method: 'POST', path: '/api/procedures/:id/versions', status: 201, params: IdParams, body: NewVersionBody, response: ProcedureVersion }),
  updateProcedureDraft: endpoint({ method: 'PUT', path: '/api/procedures/:id/versions/:version', status: 200, params: VersionParams, body: NewVersionBody, response: ProcedureVersion, ifMatch: true }),
  publishProcedureVersion: endpoint({ method: 'POST', path: '/api/procedures/:id/versions/:version/publish', status: 200, params: VersionParams, response: ProcedureVersion, ifMatch: true }),
  withdrawProcedureVersion: endpoint({ method: 'POST', path: '/api/procedures/:id/versions/:version/withdraw', status: 200, params: VersionParams, response: ProcedureVersion, ifMatch: true }),
  setProcedureAgencies: endpoint({ method: 'PUT', path: '/api/procedures/:id/agencies', status: 200, params: IdParams, body: SetAgenciesBody, response: Procedure }),

  // procedures: files (downloads, imports, packages)
  exportProceduresXlsx: endpoint({ method: 'GET', path: '/api/procedures/export.xlsx', status: 200, query: OnQuery, response: null }),
  exportProceduresCsv: endpoint({ method: 'GET', path: '/api/procedures/export.csv', status: 200, query: OnQuery, response: null }),
  procedurePackage: endpoint({ method: 'GET', path: '/api/procedures/:id/package', status: 200, params: IdParams, query: PackageQuery, response: null }),
  procedurePackageSchema: endpoint({ method: 'GET', path: '/api/procedures/package.schema.json', status: 200, response: null }),
  /** The body is the XLSX or CSV file itself (`upload`); 202 `{ jobId }` with `async: true`. */
  importProcedures: endpoint({ method: 'POST', path: '/api/procedures/imports', status: 200, query: ImportQuery, rawBody: true, response: ImportReport }),
  procedureImportJob: endpoint({ method: 'GET', path: '/api/procedures/imports/:jobId', status: 200, params: JobParams, response: ImportJob }),
  uploadProcedurePackage: endpoint({ method: 'POST', path: '/api/procedures/packages', status: 200, query: PublishQuery, body: PackageBody, response: PackageOutcome }),

  // platform: the job queue
  failedJobs: endpoint({ method: 'GET', path: '/api/jobs/failed', status: 200, query: FailedJobsQuery, response: FailedJobList }),
} as const satisfies Record<string, Endpoint>

export type Routes = typeof routes
export type RouteName = keyof Routes

/** True when every property of T is optional (so `{}` is a valid T). */
export type AllOptional<T> = Partial<T> extends T ? true : false

/** What a call of endpoint E takes: its params, query and body as their contract types. */
export type EndpointInput<E extends Endpoint> = (E['params'] extends TSchema ? { params: Static<E['params']> } : { params?: never }) &
  (E['query'] extends TSchema ? (AllOptional<Static<E['query']>> extends true ? { query?: Static<E['query']> } : { query: Static<E['query']> }) : { query?: never }) &
  (E['body'] extends TSchema ? { body: Static<E['body']> } : { body?: never }) &
  (E['ifMatch'] extends true ? { ifMatch?: number } : { ifMatch?: never }) & { signal?: AbortSignal }

/** What endpoint E answers: the `Static<>` type of its response schema (nothing for 204). */
export type EndpointOutput<E extends Endpoint> = E['response'] extends TSchema ? (Static<E['response']> extends null ? void : Static<E['response']>) : unknown

/** `/api/units/:id` + `{ id }` → `/api/units/<id, encoded>`. */
export function fillPath(path: string, params?: Record<string, unknown>): string {
  return path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === null || value === '') throw new Error(`missing path parameter ${name} of ${path}`)
    return encodeURIComponent(String(value))
  })
}

/** The address of a GET endpoint (e.g. a download link) with its query. */
export function endpointUrl<E extends Endpoint>(route: E, input: Omit<EndpointInput<E>, 'signal'> = {} as Omit<EndpointInput<E>, 'signal'>): string {
  const { params, query } = input as { params?: Record<string, unknown>; query?: Query }
  const path = fillPath(route.path, params)
  if (!query) return path
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value))
  const text = search.toString()
  return text ? `${path}?${text}` : path
}

/** Calls an endpoint through the client (CSRF token, Accept-Language, problem → ApiError, If-Match). */
export function callApi<E extends Endpoint>(route: E, ...[input]: AllOptional<EndpointInput<E>> extends true ? [input?: EndpointInput<E>] : [input: EndpointInput<E>]): Promise<EndpointOutput<E>> {
  const { params, query, body, ifMatch, signal } = (input ?? {}) as { params?: Record<string, unknown>; query?: Query; body?: unknown; ifMatch?: number; signal?: AbortSignal }
  return request<EndpointOutput<E>>(route.method, fillPath(route.path, params), { query, body, ifMatch, signal })
}

/**
 * The react-query key of a call: the path's segments, then params and query. Invalidating a
 * prefix (`queryKeyOf('/api/units')`) refreshes the list and every record below it.
 */
export function queryKeyOf(path: string, params?: unknown, query?: unknown): readonly unknown[] {
  const segments = path.split('/').filter(Boolean)
  return params === undefined && query === undefined ? segments : [...segments, params ?? null, query ?? null]
}

export function endpointQueryKey<E extends Endpoint>(route: E, input?: Omit<EndpointInput<E>, 'signal'>): readonly unknown[] {
  const { params, query } = (input ?? {}) as { params?: unknown; query?: unknown }
  return queryKeyOf(route.path, params ?? null, query ?? null)
}

