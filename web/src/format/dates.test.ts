import { describe, expect, it } from 'vitest'
import { formatDate, formatDateTime, isoWeekday, isValidOn, parseDisplayDate, formatTimeDate, todayInVietnam, vietnamDateTimeParts } from './dates.ts'

describe('formatDate', () => {
  it('shows calendar dates as dd/MM/yyyy without any time-zone shift', () => {
    expect(formatDate('2025-07-01')).toBe('01/07/2025')
    expect(formatDate('2008-08-01')).toBe('01/08/2008')
  })
  it('renders nothing for a missing date', () => {
    expect(formatDate(null)).toBe('')
    expect(formatDate(undefined)).toBe('')
  })
})

describe('formatDateTime', () => {
  it('shows instants in Vietnam time (UTC+7) whatever the machine time zone', () => {
    expect(formatDateTime('2025-06-30T17:30:00Z')).toBe('01/07/2025 00:30')
    expect(formatDateTime('2025-06-30T16:59:59Z', true)).toBe('30/06/2025 23:59:59')
  })
})

describe('todayInVietnam', () => {
  it('is already tomorrow in Vietnam late in the UTC evening', () => {
    expect(todayInVietnam(new Date('2025-06-30T17:00:00Z'))).toBe('2025-07-01')
    expect(todayInVietnam(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30')
  })
})

describe('parseDisplayDate', () => {
  it('accepts d/M/yyyy and dd/MM/yyyy', () => {
    expect(parseDisplayDate('1/7/2025')).toBe('2025-07-01')
    expect(parseDisplayDate(' 01/07/2025 ')).toBe('2025-07-01')
    expect(parseDisplayDate('29/02/2024')).toBe('2024-02-29')
  })
  it('rejects impossible or malformed dates', () => {
    for (const text of ['31/02/2025', '29/02/2025', '00/01/2025', '01/13/2025', '2025-07-01', '01/07/25', '']) {
      expect(parseDisplayDate(text)).toBeNull()
    }
  })
})

describe('isValidOn', () => {
  it('treats validTo as the last valid day, as the server does', () => {
    const district = { validFrom: '2008-08-01', validTo: '2025-06-30' }
    expect(isValidOn(district, '2025-06-30')).toBe(true)
    expect(isValidOn(district, '2025-07-01')).toBe(false)
    expect(isValidOn(district, '2008-07-31')).toBe(false)
    expect(isValidOn({ validFrom: '2025-07-01', validTo: null }, '2030-01-01')).toBe(true)
  })
})

describe('isoWeekday', () => {
  it('numbers the days from Monday (1) to Sunday (7), without any time zone', () => {
    expect(isoWeekday('2026-02-16')).toBe(1)
    expect(isoWeekday('2026-01-10')).toBe(6)
    expect(isoWeekday('2026-01-11')).toBe(7)
    expect(isoWeekday('2024-02-29')).toBe(4)
  })
  it('refuses what is not a calendar date', () => {
    expect(isoWeekday('2025-02-29')).toBeNull()
    expect(isoWeekday('16/02/2026')).toBeNull()
  })
})

describe('vietnamDateTimeParts', () => {
  it('gives the date, time and weekday in Vietnam (UTC+7)', () => {
    expect(vietnamDateTimeParts('2026-02-22T17:30:00.000Z')).toEqual({ date: '2026-02-23', time: '00:30', weekday: 1 })
    expect(vietnamDateTimeParts('2026-11-26T10:00:00.000Z')).toEqual({ date: '2026-11-26', time: '17:00', weekday: 4 })
  })
  it('returns null for text that is not an instant', () => {
    expect(vietnamDateTimeParts('soon')).toBeNull()
  })
})

describe('formatTimeDate', () => {
  it('writes the time first, in Vietnam time', () => {
    expect(formatTimeDate('2026-11-26T10:00:00.000Z')).toBe('17:00 26/11/2026')
    expect(formatTimeDate('2026-02-22T17:30:00Z')).toBe('00:30 23/02/2026')
    expect(formatTimeDate(null)).toBe('')
  })
})
