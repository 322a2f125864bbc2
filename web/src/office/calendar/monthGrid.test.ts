import { describe, expect, it } from 'vitest'
import { dayTone, daysInMonth, monthWeeks, shiftDate, yearSummary, type DayEntry } from './monthGrid.ts'

const entries = new Map<string, DayEntry>([
  ['2026-01-01', { kind: 'HOLIDAY', name: 'Tết Dương lịch' }],
  ['2026-01-02', { kind: 'SWAPPED_OFF', name: 'hoán đổi' }],
  ['2026-01-10', { kind: 'SWAPPED_WORKDAY', name: 'làm bù' }],
])

describe('monthWeeks', () => {
  it('starts weeks on Monday: 1/1/2026 is a Thursday', () => {
    const weeks = monthWeeks(2026, 1, entries)
    expect(weeks).toHaveLength(5)
    expect(weeks[0]?.slice(0, 3)).toEqual([null, null, null])
    expect(weeks[0]?.[3]).toMatchObject({ date: '2026-01-01', day: 1, weekday: 4, tone: 'HOLIDAY' })
    expect(weeks.every((week) => week.length === 7)).toBe(true)
  })

  it('colours weekends, days off and a Saturday worked', () => {
    const days = monthWeeks(2026, 1, entries).flat()
    const tone = (date: string) => days.find((d) => d?.date === date)?.tone
    expect(tone('2026-01-02')).toBe('SWAPPED_OFF')
    expect(tone('2026-01-03')).toBe('weekend')
    expect(tone('2026-01-05')).toBe('working')
    expect(tone('2026-01-10')).toBe('SWAPPED_WORKDAY')
  })

  it('fills a February that starts on Monday in exactly four weeks (2021)', () => {
    const weeks = monthWeeks(2021, 2, new Map())
    expect(weeks).toHaveLength(4)
    expect(weeks[0]?.[0]?.date).toBe('2021-02-01')
  })

  it('knows leap years', () => {
    expect(daysInMonth(2024, 2)).toBe(29)
    expect(daysInMonth(2100, 2)).toBe(28)
  })
})

describe('dayTone / yearSummary', () => {
  it('uses the entry kind, otherwise the weekday', () => {
    expect(dayTone(6, null)).toBe('weekend')
    expect(dayTone(3, undefined)).toBe('working')
    expect(dayTone(3, { kind: 'EXTRA_OFF', name: '' })).toBe('EXTRA_OFF')
  })
  it('counts working days and weekday days off', () => {
    // 2026 has 261 weekdays; two are off and one Saturday is worked.
    expect(yearSummary(2026, entries)).toEqual({ workingDays: 260, daysOff: 2 })
  })
})

describe('shiftDate', () => {
  it('moves across months and stops at the ends of the year', () => {
    expect(shiftDate('2026-01-31', 1)).toBe('2026-02-01')
    expect(shiftDate('2026-03-01', -7)).toBe('2026-02-22')
    expect(shiftDate('2026-12-31', 1)).toBeNull()
    expect(shiftDate('2026-01-03', -7)).toBeNull()
  })
})
