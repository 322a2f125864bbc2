import { describe, expect, it } from 'vitest'
import { suggestYear, validateYear, type CalendarYear } from './calendar-year.ts'
import { officialSchedules } from './official-schedules.ts'

const offDays = (year: CalendarYear) => year.days.filter((d) => d.kind !== 'SWAPPED_WORKDAY').map((d) => d.date)

describe('calendar years', () => {
  it('ships 2020–2026 as confirmed years that pass validation, each with its sources', () => {
    const years = officialSchedules()
    expect(years.map((y) => y.year).sort()).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026])
    for (const year of years) {
      expect(validateYear(year), String(year.year)).toEqual([])
      expect(year.sources.length).toBeGreaterThan(0)
    }
    const y2026 = years.find((y) => y.year === 2026)!
    expect(y2026.days.filter((d) => d.kind === 'SWAPPED_WORKDAY').map((d) => d.date)).toEqual(['2026-01-10', '2026-08-22'])
    expect(offDays(y2026)).toEqual(expect.arrayContaining(['2026-01-02', '2026-02-16', '2026-02-20', '2026-04-27', '2026-08-31', '2026-09-01', '2026-09-02']))
  })

  it('suggests from the Labour Code what the government later announced, except its swaps', () => {
    // Years without a swap or an unusual Tết block: the rules alone give the announced days.
    for (const year of [2021, 2023]) {
      const official = officialSchedules().find((y) => y.year === year)!
      expect(offDays(suggestYear(year)).sort(), String(year)).toEqual(offDays(official).sort())
    }
    const y2026 = suggestYear(2026)
    expect(y2026.status).toBe('suggested')
    // Giỗ Tổ falls on Sunday 26/4/2026: the next working day, Monday 27/4, is suggested off.
    expect(y2026.days).toContainEqual(expect.objectContaining({ date: '2026-04-27', kind: 'COMPENSATORY_OFF' }))
    for (const entry of y2026.days) expect(new Date(`${entry.date}T00:00:00Z`).getUTCDay()).not.toBe(0)
  })

  it('refuses a contradictory year and names the field', () => {
    const year: CalendarYear = {
      year: 2027,
      status: 'confirmed',
      sources: [],
      days: [
        { date: '2027-01-01', kind: 'HOLIDAY', name: 'Tết Dương lịch' },
        { date: '2027-01-01', kind: 'SWAPPED_WORKDAY', name: 'x' },
        { date: '2027-01-02', kind: 'HOLIDAY', name: 'Saturday' },
        { date: '2027-01-04', kind: 'SWAPPED_WORKDAY', name: 'Monday' },
        { date: '2026-12-31', kind: 'HOLIDAY', name: 'other year' },
        { date: '2027-02-30', kind: 'HOLIDAY', name: 'no such day' },
      ],
    }
    const issues = validateYear(year)
    expect(issues).toEqual(
      expect.arrayContaining([
        { field: '/sources', message: expect.stringContaining('document') },
        { field: '/days/1/date', message: expect.stringContaining('both a day off and a working day') },
        { field: '/days/2/kind', message: expect.stringContaining('weekend') },
        { field: '/days/3/kind', message: expect.stringContaining('already a working day') },
        { field: '/days/4/date', message: expect.stringContaining('not in 2027') },
        { field: '/days/5/date', message: expect.stringContaining('not a calendar date') },
      ]),
    )
    expect(validateYear({ year: 1899, status: 'suggested', sources: [], days: [] })[0]!.field).toBe('/year')
  })
})
