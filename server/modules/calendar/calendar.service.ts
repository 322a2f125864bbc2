/**
 * The working calendar as a service: stored years (administrators confirm what the government
 * announces), the in-memory working-day index built from them, deadline computation for the
 * portal, and agencies' office hours.
 */
import { sql, type Kysely } from 'kysely'
import type { CalendarYear as CalendarYearDto, CalendarYearBody, DueDate, DueDateQuery, OfficeHours as OfficeHoursDto, OfficeHoursRecord } from '../../../contracts/calendar.ts'
import { can, holdsOverProvince, type RequestContext } from '../../platform/auth/actor.ts'
import { recordAudit } from '../../platform/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import { assertVersion, staleWrite } from '../../platform/db/concurrency.ts'
import type { DB } from '../../platform/db/schema.ts'
import { AppError } from '../../platform/errors.ts'
import { findAgencyPlacement } from '../org/index.ts'
import * as repo from './calendar.repository.ts'
import { suggestYear, validateYear, type CalendarYear } from './calendar-year.ts'
import { computeAppointment, DEFAULT_OFFICE_HOURS, DeadlineInputError, validateOfficeHours, type OfficeHours } from './deadlines.ts'
import { officialSchedules } from './official-schedules.ts'
import { formatClock, parseClock } from '../../platform/time/vietnam-time.ts'
import { WorkingCalendar } from './working-calendar.ts'

export interface CalendarServiceDeps {
  db: Kysely<DB>
  clock: Clock
  /** How long another server's calendar change may take to be seen here. */
  refreshMs?: number
}

export type CalendarService = ReturnType<typeof createCalendarService>

/**
 * Stores the shipped official years that the database lacks. Never overwrites a stored year:
 * what an administrator entered wins. Shipped data is part of the release, like a migration.
 */
export async function ensureOfficialCalendar(db: Kysely<DB>): Promise<number[]> {
  const stored = new Set((await db.selectFrom('calendar_years').select('year').execute()).map((r) => r.year))
  const missing = officialSchedules().filter((y) => !stored.has(y.year))
  if (missing.length) {
    await db.transaction().execute(async (trx) => {
      for (const year of missing) await repo.replaceYear(trx, year, null, new Date(), 0)
    })
  }
  return missing.map((y) => y.year)
}

function sessionsFromDto(sessions: Array<{ start: string; end: string }>): OfficeHours['sessions'] {
  return sessions.map((s) => ({ start: parseClock(s.start), end: s.end === '24:00' ? 1440 : parseClock(s.end) }))
}

function sessionsToDto(hours: OfficeHours): Array<{ start: string; end: string }> {
  return hours.sessions.map((s) => ({ start: formatClock(s.start), end: formatClock(s.end) }))
}

export function createCalendarService({ db, clock, refreshMs = 30_000 }: CalendarServiceDeps) {
  let cached: { calendar: WorkingCalendar; version: string; checkedAt: number } | null = null

  async function version(): Promise<string> {
    const row = await db
      .selectFrom('calendar_years')
      .select([sql<string>`coalesce(max(updated_at)::text, '')`.as('latest'), sql<number>`count(*)::int`.as('years')])
      .executeTakeFirstOrThrow()
    return `${row.latest}/${row.years}`
  }

  /** The working-day index, rebuilt when a stored year changed (checked at most every `refreshMs`). */
  async function workingCalendar(): Promise<WorkingCalendar> {
    const now = Date.now()
    if (cached && now - cached.checkedAt < refreshMs) return cached.calendar
    const current = await version()
    if (cached && cached.version === current) {
      cached.checkedAt = now
      return cached.calendar
    }
    const calendar = WorkingCalendar.fromYears(await repo.loadYears(db))
    cached = { calendar, version: current, checkedAt: now }
    return calendar
  }

  function assertCalendarManager(ctx: RequestContext): void {
    // The calendar is national: only an administrator over a whole province may change it.
    if (!holdsOverProvince(ctx.actor, 'calendar.manage')) throw new AppError('auth.forbidden')
  }

  async function officeHoursOf(agencyId: string | undefined): Promise<OfficeHours> {
    if (!agencyId) return DEFAULT_OFFICE_HOURS
    const row = await repo.findOfficeHours(db, agencyId)
    return row ? { sessions: sessionsFromDto(row.weekday_sessions) } : DEFAULT_OFFICE_HOURS
  }

  return {
    workingCalendar,

    /** A year as stored, or as suggested when nothing is stored, with the suggestions beside it. */
    async getYear(year: number): Promise<CalendarYearDto> {
      const [stored] = await repo.loadYears(db, year)
      const suggestion = suggestYear(year)
      return {
        year,
        status: stored?.status ?? 'suggested',
        stored: Boolean(stored),
        sources: stored?.sources ?? suggestion.sources,
        days: stored?.days ?? suggestion.days,
        suggestions: suggestion.days,
        updatedAt: stored?.updatedAt.toISOString() ?? null,
        rowVersion: stored?.rowVersion ?? 0,
      }
    },

    /** Saves a year from the announcement; refuses a contradictory one and names each field. */
    /** Stores the year; with `expected` (If-Match), only if it still has that version (0: not stored yet). */
    async saveYear(ctx: RequestContext, year: number, body: CalendarYearBody, expected?: number): Promise<CalendarYearDto> {
      assertCalendarManager(ctx)
      if (body.year !== undefined && body.year !== year) {
        throw new AppError('calendar.invalid_year', { vi: `Tệp là lịch năm ${body.year}, không phải năm ${year}`, en: `The file holds ${body.year}, not ${year}` }, { errors: [{ field: '/body/year', message: `must be ${year}` }] })
      }
      const next: CalendarYear = { year, status: body.status, sources: body.sources.map((s) => s.trim()).filter(Boolean), days: [...body.days].sort((a, b) => a.date.localeCompare(b.date)) }
      const issues = validateYear(next)
      if (issues.length) {
        const first = issues[0]!
        throw new AppError('calendar.invalid_year', { vi: `${first.field}: ${first.message}`, en: `${first.field}: ${first.message}` }, { errors: issues.map((i) => ({ field: `/body${i.field}`, message: i.message })) })
      }
      await db.transaction().execute(async (trx) => {
        const read = await repo.lockYearVersion(trx, year)
        assertVersion(expected, read)
        const [before] = await repo.loadYears(trx, year)
        // Two first saves of one year race on the insert: the second answers 409 with version 1.
        if ((await repo.replaceYear(trx, next, ctx.actor.userId, clock.now(), read)) === null) throw staleWrite(Math.max(1, await repo.lockYearVersion(trx, year)))
        const key = (d: { date: string; kind: string }) => `${d.date} ${d.kind}`
        const oldKeys = new Set((before?.days ?? []).map(key))
        const newKeys = new Set(next.days.map(key))
        await recordAudit(trx, clock, ctx, {
          unitId: ctx.actor.unitId,
          agencyId: ctx.actor.agencyId,
          action: 'calendar.year_saved',
          subjectType: 'calendar_year',
          subjectId: String(year),
          before: before ? { status: before.status, sources: before.sources, days: before.days.length } : null,
          after: {
            status: next.status,
            sources: next.sources,
            days: next.days.length,
            added: [...newKeys].filter((k) => !oldKeys.has(k)),
            removed: [...oldKeys].filter((k) => !newKeys.has(k)),
          },
        })
      })
      cached = null
      return this.getYear(year)
    },

    /** "Submitted now, the result is due on …" for the portal. */
    async dueDate(query: DueDateQuery): Promise<DueDate> {
      const receivedAt = query.receivedAt ? new Date(query.receivedAt) : clock.now()
      const hours = await officeHoursOf(query.agencyId)
      try {
        const result = computeAppointment(await workingCalendar(), hours, {
          receivedAt,
          limit: { value: query.value, unit: query.unit },
          options: { cutoff: query.cutoff, dueTime: query.dueTime },
        })
        return {
          receivedAt: receivedAt.toISOString(),
          countsFrom: result.countsFrom.toISOString(),
          appointment: result.original.toISOString(),
          provisional: result.provisional,
          unconfirmedYears: result.unconfirmedYears,
        }
      } catch (error) {
        if (error instanceof DeadlineInputError) {
          const field = `/querystring${error.field.replace('/limit', '').replace('/options', '')}`
          throw new AppError('calendar.invalid_input', { vi: `${field}: ${error.message}`, en: `${field}: ${error.message}` }, { errors: [{ field, message: error.message }] })
        }
        throw error
      }
    },

    async getOfficeHours(ctx: RequestContext, agencyId: string): Promise<OfficeHoursRecord> {
      const agency = await findAgencyPlacement(db, agencyId)
      if (!agency || !can(ctx.actor, 'org.read', agency.path)) throw new AppError('agency.not_found')
      const row = await repo.findOfficeHours(db, agencyId)
      return row
        ? { weekdaySessions: row.weekday_sessions, saturdaySessions: row.saturday_sessions, rowVersion: row.row_version }
        : { weekdaySessions: sessionsToDto(DEFAULT_OFFICE_HOURS), saturdaySessions: [], rowVersion: 0 }
    },

    /** Sets the agency's office hours; with `expected` (If-Match), only if they still have that version (0: none stored). */
    async setOfficeHours(ctx: RequestContext, agencyId: string, body: OfficeHoursDto, expected?: number): Promise<OfficeHoursRecord> {
      for (const [field, sessions] of [['weekdaySessions', body.weekdaySessions], ['saturdaySessions', body.saturdaySessions]] as const) {
        if (sessions.length === 0) continue
        try {
          validateOfficeHours({ sessions: sessionsFromDto(sessions) })
        } catch (error) {
          if (!(error instanceof DeadlineInputError)) throw error
          throw new AppError('calendar.invalid_office_hours', { vi: error.message, en: error.message }, { errors: [{ field: `/body/${field}${error.field.replace('/sessions', '')}`, message: error.message }] })
        }
      }
      return db.transaction().execute(async (trx) => {
        const agency = await findAgencyPlacement(trx, agencyId)
        if (!agency || !can(ctx.actor, 'org.read', agency.path)) throw new AppError('agency.not_found')
        if (!can(ctx.actor, 'org.manage', agency.path)) throw new AppError('auth.forbidden')
        const before = await repo.findOfficeHours(trx, agencyId)
        const read = before?.row_version ?? 0
        assertVersion(expected, read)
        const rowVersion = await repo.writeOfficeHours(trx, agencyId, { weekday_sessions: JSON.stringify(body.weekdaySessions), saturday_sessions: JSON.stringify(body.saturdaySessions), updated_at: clock.now() }, read)
        if (rowVersion === null) throw staleWrite((await repo.findOfficeHours(trx, agencyId))?.row_version ?? 0)
        await recordAudit(trx, clock, ctx, {
          unitId: agency.unit_id,
          agencyId,
          action: 'agency.office_hours_set',
          subjectType: 'agency',
          subjectId: agencyId,
          before: before ? { weekdaySessions: before.weekday_sessions, saturdaySessions: before.saturday_sessions } : null,
          after: { weekdaySessions: body.weekdaySessions, saturdaySessions: body.saturdaySessions },
        })
        return { ...body, rowVersion }
      })
    },
  }
}
