import { describe, expect, it } from 'vitest'
import { draftFromHours, formatSessions, hasIssues, normalizeClock, officeHoursServerIssues, sessionIssues, toOfficeHours } from './officeHours.ts'

describe('normalizeClock', () => {
  it('accepts the usual ways of writing a time', () => {
    expect(normalizeClock('7:30')).toBe('07:30')
    expect(normalizeClock(' 07:30 ')).toBe('07:30')
    expect(normalizeClock('7h30')).toBe('07:30')
    expect(normalizeClock('1330')).toBe('13:30')
    expect(normalizeClock('17')).toBe('17:00')
  })
  it('allows 24:00 only as the end of a session', () => {
    expect(normalizeClock('24:00')).toBeNull()
    expect(normalizeClock('24:00', { asEnd: true })).toBe('24:00')
    expect(normalizeClock('24:30', { asEnd: true })).toBeNull()
  })
  it('refuses what is not a time of day', () => {
    for (const text of ['', '7:5', '25:00', '12:60', 'noon']) expect(normalizeClock(text)).toBeNull()
  })
})

describe('sessionIssues', () => {
  it('wants each session to end after it starts and to come after the previous one', () => {
    const issues = sessionIssues([
      { id: 'a', start: '07:30', end: '11:30' },
      { id: 'b', start: '11:30', end: '13:00' },
      { id: 'c', start: '16:00', end: '15:00' },
      { id: 'd', start: 'x', end: '18:00' },
    ])
    expect(issues).toEqual({ b: { start: 'overlap' }, c: { end: 'endBeforeStart' }, d: { start: 'timeInvalid' } })
  })
  it('needs at least one weekday session; Saturday may be empty', () => {
    const ok = { weekday: [{ id: 'a', start: '7:30', end: '11:30' }], saturday: [] }
    expect(hasIssues(ok)).toBe(false)
    expect(hasIssues({ weekday: [], saturday: [] })).toBe(true)
    expect(toOfficeHours(ok)).toEqual({ weekdaySessions: [{ start: '07:30', end: '11:30' }], saturdaySessions: [] })
  })
})

describe('officeHoursServerIssues / formatSessions', () => {
  it('maps the server field to the session it names', () => {
    let n = 0
    const draft = draftFromHours(
      { weekdaySessions: [{ start: '07:30', end: '11:30' }, { start: '11:00', end: '17:00' }], saturdaySessions: [{ start: '08:00', end: '11:00' }] },
      () => `s${++n}`,
    )
    const mapped = officeHoursServerIssues(
      [
        { field: '/body/weekdaySessions/1', message: 'overlap' },
        { field: '/body/saturdaySessions/0/end', message: 'bad end' },
        { field: '/body', message: 'other' },
      ],
      draft,
    )
    expect(mapped).toEqual({ sessions: { s2: 'overlap', s3: 'bad end' }, other: ['/body: other'] })
  })
  it('prints sessions as on a notice', () => {
    expect(formatSessions([{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }])).toBe('07:30–11:30, 13:30–17:00')
  })
})
