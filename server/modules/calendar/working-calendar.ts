/**
 * The working-day index behind every deadline: one flag per day from 1/1/1900 to 31/12/2100 and,
 * for each day, how many working days came before it (a prefix sum). "The n-th working day after
 * d" and "working days between a and b" are then two array reads, whatever n is.
 */
import { MAX_YEAR, MIN_YEAR, OFF_KINDS, suggestYear, type CalendarYear } from './calendar-year.ts'
import { dayNumber, isoDate, weekday } from '../../platform/time/vietnam-time.ts'

export const FIRST_DAY = dayNumber(`${MIN_YEAR}-01-01`)
export const LAST_DAY = dayNumber(`${MAX_YEAR}-12-31`)

const NONE: number[] = []
Object.freeze(NONE)

/** The year of each day, by offset from FIRST_DAY: no date conversion on the hot path. */
const YEAR_OF_OFFSET = (() => {
  const table = new Int16Array(LAST_DAY - FIRST_DAY + 1)
  for (let year = MIN_YEAR; year <= MAX_YEAR; year++) table.fill(year, dayNumber(`${year}-01-01`) - FIRST_DAY, dayNumber(`${year}-12-31`) - FIRST_DAY + 1)
  return table
})()

export class CalendarRangeError extends RangeError {
  constructor(readonly field: string, message: string) {
    super(message)
  }
}

export class WorkingCalendar {
  /** 1 for a working day, by offset from FIRST_DAY. */
  readonly #working: Uint8Array
  /** #rank[i] = working days strictly before offset i (length n + 1). */
  readonly #rank: Int32Array
  /** Offsets of the working days, in order. */
  readonly #workingDays: Int32Array
  readonly #confirmed: Set<number>
  /** 1 for a confirmed year, by year − MIN_YEAR. */
  readonly #yearConfirmed: Uint8Array

  private constructor(working: Uint8Array, confirmed: Set<number>) {
    this.#working = working
    this.#confirmed = confirmed
    this.#yearConfirmed = new Uint8Array(MAX_YEAR - MIN_YEAR + 1)
    for (const year of confirmed) this.#yearConfirmed[year - MIN_YEAR] = 1
    this.#rank = new Int32Array(working.length + 1)
    let count = 0
    for (let i = 0; i < working.length; i++) {
      this.#rank[i] = count
      count += working[i]!
    }
    this.#rank[working.length] = count
    this.#workingDays = new Int32Array(count)
    for (let i = 0, k = 0; i < working.length; i++) if (working[i]) this.#workingDays[k++] = i
  }

  /**
   * Builds the index from stored years; a year with no stored data, or not yet confirmed,
   * takes the rule-based suggestion (its own entries where stored) and is provisional.
   */
  static fromYears(years: CalendarYear[], { suggestMissing = true } = {}): WorkingCalendar {
    const byYear = new Map(years.map((y) => [y.year, y]))
    const working = new Uint8Array(LAST_DAY - FIRST_DAY + 1)
    for (let day = FIRST_DAY; day <= LAST_DAY; day++) working[day - FIRST_DAY] = weekday(day) <= 5 ? 1 : 0
    const confirmed = new Set<number>()
    for (let year = MIN_YEAR; year <= MAX_YEAR; year++) {
      const stored = byYear.get(year)
      if (stored?.status === 'confirmed') confirmed.add(year)
      const entries = stored ? stored.days : suggestMissing ? suggestYear(year).days : []
      for (const entry of entries) working[dayNumber(entry.date) - FIRST_DAY] = OFF_KINDS.has(entry.kind) ? 0 : 1
    }
    return new WorkingCalendar(working, confirmed)
  }

  #offset(day: number, field: string): number {
    if (day < FIRST_DAY || day > LAST_DAY) throw new CalendarRangeError(field, `${field}: ${isoDate(day)} is outside ${MIN_YEAR}–${MAX_YEAR}`)
    return day - FIRST_DAY
  }

  isWorkingDay(day: number): boolean {
    return this.#working[this.#offset(day, 'date')] === 1
  }

  /** The n-th working day after `day` (n ≥ 1; the day itself never counts). */
  nthWorkingDayAfter(day: number, n: number): number {
    const index = this.#rank[this.#offset(day, 'date') + 1]! + n - 1
    const target = this.#workingDays[index]
    if (target === undefined || index < 0) throw new CalendarRangeError('limit', `the deadline falls after ${MAX_YEAR}`)
    return FIRST_DAY + target
  }

  /** The working day on or after `day`. */
  workingDayOnOrAfter(day: number): number {
    return this.isWorkingDay(day) ? day : this.nthWorkingDayAfter(day, 1)
  }

  /** Working days in (from, to]: after `from`, up to and including `to`. Negative when to < from. */
  workingDaysBetween(from: number, to: number): number {
    return this.#rank[this.#offset(to, 'to') + 1]! - this.#rank[this.#offset(from, 'from') + 1]!
  }

  isConfirmedYear(year: number): boolean {
    return this.#confirmed.has(year)
  }

  /** Years in [fromDay, toDay] that are not confirmed (the result built on them is provisional). */
  unconfirmedYears(fromDay: number, toDay: number): number[] {
    const from = this.#offset(Math.min(fromDay, toDay), 'date')
    const to = this.#offset(Math.max(fromDay, toDay), 'date')
    const firstYear = YEAR_OF_OFFSET[from]!
    const lastYear = YEAR_OF_OFFSET[to]!
    let years: number[] | null = null
    for (let y = firstYear; y <= lastYear; y++) {
      if (this.#yearConfirmed[y - MIN_YEAR] === 1) continue
      ;(years ??= []).push(y)
    }
    return years ?? NONE
  }
}
