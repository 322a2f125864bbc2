/**
 * Row types of every table, as Kysely sees them. Kept by hand beside the SQL migrations
 * (server/migrations): a migration that changes a table changes this file in the same commit.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

/** A `date` column: always an ISO string 'yyyy-MM-dd' on both drivers. */
export type DateString = string
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export type UnitLevel = 'province' | 'district' | 'commune'
export type UnitKind =
  | 'province' | 'city' | 'district' | 'town' | 'provincial_city'
  | 'commune' | 'ward' | 'township' | 'special_zone'
export type AgencyKind =
  | 'peoples_committee' | 'department' | 'public_service_centre' | 'one_stop_unit'
  | 'home_affairs_office' | 'specialised_office' | 'other'
export type { RoleName } from '../../../contracts/auth.ts'
import type { RoleName } from '../../../contracts/auth.ts'

export interface AdminUnitsTable {
  id: Generated<string>
  code: string
  name: string
  level: UnitLevel
  kind: UnitKind
  parent_id: string | null
  path: string
  valid_from: DateString
  valid_to: DateString | null
  created_at: Timestamp
  updated_at: Timestamp
  /** Optimistic concurrency: bumped by every UPDATE that changes what an edit form shows (ADR 0011). */
  row_version: Generated<number>
}

export interface AdminUnitSuccessionsTable {
  predecessor_id: string
  successor_id: string
  effective_date: DateString
  legal_basis: string | null
}

export interface AgenciesTable {
  id: Generated<string>
  unit_id: string
  parent_id: string | null
  path: string
  name: string
  short_name: string | null
  kind: AgencyKind
  valid_from: DateString
  valid_to: DateString | null
  created_at: Timestamp
  updated_at: Timestamp
  /** Optimistic concurrency: bumped by every UPDATE that changes what an edit form shows (ADR 0011). */
  row_version: Generated<number>
}

export interface AgencyIdentityCodesTable {
  agency_id: string
  code: string
  valid_from: DateString
  valid_to: DateString | null
  legal_basis: string | null
}

export interface UsersTable {
  id: Generated<string>
  agency_id: string
  username: string
  display_name: string
  email: string | null
  password_hash: string
  status: 'active' | 'disabled'
  password_changed_at: Timestamp
  created_at: Timestamp
  updated_at: Timestamp
  /** Optimistic concurrency: bumped by every UPDATE that changes what an edit form shows (ADR 0011). */
  row_version: Generated<number>
}

export interface UserRolesTable {
  user_id: string
  role: RoleName
  scope_agency_id: string
  granted_at: Timestamp
}

export interface SignInThrottleTable {
  key: string
  scope: 'name_source' | 'name'
  user_id: string | null
  failures: number
  last_failure_at: TimestampNullable
  locked_until: TimestampNullable
}

export interface SessionsTable {
  unit_id: string
  id: Generated<string>
  user_id: string
  token_hash: string
  csrf_token: string
  created_at: Timestamp
  last_seen_at: Timestamp
  expires_at: Timestamp
  revoked_at: TimestampNullable
}

export interface ApiTokensTable {
  unit_id: string
  id: Generated<string>
  agency_id: string
  name: string
  token_prefix: string
  token_hash: string
  permissions: string[]
  created_by: string
  created_at: Timestamp
  expires_at: TimestampNullable
  revoked_at: TimestampNullable
  last_used_at: TimestampNullable
}

export interface AuditChainHeadsTable {
  unit_id: string
  last_seq: number
  last_hash: string
}

export interface AuditEntriesTable {
  unit_id: string
  seq: number
  occurred_at: Timestamp
  actor_type: 'user' | 'api_token' | 'system'
  actor_id: string | null
  actor_name: string
  action: string
  subject_type: string
  subject_id: string
  agency_id: string | null
  changes: ColumnType<unknown, string, string>
  request_id: string | null
  ip: string | null
  prev_hash: string
  hash: string
}

export interface CalendarYearsTable {
  year: number
  status: 'suggested' | 'confirmed'
  sources: string[]
  updated_at: Timestamp
  updated_by: string | null
  row_version: Generated<number>
}

export interface CalendarDaysTable {
  date: DateString
  year: number
  kind: 'HOLIDAY' | 'COMPENSATORY_OFF' | 'SWAPPED_OFF' | 'EXTRA_OFF' | 'SWAPPED_WORKDAY'
  name: string
}

export interface AgencyOfficeHoursTable {
  agency_id: string
  weekday_sessions: ColumnType<Array<{ start: string; end: string }>, string, string>
  saturday_sessions: ColumnType<Array<{ start: string; end: string }>, string, string>
  updated_at: Timestamp
  row_version: Generated<number>
}

export interface ProcedureFieldsTable {
  id: Generated<string>
  code: string | null
  name: string
}

export interface ProceduresTable {
  id: Generated<string>
  national_code: string | null
  created_at: Timestamp
  row_version: Generated<number>
}

export interface ProcedureVersionsTable {
  id: Generated<string>
  procedure_id: string
  version: number
  status: 'draft' | 'published' | 'withdrawn'
  effective_from: DateString
  name: string
  field_id: string
  content: ColumnType<unknown, string, string>
  /** Generated: vn_unaccent(name). */
  search_name: ColumnType<string, never, never>
  created_by: string | null
  created_at: Timestamp
  published_at: TimestampNullable
  /** Optimistic concurrency: bumped by every UPDATE that changes what an edit form shows (ADR 0011). */
  row_version: Generated<number>
}

export interface ProcedureAgenciesTable {
  procedure_id: string
  agency_id: string
  local_code: string | null
  online_level: 'full' | 'partial' | 'none'
  active: boolean
}

export interface CatalogueRevisionTable {
  id: number
  revision: number
}

export interface SchemaMigrationsTable {
  name: string
  checksum: string
  applied_at: Timestamp
}

/** A background catalogue import: its upload until it finishes, then its outcome (ADR 0010). */
export interface CatalogueImportJobsTable {
  unit_id: string
  /** The pg-boss job's id. */
  id: string
  owner_id: string
  state: Generated<'running' | 'done' | 'failed'>
  processed: Generated<number>
  total: Generated<number>
  report: ColumnType<unknown, string | null | undefined, string | null>
  error: ColumnType<unknown, string | null | undefined, string | null>
  /** The upload in the file store (ADR 0013), deleted when the job finishes. */
  file_key: string | null
  file_size: number | null
  file_sha256: string | null
  file_kind: 'xlsx' | 'csv' | null
  options: ColumnType<unknown, string, string>
  context: ColumnType<unknown, string | null, string | null>
  created_at: Generated<Date>
  finished_at: TimestampNullable
}

/** A blank form attached to a document of a procedure version; the bytes are in the file store (ADR 0013). */
export interface ProcedureFormTemplatesTable {
  version_id: string
  /** Position of the document in the version's `content.documents`. */
  document_index: number
  file_key: string
  file_name: string
  media_type: string
  size_bytes: number
  sha256: string
  uploaded_by: string
  uploaded_at: Timestamp
  row_version: Generated<number>
}

export interface DomainEventsTable {
  unit_id: string
  id: string
  type: string
  subject_id: string | null
  payload: ColumnType<unknown, string | undefined, string>
  actor_id: string | null
  occurred_at: Generated<Date>
}

export interface DB {
  admin_units: AdminUnitsTable
  admin_unit_successions: AdminUnitSuccessionsTable
  agencies: AgenciesTable
  agency_identity_codes: AgencyIdentityCodesTable
  users: UsersTable
  user_roles: UserRolesTable
  sign_in_throttle: SignInThrottleTable
  sessions: SessionsTable
  api_tokens: ApiTokensTable
  audit_chain_heads: AuditChainHeadsTable
  audit_entries: AuditEntriesTable
  schema_migrations: SchemaMigrationsTable
  calendar_years: CalendarYearsTable
  calendar_days: CalendarDaysTable
  agency_office_hours: AgencyOfficeHoursTable
  procedure_fields: ProcedureFieldsTable
  procedures: ProceduresTable
  procedure_versions: ProcedureVersionsTable
  procedure_agencies: ProcedureAgenciesTable
  catalogue_revision: CatalogueRevisionTable
  catalogue_import_jobs: CatalogueImportJobsTable
  procedure_form_templates: ProcedureFormTemplatesTable
  domain_events: DomainEventsTable
}

export type AdminUnit = Selectable<AdminUnitsTable>
export type Agency = Selectable<AgenciesTable>
export type User = Selectable<UsersTable>
export type NewUser = Insertable<UsersTable>
export type AuditEntryRow = Selectable<AuditEntriesTable>
