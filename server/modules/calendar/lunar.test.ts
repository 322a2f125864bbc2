import { describe, expect, it } from 'vitest'
import { lunarNewYear, lunarToSolar, solarToLunar } from './lunar.ts'

describe('Vietnamese lunar calendar', () => {
  it.each([
    // Where Viet Nam (UTC+7) and China (UTC+8) differ.
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
    [2030, '2030-02-02'],
    // Tết of the years the official schedules cover.
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
  ])('puts Tết %i on %s', (year, date) => {
    expect(lunarNewYear(year)).toBe(date)
    expect(solarToLunar(date)).toEqual({ day: 1, month: 1, year, leapMonth: false })
  })

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
  ])('puts the Hùng Kings day (10/3 lunar) %i on %s', (year, date) => {
    expect(lunarToSolar({ day: 10, month: 3, year, leapMonth: false })).toBe(date)
  })

  it('knows leap months: 2023 had a leap second month', () => {
    expect(solarToLunar('2023-03-22')).toEqual({ day: 1, month: 2, year: 2023, leapMonth: true })
    expect(lunarToSolar({ day: 1, month: 2, year: 2023, leapMonth: true })).toBe('2023-03-22')
  })

  it('refuses a lunar date that does not exist and years outside 1900–2100', () => {
    expect(() => lunarToSolar({ day: 1, month: 5, year: 2023, leapMonth: true })).toThrow(/no such lunar date/)
    expect(() => lunarNewYear(1899)).toThrow(/between 1900 and 2100/)
    expect(() => solarToLunar('2101-01-01')).toThrow(/between 1900 and 2100/)
  })
})
