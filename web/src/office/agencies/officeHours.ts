/**
 * An agency's office hours in the form (pure): sessions typed as HH:mm, the server's rules
 * (each session starts before it ends, sessions in order without overlap, at least one on
 * weekdays, at most four per day) and its field errors mapped back to the sessions.
 */
import type { OfficeHours } from '../../../../contracts/calendar.ts'

export type SessionGroup = 'weekday' | 'saturday'

export interface SessionDraft {
  id: string
  start: string
  end: string
}

export type OfficeHoursDraft = Record<SessionGroup, SessionDraft[]>

export type SessionIssue = 'timeInvalid' | 'endBeforeStart' | 'overlap'
export type SessionField = 'start' | 'end'

export const MAX_SESSIONS = 4

const GROUP_FIELD: Record<SessionGroup, keyof OfficeHours> = { weekday: 'weekdaySessions', saturday: 'saturdaySessions' }

let nextId = 0
export const newSessionId = (): string => `session-${++nextId}`

/**
 * `7:30`, `07:30`, `7h30`, `0730` → `07:30`; `24:00` only as an end. Null when not a time of day.
 */
export function normalizeClock(text: string, { asEnd = false }: { asEnd?: boolean } = {}): string | null {
  const match = /^(\d{1,2})(?:[:hH.]?(\d{2}))?$/.exec(text.trim())
  if (!match) return null
  const hours = Number(match[1])
  const minutes = Number(match[2] ?? '0')
  if (minutes > 59) return null
  if (hours > 24 || (hours === 24 && (minutes !== 0 || !asEnd))) return null
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`
}

function minutesOf(clock: string): number {
  const [h = 0, m = 0] = clock.split(':').map(Number)
  return h * 60 + m
}

export function draftFromHours(hours: OfficeHours, makeId: () => string = newSessionId): OfficeHoursDraft {
  return {
    weekday: hours.weekdaySessions.map((s) => ({ id: makeId(), ...s })),
    saturday: hours.saturdaySessions.map((s) => ({ id: makeId(), ...s })),
  }
}

/** Problems per session and field; empty when the draft can be sent. */
export function sessionIssues(sessions: readonly SessionDraft[]): Record<string, Partial<Record<SessionField, SessionIssue>>> {
  const out: Record<string, Partial<Record<SessionField, SessionIssue>>> = {}
  let previousEnd = -1
  for (const session of sessions) {
    const start = normalizeClock(session.start)
    const end = normalizeClock(session.end, { asEnd: true })
    const issues: Partial<Record<SessionField, SessionIssue>> = {}
    if (!start) issues.start = 'timeInvalid'
    if (!end) issues.end = 'timeInvalid'
    if (start && end) {
      if (minutesOf(start) >= minutesOf(end)) issues.end = 'endBeforeStart'
      else if (minutesOf(start) <= previousEnd) issues.start = 'overlap'
      previousEnd = Math.max(previousEnd, minutesOf(end))
    }
    if (Object.keys(issues).length) out[session.id] = issues
  }
  return out
}

export function hasIssues(draft: OfficeHoursDraft): boolean {
  return draft.weekday.length === 0 || Object.keys(sessionIssues(draft.weekday)).length > 0 || Object.keys(sessionIssues(draft.saturday)).length > 0
}

/** The PUT body (times normalised to HH:mm); call only when `hasIssues` is false. */
export function toOfficeHours(draft: OfficeHoursDraft): OfficeHours {
  const clean = (sessions: readonly SessionDraft[]) =>
    sessions.map((s) => ({ start: normalizeClock(s.start) ?? s.start, end: normalizeClock(s.end, { asEnd: true }) ?? s.end }))
  return { weekdaySessions: clean(draft.weekday), saturdaySessions: clean(draft.saturday) }
}

/** `/body/weekdaySessions/1` → the id of that session; other fields are returned as text. */
export function officeHoursServerIssues(
  errors: ReadonlyArray<{ field: string; message: string }>,
  draft: OfficeHoursDraft,
): { sessions: Record<string, string>; other: string[] } {
  const out: { sessions: Record<string, string>; other: string[] } = { sessions: {}, other: [] }
  for (const { field, message } of errors) {
    const match = /^\/body\/(weekdaySessions|saturdaySessions)(?:\/(\d+))?/.exec(field)
    const group = match ? (match[1] === GROUP_FIELD.weekday ? 'weekday' : 'saturday') : null
    const session = group && match?.[2] !== undefined ? draft[group][Number(match[2])] : undefined
    if (session) out.sessions[session.id] ??= message
    else out.other.push(`${field}: ${message}`)
  }
  return out
}

/** `07:30–11:30, 13:30–17:00` (en dash, as printed on notices). */
export function formatSessions(sessions: ReadonlyArray<{ start: string; end: string }>): string {
  return sessions.map((s) => `${s.start}–${s.end}`).join(', ')
}
