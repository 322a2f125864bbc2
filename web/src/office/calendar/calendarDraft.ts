/**
 * The editable copy of a calendar year (pure): rows of the entries table, the checks the server
 * will make (shown next to each row before saving), the request body, and the server's field
 * errors mapped back to the rows they name.
 */
import type { CalendarDay, CalendarYearBody } from '../../../../contracts/calendar.ts'
import { isoWeekday } from '../../format/dates.ts'
import { OFF_KINDS, type DayKind } from '../catalog.ts'

export type YearStatus = CalendarYearBody['status']

export interface DraftRow {
  /** Stable key for React and for mapping errors back (never sent). */
  id: string
  /** yyyy-MM-dd, or null while empty or not a real date. */
  date: string | null
  /** The date field holds text that is not a date. */
  dateInvalid: boolean
  kind: DayKind
  name: string
}

export interface Draft {
  year: number
  status: YearStatus
  /** One document per line, as typed. */
  sourcesText: string
  rows: DraftRow[]
}

export type RowField = 'date' | 'kind' | 'name'

/** Why a row cannot be saved; each is a translation key under calendar.issues. */
export type RowIssue = 'dateRequired' | 'dateInvalid' | 'otherYear' | 'weekendOff' | 'weekdayWorked' | 'duplicate' | 'conflict' | 'nameRequired'
export type SourcesIssue = 'sourcesRequired' | 'sourceTooLong' | 'tooManySources'

/** Limits of the contract (CalendarYearBody). */
export const MAX_DAYS = 120
export const MAX_SOURCES = 50
export const MAX_SOURCE_LENGTH = 1000
export const MAX_NAME_LENGTH = 200

/** Issues that only mean "not filled in yet": shown after the first attempt to save. */
export const REQUIRED_ISSUES: ReadonlySet<RowIssue> = new Set(['dateRequired', 'nameRequired'])

export interface DraftIssues {
  rows: Record<string, Partial<Record<RowField, RowIssue>>>
  sources: SourcesIssue | null
  tooManyDays: boolean
  /** How many problems in all (rows' fields, sources, row count). */
  count: number
}

export type IdFactory = () => string

let nextId = 0
/** Row keys unique within the page. */
export const newRowId: IdFactory = () => `row-${++nextId}`

export function isOffKind(kind: DayKind): boolean {
  return OFF_KINDS.has(kind)
}

export function draftFrom(year: number, source: { status: YearStatus; sources: readonly string[]; days: readonly CalendarDay[] }, makeId: IdFactory = newRowId): Draft {
  return {
    year,
    status: source.status,
    sourcesText: source.sources.join('\n'),
    rows: source.days.map((day) => ({ id: makeId(), date: day.date, dateInvalid: false, kind: day.kind, name: day.name })),
  }
}

/** Non-empty lines of the sources box, trimmed. */
export function sourcesFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
}

/** The default kind for a date: a weekday becomes a day off, a Saturday or Sunday a working day. */
export function defaultKindFor(date: string): DayKind {
  const weekday = isoWeekday(date)
  return weekday !== null && weekday >= 6 ? 'SWAPPED_WORKDAY' : 'HOLIDAY'
}

/** The same checks as the server (contracts/calendar.ts and the calendar module), per row and field. */
export function draftIssues(draft: Draft): DraftIssues {
  const rows: DraftIssues['rows'] = {}
  let count = 0
  const flag = (id: string, field: RowField, issue: RowIssue) => {
    const entry = (rows[id] ??= {})
    if (entry[field]) return
    entry[field] = issue
    count += 1
  }
  const firstByDate = new Map<string, DraftRow>()
  for (const row of draft.rows) {
    if (!row.name.trim()) flag(row.id, 'name', 'nameRequired')
    if (row.dateInvalid) {
      flag(row.id, 'date', 'dateInvalid')
      continue
    }
    if (row.date === null) {
      flag(row.id, 'date', 'dateRequired')
      continue
    }
    const weekday = isoWeekday(row.date)
    if (weekday === null) {
      flag(row.id, 'date', 'dateInvalid')
      continue
    }
    if (Number(row.date.slice(0, 4)) !== draft.year) flag(row.id, 'date', 'otherYear')
    if (isOffKind(row.kind) && weekday >= 6) flag(row.id, 'kind', 'weekendOff')
    if (!isOffKind(row.kind) && weekday <= 5) flag(row.id, 'kind', 'weekdayWorked')
    const first = firstByDate.get(row.date)
    if (first) flag(row.id, 'date', isOffKind(first.kind) !== isOffKind(row.kind) ? 'conflict' : 'duplicate')
    else firstByDate.set(row.date, row)
  }
  const sources = sourcesFromText(draft.sourcesText)
  let sourcesIssue: SourcesIssue | null = null
  if (draft.status === 'confirmed' && sources.length === 0) sourcesIssue = 'sourcesRequired'
  else if (sources.length > MAX_SOURCES) sourcesIssue = 'tooManySources'
  else if (sources.some((source) => source.length > MAX_SOURCE_LENGTH)) sourcesIssue = 'sourceTooLong'
  if (sourcesIssue) count += 1
  const tooManyDays = draft.rows.length > MAX_DAYS
  if (tooManyDays) count += 1
  return { rows, sources: sourcesIssue, tooManyDays, count }
}

/** Leaves out the "not filled in yet" issues (before the first attempt to save). */
export function withoutRequiredIssues(issues: DraftIssues): DraftIssues {
  const rows: DraftIssues['rows'] = {}
  for (const [id, fields] of Object.entries(issues.rows)) {
    const kept = Object.fromEntries(Object.entries(fields).filter(([, issue]) => !REQUIRED_ISSUES.has(issue)))
    if (Object.keys(kept).length) rows[id] = kept
  }
  return { ...issues, rows, sources: issues.sources === 'sourcesRequired' ? null : issues.sources }
}

function byDate(a: { date: string | null }, b: { date: string | null }): number {
  return (a.date ?? '').localeCompare(b.date ?? '')
}

/**
 * The PUT body, days ordered by date (the server orders them the same way before naming fields
 * like /body/days/3/kind), and the row key of each index sent.
 */
export function toBody(draft: Draft): { body: CalendarYearBody; rowIds: string[] } {
  const rows = [...draft.rows].sort(byDate)
  return {
    body: {
      year: draft.year,
      status: draft.status,
      sources: sourcesFromText(draft.sourcesText),
      days: rows.map((row) => ({ date: row.date ?? '', kind: row.kind, name: row.name.trim() })),
    },
    rowIds: rows.map((row) => row.id),
  }
}

export interface ServerIssues {
  rows: Record<string, Partial<Record<RowField, string>>>
  sources: string | null
  /** Messages that name no row or field of the form. */
  other: string[]
}

/** Maps `/body/days/3/kind`-style field errors to the row that was sent at that index. */
export function serverIssues(errors: ReadonlyArray<{ field: string; message: string }>, rowIds: readonly string[]): ServerIssues {
  const out: ServerIssues = { rows: {}, sources: null, other: [] }
  for (const { field, message } of errors) {
    const day = /^\/body\/days\/(\d+)(?:\/(date|kind|name))?$/.exec(field)
    const id = day ? rowIds[Number(day[1])] : undefined
    if (day && id) {
      const rowField = (day[2] ?? 'date') as RowField
      const entry = (out.rows[id] ??= {})
      entry[rowField] ??= message
      continue
    }
    if (/^\/body\/sources(\/\d+)?$/.test(field)) {
      out.sources ??= message
      continue
    }
    out.other.push(`${field}: ${message}`)
  }
  return out
}

/** The days of a draft that are complete enough to draw (valid date), by date; later rows win. */
export function draftDaysByDate(rows: readonly DraftRow[]): Map<string, { kind: DayKind; name: string }> {
  const out = new Map<string, { kind: DayKind; name: string }>()
  for (const row of rows) if (row.date && !row.dateInvalid) out.set(row.date, { kind: row.kind, name: row.name })
  return out
}

/**
 * Clicking a day of the grid: removes the rows of that date if there are any; otherwise adds a
 * row for it (a day off on a weekday, a working day on a weekend), kept in date order.
 */
export function toggleDate(rows: readonly DraftRow[], date: string, makeId: IdFactory = newRowId): { rows: DraftRow[]; added: DraftRow | null } {
  if (rows.some((row) => row.date === date)) return { rows: rows.filter((row) => row.date !== date), added: null }
  const added: DraftRow = { id: makeId(), date, dateInvalid: false, kind: defaultKindFor(date), name: '' }
  const at = rows.findIndex((row) => row.date !== null && row.date > date)
  const next = [...rows]
  next.splice(at === -1 ? rows.length : at, 0, added)
  return { rows: next, added }
}

/** What a body changes compared with the saved year: days added, removed, or with another kind or name. */
export function diffDays(saved: readonly CalendarDay[], next: readonly CalendarDay[]): { added: number; removed: number; changed: number } {
  const before = new Map(saved.map((day) => [day.date, day]))
  const after = new Map(next.map((day) => [day.date, day]))
  let added = 0
  let changed = 0
  for (const [date, day] of after) {
    const old = before.get(date)
    if (!old) added += 1
    else if (old.kind !== day.kind || old.name !== day.name) changed += 1
  }
  let removed = 0
  for (const date of before.keys()) if (!after.has(date)) removed += 1
  return { added, removed, changed }
}

/** Whether the draft differs from the saved year (order of rows and blank lines do not count). */
export function isDirty(draft: Draft, saved: { status: YearStatus; sources: readonly string[]; days: readonly CalendarDay[] }): boolean {
  const { body } = toBody(draft)
  const normal = (days: readonly CalendarDay[]) =>
    JSON.stringify([...days].sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind)).map((d) => [d.date, d.kind, d.name.trim()]))
  if (draft.rows.some((row) => row.dateInvalid)) return true
  return (
    body.status !== saved.status ||
    JSON.stringify(body.sources) !== JSON.stringify(saved.sources.map((s) => s.trim()).filter(Boolean)) ||
    normal(body.days) !== normal(saved.days)
  )
}
