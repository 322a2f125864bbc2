/**
 * The month grid of the year view (pure): weeks from Monday to Sunday, each day with its tone
 * (working day, weekend, a kind of day off, or a weekend day worked).
 */
import { isoWeekday } from '../../format/dates.ts'
import type { DayKind } from '../catalog.ts'

export type DayTone = 'working' | 'weekend' | DayKind

export const TONES: readonly DayTone[] = ['working', 'weekend', 'HOLIDAY', 'COMPENSATORY_OFF', 'SWAPPED_OFF', 'EXTRA_OFF', 'SWAPPED_WORKDAY']

export type MonthNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12
export const MONTHS: readonly MonthNumber[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]

export type WeekdayNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7
export const WEEKDAYS: readonly WeekdayNumber[] = [1, 2, 3, 4, 5, 6, 7]

export interface DayEntry {
  kind: DayKind
  name: string
}

export interface GridDay {
  date: string
  day: number
  weekday: WeekdayNumber
  tone: DayTone
  entry: DayEntry | null
}

/** A week of seven places, Monday first; null where the day belongs to another month. */
export type GridWeek = Array<GridDay | null>

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

export function isoDateOf(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** A day's tone: its entry's kind when it has one, otherwise working day or weekend by weekday. */
export function dayTone(weekday: number, entry: DayEntry | null | undefined): DayTone {
  if (entry) return entry.kind
  return weekday >= 6 ? 'weekend' : 'working'
}

/** Whether a tone is a day without office work. */
export function isDayOff(tone: DayTone): boolean {
  return tone !== 'working' && tone !== 'SWAPPED_WORKDAY'
}

export function monthWeeks(year: number, month: number, entries: ReadonlyMap<string, DayEntry>): GridWeek[] {
  const weeks: GridWeek[] = []
  let week: GridWeek = []
  const first = isoWeekday(isoDateOf(year, month, 1)) ?? 1
  for (let i = 1; i < first; i++) week.push(null)
  const last = daysInMonth(year, month)
  for (let day = 1; day <= last; day++) {
    const date = isoDateOf(year, month, day)
    const weekday = (isoWeekday(date) ?? 1) as WeekdayNumber
    const entry = entries.get(date) ?? null
    week.push({ date, day, weekday, tone: dayTone(weekday, entry), entry })
    if (week.length === 7) {
      weeks.push(week)
      week = []
    }
  }
  if (week.length) {
    while (week.length < 7) week.push(null)
    weeks.push(week)
  }
  return weeks
}

/** Counts of the year's days by whether offices work (for the summary under the grid). */
export function yearSummary(year: number, entries: ReadonlyMap<string, DayEntry>): { workingDays: number; daysOff: number } {
  let workingDays = 0
  let daysOff = 0
  for (const month of MONTHS) {
    for (let day = 1; day <= daysInMonth(year, month); day++) {
      const date = isoDateOf(year, month, day)
      const tone = dayTone(isoWeekday(date) ?? 1, entries.get(date))
      if (isDayOff(tone)) {
        if (tone !== 'weekend') daysOff += 1
      } else workingDays += 1
    }
  }
  return { workingDays, daysOff }
}

/** The date `delta` days away (keyboard moves in the grid), or null outside the year. */
export function shiftDate(date: string, delta: number): string | null {
  const [y, m, d] = date.split('-').map(Number)
  const moved = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + delta))
  if (moved.getUTCFullYear() !== y) return null
  return isoDateOf(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate())
}
