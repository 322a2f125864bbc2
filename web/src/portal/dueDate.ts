/**
 * The due-date calculator's rules (pure): the units of a time limit, the limits the server
 * accepts, and the query sent to GET /api/public/due-date.
 */
import type { DueDateQuery } from '../../../contracts/calendar.ts'

export type LimitUnit = DueDateQuery['unit']

export const LIMIT_UNITS = ['working_days', 'working_hours', 'calendar_days', 'months'] as const satisfies readonly LimitUnit[]
// Compile-time proof that the list names every unit of the contract.
const everyUnit: [Exclude<LimitUnit, (typeof LIMIT_UNITS)[number]>] extends [never] ? true : never = true
void everyUnit

/** The largest limit the server accepts per unit (anything above is a data-entry error). */
export const MAX_LIMIT: Record<LimitUnit, number> = { working_hours: 2000, working_days: 1000, calendar_days: 3660, months: 120 }

/** The cut-off most procedures use: dossiers received from this time count from the next working day. */
export const DEFAULT_CUTOFF = '15:00'

export type LimitIssue = 'required' | 'negative' | 'step' | 'tooLarge'

export function isLimitUnit(value: unknown): value is LimitUnit {
  return typeof value === 'string' && (LIMIT_UNITS as readonly string[]).includes(value)
}

/** Working days count in half days; every other unit in whole numbers. */
export function limitStep(unit: LimitUnit): number {
  return unit === 'working_days' ? 0.5 : 1
}

export function limitIssue(value: number | null, unit: LimitUnit): LimitIssue | null {
  if (value === null || !Number.isFinite(value)) return 'required'
  if (value < 0) return 'negative'
  if (value > MAX_LIMIT[unit]) return 'tooLarge'
  const step = limitStep(unit)
  if (Math.abs(value / step - Math.round(value / step)) > 1e-9) return 'step'
  return null
}

/** `3`, `2,5` or `2.5` as typed → the number; null when empty or not a number. */
export function parseLimitValue(text: string): number | null {
  const trimmed = text.trim().replace(',', '.')
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : null
}

/** The query for "submitted now" (the server's clock decides when "now" is). */
export function dueDateQuery(input: { value: number; unit: LimitUnit; cutoff: string | null; agencyId?: string | undefined }): DueDateQuery {
  return {
    value: input.value,
    unit: input.unit,
    dueTime: 'end_of_day',
    ...(input.cutoff ? { cutoff: input.cutoff } : {}),
    ...(input.agencyId ? { agencyId: input.agencyId } : {}),
  }
}

/** A limit value as Vietnamese (0,5) or English (0.5) readers write it. */
export function formatLimitValue(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'vi-VN', { maximumFractionDigits: 1 }).format(value)
}
