/**
 * Dates and times as Viet Nam reads them, whatever the host's time zone. Viet Nam has kept
 * UTC+7 without daylight saving since 1975, so local time is UTC plus seven hours: no host time
 * zone, no Intl look-up, just arithmetic (fast enough for the deadline engine's hot path).
 */

export const VIETNAM_OFFSET_MS = 7 * 3_600_000
export const DAY_MS = 86_400_000

/** Days since 1970-01-01 of a calendar date 'yyyy-MM-dd' (no time zone involved). */
export function dayNumber(isoDate: string): number {
  const ms = Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10)))
  return Math.floor(ms / DAY_MS)
}

/** 'yyyy-MM-dd' of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** The Vietnamese calendar day of an instant. */
export function localDay(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime()
  return Math.floor((ms + VIETNAM_OFFSET_MS) / DAY_MS)
}

/** Minutes since local midnight in Viet Nam. */
export function localMinute(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime()
  return Math.floor((((ms + VIETNAM_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / 60_000)
}

/** The instant of a local day and minute in Viet Nam. */
export function instantOf(day: number, minute: number): Date {
  return new Date(day * DAY_MS + minute * 60_000 - VIETNAM_OFFSET_MS)
}

/**
 * The instant a Vietnamese calendar day 'yyyy-MM-dd' begins (its local midnight), `plusDays` later:
 * the bound of a date filter as a timestamptz, independent of the database session's time zone.
 */
export function startOfVietnamDay(isoDay: string, plusDays = 0): Date {
  return instantOf(dayNumber(isoDay) + plusDays, 0)
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function weekday(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1
}

/** 'HH:mm' → minutes since midnight. */
export function parseClock(text: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text)
  if (!match) throw new RangeError(`not a time of day (HH:mm): ${text}`)
  return Number(match[1]) * 60 + Number(match[2])
}

export function formatClock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`
}

export function yearOf(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear()
}
