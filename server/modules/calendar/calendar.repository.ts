/** SQL of calendar years, their days and agencies' office hours. */
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.ts'
import { nextRowVersion } from '../../platform/db/concurrency.ts'
import type { CalendarYear } from './calendar-year.ts'

type Executor = Kysely<DB> | Transaction<DB>

/** Stored years with their days; only `year` when given. */
export async function loadYears(db: Executor, year?: number): Promise<Array<CalendarYear & { updatedAt: Date; rowVersion: number }>> {
  let yearQuery = db.selectFrom('calendar_years').selectAll().orderBy('year')
  let dayQuery = db.selectFrom('calendar_days').selectAll().orderBy('date')
  if (year !== undefined) {
    yearQuery = yearQuery.where('year', '=', year)
    dayQuery = dayQuery.where('year', '=', year)
  }
  const [years, days] = [await yearQuery.execute(), await dayQuery.execute()]
  return years.map((y) => ({
    year: y.year,
    status: y.status,
    sources: y.sources,
    updatedAt: y.updated_at,
    rowVersion: y.row_version,
    days: days.filter((d) => d.year === y.year).map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
  }))
}

/**
 * Replaces everything stored for the year, only if it still has row version `read` (0: not stored
 * yet); answers the new version, or null when another write came first (nothing is changed).
 */
export async function replaceYear(trx: Transaction<DB>, year: CalendarYear, userId: string | null, now: Date, read: number): Promise<number | null> {
  const written =
    read === 0
      ? await trx.insertInto('calendar_years').values({ year: year.year, status: year.status, sources: year.sources, updated_at: now, updated_by: userId }).onConflict((oc) => oc.column('year').doNothing()).returning('row_version').executeTakeFirst()
      : await trx.updateTable('calendar_years').set({ status: year.status, sources: year.sources, updated_at: now, updated_by: userId, row_version: nextRowVersion }).where('year', '=', year.year).where('row_version', '=', read).returning('row_version').executeTakeFirst()
  if (!written) return null
  await trx.deleteFrom('calendar_days').where('year', '=', year.year).execute()
  if (year.days.length) {
    await trx.insertInto('calendar_days').values(year.days.map((d) => ({ date: d.date, year: year.year, kind: d.kind, name: d.name }))).execute()
  }
  return written.row_version
}

/** The stored version of a year (0: not stored), read under a row lock until the transaction ends. */
export async function lockYearVersion(trx: Transaction<DB>, year: number): Promise<number> {
  const row = await trx.selectFrom('calendar_years').select('row_version').where('year', '=', year).forUpdate().executeTakeFirst()
  return row?.row_version ?? 0
}

export function findOfficeHours(db: Executor, agencyId: string) {
  return db.selectFrom('agency_office_hours').selectAll().where('agency_id', '=', agencyId).executeTakeFirst()
}

/**
 * Writes the agency's office hours only if they still have row version `read` (0: none stored);
 * answers the new version, or null when another write came first (nothing is changed).
 */
export async function writeOfficeHours(trx: Transaction<DB>, agencyId: string, values: { weekday_sessions: string; saturday_sessions: string; updated_at: Date }, read: number): Promise<number | null> {
  const written =
    read === 0
      ? await trx.insertInto('agency_office_hours').values({ agency_id: agencyId, ...values }).onConflict((oc) => oc.column('agency_id').doNothing()).returning('row_version').executeTakeFirst()
      : await trx.updateTable('agency_office_hours').set({ ...values, row_version: nextRowVersion }).where('agency_id', '=', agencyId).where('row_version', '=', read).returning('row_version').executeTakeFirst()
  return written?.row_version ?? null
}
