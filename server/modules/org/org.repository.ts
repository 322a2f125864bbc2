/** SQL of administrative units, agencies and identity codes, and their mapping to API shapes. */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Agency, AgencyDetail, Unit } from '../../../contracts/org.ts'
import type { AdminUnit, DB } from '../../platform/db/schema.ts'

export type Executor = Kysely<DB> | Transaction<DB>

/** Rows whose validity period contains the date. `table` qualifies the columns in joins. */
export function validOnFilter(validOn: string, table?: string) {
  const from = sql.ref(table ? `${table}.valid_from` : 'valid_from')
  const to = sql.ref(table ? `${table}.valid_to` : 'valid_to')
  return sql<boolean>`${from} <= ${validOn}::date and (${to} is null or ${to} >= ${validOn}::date)`
}

export async function findUnit(db: Executor, id: string) {
  return db.selectFrom('admin_units').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function unitsToApi(db: Executor, units: AdminUnit[]): Promise<Unit[]> {
  if (units.length === 0) return []
  const ids = units.map((unit) => unit.id)
  const links = await db
    .selectFrom('admin_unit_successions')
    .select(['predecessor_id', 'successor_id'])
    .where((eb) => eb.or([eb('predecessor_id', 'in', ids), eb('successor_id', 'in', ids)]))
    .execute()
  return units.map((unit) => ({
    id: unit.id,
    code: unit.code,
    name: unit.name,
    level: unit.level,
    kind: unit.kind,
    parentId: unit.parent_id,
    validFrom: unit.valid_from,
    validTo: unit.valid_to,
    predecessorIds: links.filter((l) => l.successor_id === unit.id).map((l) => l.predecessor_id),
    successorIds: links.filter((l) => l.predecessor_id === unit.id).map((l) => l.successor_id),
    rowVersion: unit.row_version,
  }))
}

/**
 * Agencies with their unit name and the identity code in force on `today` (or their latest).
 * `today` is the Vietnamese day from the service's clock, never the session's current_date (a
 * Citus worker may run in UTC, ADR 0015).
 */
export function selectAgencies(db: Executor, today: string) {
  return db
    .selectFrom('agencies')
    .innerJoin('admin_units', 'admin_units.id', 'agencies.unit_id')
    .select([
      'agencies.id',
      'agencies.unit_id',
      'admin_units.name as unit_name',
      'admin_units.path as unit_path',
      'agencies.parent_id',
      'agencies.path',
      'agencies.name',
      'agencies.short_name',
      'agencies.kind',
      'agencies.valid_from',
      'agencies.valid_to',
      'agencies.row_version',
      (eb) =>
        eb
          .selectFrom('agency_identity_codes')
          .select('agency_identity_codes.code')
          .whereRef('agency_identity_codes.agency_id', '=', 'agencies.id')
          // The code in force today; a code that takes effect later shows only when none is.
          .orderBy(sql`agency_identity_codes.valid_from <= ${today}::date`, 'desc')
          .orderBy('agency_identity_codes.valid_from', 'desc')
          .limit(1)
          .as('identity_code'),
    ])
}

export type AgencyRow = Awaited<ReturnType<ReturnType<typeof selectAgencies>['executeTakeFirstOrThrow']>>

export function agencyToApi(row: AgencyRow): Agency {
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    parentId: row.parent_id,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind,
    identityCode: row.identity_code ?? null,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    rowVersion: row.row_version,
  }
}

export async function agencyDetail(db: Executor, row: AgencyRow): Promise<AgencyDetail> {
  const codes = await db
    .selectFrom('agency_identity_codes')
    .select(['code', 'valid_from', 'valid_to', 'legal_basis'])
    .where('agency_id', '=', row.id)
    .orderBy('valid_from', 'desc')
    .execute()
  return {
    ...agencyToApi(row),
    identityCodes: codes.map((c) => ({ code: c.code, validFrom: c.valid_from, validTo: c.valid_to, legalBasis: c.legal_basis })),
  }
}

export function findAgency(db: Executor, id: string, today: string) {
  return selectAgencies(db, today).where('agencies.id', '=', id).executeTakeFirst()
}

/** True when the agency governs its unit: it has no parent, or its parent lies in another unit (ADR 0008). */
export async function governsItsUnit(db: Executor, agency: { parent_id: string | null; unit_id: string }): Promise<boolean> {
  if (agency.parent_id === null) return true
  const parent = await db.selectFrom('agencies').select('unit_id').where('id', '=', agency.parent_id).executeTakeFirst()
  return !parent || parent.unit_id !== agency.unit_id
}

/** True when the two periods [from, to] share a day (a null end is open). */
export function periodsOverlap(aFrom: string, aTo: string | null, bFrom: string, bTo: string | null): boolean {
  return (aTo === null || aTo >= bFrom) && (bTo === null || bTo >= aFrom)
}

/** The day before an ISO date. */
export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() - 1)
  return date.toISOString().slice(0, 10)
}
