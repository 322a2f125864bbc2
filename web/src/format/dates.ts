/**
 * Dates as Vietnamese officials read them: dd/MM/yyyy, times in Asia/Ho_Chi_Minh whatever the
 * browser's own time zone. Calendar dates (yyyy-MM-dd, e.g. a unit's validity) are never shifted
 * through a time zone; instants (ISO date-time) are.
 */

export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DISPLAY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/

const vietnamParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

function partsInVietnam(instant: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '', second: '' }
  for (const part of vietnamParts.formatToParts(instant)) {
    if (part.type in out) out[part.type as keyof typeof out] = part.value
  }
  return out
}

/** `2025-07-01` → `01/07/2025`; null/empty → empty string. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return ''
  const match = ISO_DATE.exec(isoDate.slice(0, 10))
  if (!match) return isoDate
  const [, year, month, day] = match
  return `${day}/${month}/${year}`
}

/** An instant as `dd/MM/yyyy HH:mm` in Vietnam time. */
export function formatDateTime(isoDateTime: string | null | undefined, withSeconds = false): string {
  if (!isoDateTime) return ''
  const instant = new Date(isoDateTime)
  if (Number.isNaN(instant.getTime())) return isoDateTime
  const p = partsInVietnam(instant)
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}${withSeconds ? `:${p.second}` : ''}`
}

/** Today's calendar date in Vietnam, as yyyy-MM-dd. */
export function todayInVietnam(now: Date = new Date()): string {
  const p = partsInVietnam(now)
  return `${p.year}-${p.month}-${p.day}`
}

/** `1/7/2025` or `01/07/2025` → `2025-07-01`; null when not a real calendar date. */
export function parseDisplayDate(text: string): string | null {
  const match = DISPLAY_DATE.exec(text.trim())
  if (!match) return null
  const [, d = '', m = '', y = ''] = match
  const day = Number(d)
  const month = Number(m)
  const year = Number(y)
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** Whether a validity period covers the given calendar date (validTo is the last valid day, as on the server). */
export function isValidOn(period: { validFrom: string; validTo: string | null }, isoDate: string): boolean {
  return period.validFrom <= isoDate && (period.validTo === null || isoDate <= period.validTo)
}

/** Day of the week of a calendar date (yyyy-MM-dd): 1 = Monday … 7 = Sunday; null when not a date. */
export function isoWeekday(isoDate: string): number | null {
  const match = ISO_DATE.exec(isoDate)
  if (!match) return null
  const [, y = '', m = '', d = ''] = match
  const probe = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)))
  if (probe.getUTCMonth() !== Number(m) - 1 || probe.getUTCDate() !== Number(d)) return null
  return ((probe.getUTCDay() + 6) % 7) + 1
}

/** An instant split as Vietnamese readers see it: calendar date (yyyy-MM-dd), HH:mm and weekday (1 = Monday). */
export function vietnamDateTimeParts(isoDateTime: string): { date: string; time: string; weekday: number } | null {
  const instant = new Date(isoDateTime)
  if (Number.isNaN(instant.getTime())) return null
  const p = partsInVietnam(instant)
  const date = `${p.year}-${p.month}-${p.day}`
  return { date, time: `${p.hour}:${p.minute}`, weekday: isoWeekday(date) ?? 1 }
}

/** An instant as `HH:mm dd/MM/yyyy` in Vietnam time (how appointments are written on receipts). */
export function formatTimeDate(isoDateTime: string | null | undefined): string {
  const parts = isoDateTime ? vietnamDateTimeParts(isoDateTime) : null
  if (!parts) return isoDateTime ?? ''
  return `${parts.time} ${formatDate(parts.date)}`
}
