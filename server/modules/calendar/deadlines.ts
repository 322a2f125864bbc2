/**
 * Deadlines as pure functions of the working calendar and an agency's office hours.
 * Rules and their sources are in this module's README; each rule below names its source.
 */
import { CalendarRangeError, FIRST_DAY, LAST_DAY, WorkingCalendar } from './working-calendar.ts'
import { instantOf, localDay, localMinute, parseClock } from '../../platform/time/vietnam-time.ts'

export const LIMIT_UNITS = ['working_hours', 'working_days', 'calendar_days', 'months'] as const
export type LimitUnit = (typeof LIMIT_UNITS)[number]

export interface TimeLimit {
  value: number
  unit: LimitUnit
}

/** The largest limit accepted per unit: anything above is a data-entry error, not a procedure. */
export const MAX_LIMIT: Record<LimitUnit, number> = { working_hours: 2000, working_days: 1000, calendar_days: 3660, months: 120 }

export interface DeadlineOptions {
  /** 'HH:mm': dossiers received at or after it count from the next working day (per procedure, e.g. '15:00'). */
  cutoff?: string | undefined
  /** Day-based limits end at the close of office hours (default) or at the time of receipt. */
  dueTime?: 'end_of_day' | 'same_time' | undefined
}

/** Office sessions of a working day, in minutes since midnight, ordered and disjoint. */
export interface OfficeHours {
  sessions: ReadonlyArray<{ start: number; end: number }>
}

/** 07:30–11:30 and 13:30–17:00, the common schedule; each agency may set its own. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = { sessions: [{ start: 450, end: 690 }, { start: 810, end: 1020 }] }

export class DeadlineInputError extends Error {
  constructor(readonly field: string, message: string) {
    super(message)
  }
}

/** A pause of the clock: a supplement request until the supplement, or a stop of processing until it resumes. */
export interface ClockStop {
  from: Date
  /** null while the clock is still stopped. */
  to: Date | null
}

export interface AppointmentInput {
  receivedAt: Date
  limit: TimeLimit
  options?: DeadlineOptions | undefined
  stops?: ClockStop[] | undefined
}

export interface Appointment {
  /** When the count starts (after the cut-off, office hours and days off are applied). */
  countsFrom: Date
  /** The appointment printed on the receipt slip, ignoring clock stops. */
  original: Date
  /** The appointment after clock stops; null while the clock is stopped. */
  due: Date | null
  /** True when a day counted lies in a year whose calendar is not yet confirmed. */
  provisional: boolean
  unconfirmedYears: number[]
}

export function validateOfficeHours(hours: OfficeHours): void {
  if (hours.sessions.length === 0) throw new DeadlineInputError('/sessions', 'at least one office session is needed')
  let previousEnd = -1
  hours.sessions.forEach((s, i) => {
    if (!(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= 1440 && s.start < s.end)) throw new DeadlineInputError(`/sessions/${i}`, 'a session must start before it ends, within the day')
    if (s.start <= previousEnd) throw new DeadlineInputError(`/sessions/${i}`, 'sessions must be in order and must not overlap')
    previousEnd = s.end
  })
}

export function validateLimit(limit: TimeLimit): void {
  if (!(LIMIT_UNITS as readonly string[]).includes(limit.unit)) throw new DeadlineInputError('/limit/unit', `unknown unit "${String(limit.unit)}"; use one of ${LIMIT_UNITS.join(', ')}`)
  if (typeof limit.value !== 'number' || !Number.isFinite(limit.value) || limit.value < 0) throw new DeadlineInputError('/limit/value', 'the limit must be a number ≥ 0')
  if (limit.value > MAX_LIMIT[limit.unit]) throw new DeadlineInputError('/limit/value', `a limit above ${MAX_LIMIT[limit.unit]} ${limit.unit} is not plausible`)
  const step = limit.unit === 'working_days' ? 0.5 : 1
  if (Math.round(limit.value / step) * step !== limit.value) throw new DeadlineInputError('/limit/value', limit.unit === 'working_days' ? 'working days come in halves' : `${limit.unit} must be whole`)
}

function dayMinutes(hours: OfficeHours): number {
  return hours.sessions.reduce((sum, s) => sum + s.end - s.start, 0)
}

function assertInstant(value: Date, field: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new DeadlineInputError(field, 'not a valid date and time')
  const day = localDay(value)
  if (day < FIRST_DAY || day > LAST_DAY) throw new DeadlineInputError(field, 'dates must lie between 1900 and 2100')
}

/**
 * When the count starts. Civil Code 2015 Art. 147: the day of the event is not counted. A dossier
 * received on a day off, after closing time, or at/after the procedure's cut-off counts from the
 * next working day's opening; one received before opening or during a break, from the next session.
 */
export function countStart(calendar: WorkingCalendar, hours: OfficeHours, receivedAt: Date, cutoff?: number): { day: number; minute: number } {
  const day = localDay(receivedAt)
  const minute = localMinute(receivedAt)
  const open = hours.sessions[0]!.start
  const close = hours.sessions[hours.sessions.length - 1]!.end
  if (!calendar.isWorkingDay(day) || minute >= close || (cutoff !== undefined && minute >= cutoff)) {
    return { day: calendar.nthWorkingDayAfter(day, 1), minute: open }
  }
  if (minute < open) return { day, minute: open }
  for (const session of hours.sessions) {
    if (minute < session.end) return { day, minute: Math.max(minute, session.start) }
  }
  return { day, minute }
}

/** Working minutes of the day before `minute` (0 … dayMinutes). */
function workedBefore(hours: OfficeHours, minute: number): number {
  let total = 0
  for (const s of hours.sessions) total += Math.max(0, Math.min(minute, s.end) - s.start)
  return total
}

/** The clock time at which `worked` working minutes of the day have elapsed (worked in (0, dayMinutes]). */
function clockAt(hours: OfficeHours, worked: number): number {
  let left = worked
  for (const s of hours.sessions) {
    const length = s.end - s.start
    if (left <= length) return s.start + left
    left -= length
  }
  return hours.sessions[hours.sessions.length - 1]!.end
}

/** Adds working minutes to a working moment, skipping breaks, closed hours and days off. */
export function addWorkingMinutes(calendar: WorkingCalendar, hours: OfficeHours, start: { day: number; minute: number }, amount: number): { day: number; minute: number } {
  const perDay = dayMinutes(hours)
  const already = workedBefore(hours, start.minute)
  if (amount <= perDay - already) return { day: start.day, minute: amount === 0 ? start.minute : clockAt(hours, already + amount) }
  const rest = amount - (perDay - already)
  const days = Math.ceil(rest / perDay)
  return { day: calendar.nthWorkingDayAfter(start.day, days), minute: clockAt(hours, rest - (days - 1) * perDay) }
}

/** Working minutes between two instants (0 when `to` is not after `from`). */
export function workingMinutesBetween(calendar: WorkingCalendar, hours: OfficeHours, from: Date, to: Date): number {
  if (to <= from) return 0
  const perDay = dayMinutes(hours)
  const a = { day: localDay(from), minute: localMinute(from) }
  const b = { day: localDay(to), minute: localMinute(to) }
  const workedA = calendar.isWorkingDay(a.day) ? workedBefore(hours, a.minute) : perDay
  const workedB = calendar.isWorkingDay(b.day) ? workedBefore(hours, b.minute) : perDay
  if (a.day === b.day) return Math.max(0, workedB - workedA)
  // The rest of day a, the full days strictly between, and the part of day b.
  const between = calendar.workingDaysBetween(a.day, b.day - 1)
  return perDay - workedA + between * perDay + workedB
}

function addMonths(day: number, months: number): number {
  const date = new Date(day * 86_400_000)
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  // Civil Code 2015 Art. 148: a period in months ends on the same day number, or the month's last day.
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay))
  return Math.floor(target.getTime() / 86_400_000)
}

function shiftByStops(calendar: WorkingCalendar, hours: OfficeHours, due: { day: number; minute: number }, unit: LimitUnit, stops: ClockStop[]): { day: number; minute: number } | null {
  let result = due
  for (const stop of stops) {
    if (stop.to === null) return null
    if (stop.to < stop.from) throw new DeadlineInputError('/stops', 'a clock stop cannot end before it starts')
    if (unit === 'working_hours') {
      const minutes = workingMinutesBetween(calendar, hours, stop.from, stop.to)
      if (minutes > 0) result = addWorkingMinutes(calendar, hours, result, minutes)
    } else if (unit === 'working_days') {
      // Every working day the citizen held the dossier is given back, one for one.
      const days = calendar.workingDaysBetween(localDay(stop.from), localDay(stop.to))
      if (days > 0) result = { day: calendar.nthWorkingDayAfter(result.day, days), minute: result.minute }
    } else {
      const days = localDay(stop.to) - localDay(stop.from)
      if (days > 0) result = { day: calendar.workingDayOnOrAfter(result.day + days), minute: result.minute }
    }
  }
  return result
}

/** The appointment for a dossier received at `receivedAt` under a procedure's time limit. */
export function computeAppointment(calendar: WorkingCalendar, hours: OfficeHours, input: AppointmentInput): Appointment {
  assertInstant(input.receivedAt, '/receivedAt')
  validateLimit(input.limit)
  const cutoff = input.options?.cutoff === undefined ? undefined : parseCutoff(input.options.cutoff)
  const dueTime = input.options?.dueTime ?? 'end_of_day'
  const close = hours.sessions[hours.sessions.length - 1]!.end
  try {
    const start = countStart(calendar, hours, input.receivedAt, cutoff)
    const { value, unit } = input.limit
    let due: { day: number; minute: number }
    if (unit === 'working_hours') {
      due = addWorkingMinutes(calendar, hours, start, value * 60)
    } else if (unit === 'working_days') {
      if (value === 0) due = { day: start.day, minute: close }
      else if (Number.isInteger(value)) due = { day: calendar.nthWorkingDayAfter(start.day, value), minute: dueTime === 'same_time' ? start.minute : close }
      else due = addWorkingMinutes(calendar, hours, start, value * dayMinutes(hours))
    } else {
      // Calendar periods run from the day after the (effective) receipt (Civil Code 2015 Art. 147);
      // a period ending on a day off ends on the next working day (Art. 148).
      const base = start.day
      const last = unit === 'calendar_days' ? base + value : addMonths(base, value)
      if (last > LAST_DAY) throw new CalendarRangeError('/limit/value', 'the deadline falls after 2100')
      due = { day: calendar.workingDayOnOrAfter(last), minute: close }
    }
    const shifted = input.stops?.length ? shiftByStops(calendar, hours, due, unit, input.stops) : due
    const lastDay = shifted?.day ?? due.day
    const unconfirmedYears = calendar.unconfirmedYears(localDay(input.receivedAt), lastDay)
    const original = instantOf(due.day, due.minute)
    return {
      countsFrom: instantOf(start.day, start.minute),
      original,
      due: shifted === due ? original : shifted ? instantOf(shifted.day, shifted.minute) : null,
      provisional: unconfirmedYears.length > 0,
      unconfirmedYears,
    }
  } catch (error) {
    if (error instanceof CalendarRangeError) throw new DeadlineInputError(error.field.startsWith('/') ? error.field : '/limit/value', error.message)
    throw error
  }
}

function parseCutoff(text: string): number {
  try {
    return parseClock(text)
  } catch {
    throw new DeadlineInputError('/options/cutoff', 'the cut-off must be a time of day, HH:mm')
  }
}

/** The due moment of a workflow step given its budget in working hours. */
export function stepDeadline(calendar: WorkingCalendar, hours: OfficeHours, startedAt: Date, budgetHours: number): Date {
  assertInstant(startedAt, '/startedAt')
  validateLimit({ value: budgetHours, unit: 'working_hours' })
  const start = countStart(calendar, hours, startedAt)
  const due = addWorkingMinutes(calendar, hours, start, budgetHours * 60)
  return instantOf(due.day, due.minute)
}

/**
 * A new appointment after an apology letter: the current appointment pushed back by `by`.
 * The caller keeps the original appointment: statistics measure against it, not this one.
 */
export function extendAppointment(calendar: WorkingCalendar, hours: OfficeHours, current: Date, by: TimeLimit): Date {
  assertInstant(current, '/appointment')
  validateLimit(by)
  const start = { day: localDay(current), minute: localMinute(current) }
  try {
    if (by.unit === 'working_hours') {
      const due = addWorkingMinutes(calendar, hours, countStart(calendar, hours, current), by.value * 60)
      return instantOf(due.day, due.minute)
    }
    if (by.unit === 'working_days' && Number.isInteger(by.value)) return instantOf(calendar.nthWorkingDayAfter(start.day, by.value), start.minute)
    if (by.unit === 'working_days') {
      const due = addWorkingMinutes(calendar, hours, countStart(calendar, hours, current), by.value * dayMinutes(hours))
      return instantOf(due.day, due.minute)
    }
    const last = by.unit === 'calendar_days' ? start.day + by.value : addMonths(start.day, by.value)
    return instantOf(calendar.workingDayOnOrAfter(last), start.minute)
  } catch (error) {
    if (error instanceof CalendarRangeError) throw new DeadlineInputError('/by/value', error.message)
    throw error
  }
}

export type Timeliness = 'early' | 'on_time' | 'late' | 'not_yet_due' | 'overdue'

export interface TimelinessInput {
  /** The appointment after clock stops (an extension's new appointment does not count: the original does). */
  due: Date
  finishedAt?: Date | null | undefined
  /** How many supplement requests were issued. */
  supplementRequests: number
  /** When the dossier is waiting for the citizen at the end of the period: the request's time. */
  waitingSince?: Date | null | undefined
  periodEnd: Date
}

/**
 * On-time classification by the operational rules of the Decision 766 service index: finished
 * before the appointment day is early, on it on time, after it late; a second supplement request
 * counts as late; a dossier waiting for a supplement ends at the request; an unfinished dossier
 * is measured at the end of the period.
 */
export function classifyTimeliness(input: TimelinessInput): Timeliness {
  if (input.supplementRequests > 1) return 'late'
  const end = input.finishedAt ?? input.waitingSince ?? null
  if (end && end <= input.periodEnd) {
    if (end > input.due) return 'late'
    return localDay(end) < localDay(input.due) ? 'early' : 'on_time'
  }
  return input.periodEnd <= input.due ? 'not_yet_due' : 'overdue'
}
