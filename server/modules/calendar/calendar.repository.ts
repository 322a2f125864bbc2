/** SQL of calendar years, their days and agencies' office hours. */
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../platform/db/schema.ts'
import type { CalendarYear } from './calendar-year.ts'

type Executor = Kysely<DB> | Transaction<DB>

/** Stored years with their days; only `year` when given. */
export async function loadYears(db: Executor, year?: number): Promise<Array<CalendarYear & { updatedAt: Date }>> {
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
    days: days.filter((d) => d.year === y.year).map((d) => ({ date: d.date, kind: d.kind, name: d.name })),
  }))
}

/** Replaces everything stored for the year. */
export async function replaceYear(trx: Transaction<DB>, year: CalendarYear, userId: string | null, now: Date): Promise<void> {
  await trx.deleteFrom('calendar_days').where('year', '=', year.year).execute()
  await trx
    .insertInto('calendar_years')
    .values({ year: year.year, status: year.status, sources: year.sources, updated_at: now, updated_by: userId })
    .onConflict((oc) => oc.column('year').doUpdateSet({ status: year.status, sources: year.sources, updated_at: now, updated_by: userId }))
    .execute()
  if (year.days.length) {
    await trx.insertInto('calendar_days').values(year.days.map((d) => ({ date: d.date, year: year.year, kind: d.kind, name: d.name }))).execute()
  }
}

export function findOfficeHours(db: Executor, agencyId: string) {
  return db.selectFrom('agency_office_hours').selectAll().where('agency_id', '=', agencyId).executeTakeFirst()
}
