/**
 * Reading a calendar file chosen for import (pure). The file is what export produces
 * (CalendarYearBody: year, status, sources, days); the whole answer of GET /api/calendar/years/:year
 * is accepted too (its extra fields are ignored). Only the shape is checked here: whether the days
 * make sense is the server's call when saving, shown row by row.
 */
import type { CalendarDay, CalendarYearBody } from '../../../../contracts/calendar.ts'
import { DAY_KINDS, type DayKind } from '../catalog.ts'

export const MAX_FILE_BYTES = 1_000_000
export const MIN_YEAR = 1900
export const MAX_YEAR = 2100

/** Why a file was refused; each is a translation key under calendar.importErrors. */
export type CalendarFileError = 'tooLarge' | 'notJson' | 'notCalendar' | 'badYear' | 'badStatus' | 'badSources' | 'badDay'

export type CalendarFileResult =
  | { ok: true; body: CalendarYearBody & { year: number } }
  | { ok: false; error: CalendarFileError; /** 1-based position of the faulty day, for badDay. */ position?: number }

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isDayKind(value: unknown): value is DayKind {
  return typeof value === 'string' && (DAY_KINDS as readonly string[]).includes(value)
}

/** `fallbackYear` is used when the file does not say which year it holds. */
export function parseCalendarFile(text: string, fallbackYear: number): CalendarFileResult {
  if (text.length > MAX_FILE_BYTES) return { ok: false, error: 'tooLarge' }
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return { ok: false, error: 'notJson' }
  }
  if (!isRecord(data) || !('days' in data) || !('status' in data)) return { ok: false, error: 'notCalendar' }

  const year = data.year ?? fallbackYear
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return { ok: false, error: 'badYear' }
  if (data.status !== 'suggested' && data.status !== 'confirmed') return { ok: false, error: 'badStatus' }

  const sources = data.sources ?? []
  if (!Array.isArray(sources) || !sources.every((source): source is string => typeof source === 'string')) return { ok: false, error: 'badSources' }

  if (!Array.isArray(data.days)) return { ok: false, error: 'notCalendar' }
  const days: CalendarDay[] = []
  for (const [index, day] of data.days.entries()) {
    if (!isRecord(day) || typeof day.date !== 'string' || !ISO_DATE.test(day.date) || !isDayKind(day.kind) || typeof day.name !== 'string') {
      return { ok: false, error: 'badDay', position: index + 1 }
    }
    days.push({ date: day.date, kind: day.kind, name: day.name })
  }
  return { ok: true, body: { year, status: data.status, sources: sources.map((s) => s.trim()).filter(Boolean), days } }
}
