import { describe, expect, it } from 'vitest'
import { parseCalendarFile } from './calendarFile.ts'

const exported = {
  year: 2026,
  status: 'confirmed',
  sources: ['Văn bản 12729/VPCP-KGVX '],
  days: [{ date: '2026-01-10', kind: 'SWAPPED_WORKDAY', name: 'làm bù' }],
}

describe('parseCalendarFile', () => {
  it('reads an exported file', () => {
    expect(parseCalendarFile(JSON.stringify(exported), 2020)).toEqual({
      ok: true,
      body: { ...exported, sources: ['Văn bản 12729/VPCP-KGVX'] },
    })
  })

  it('accepts a byte-order mark, a GET answer with extra fields, and a file without a year', () => {
    const full = { ...exported, stored: true, suggestions: [], updatedAt: null }
    expect(parseCalendarFile(`\uFEFF${JSON.stringify(full)}`, 2020)).toMatchObject({ ok: true, body: { year: 2026 } })
    const { year: _year, ...withoutYear } = exported
    expect(parseCalendarFile(JSON.stringify(withoutYear), 2027)).toMatchObject({ ok: true, body: { year: 2027 } })
  })

  it('says what is wrong with other files', () => {
    expect(parseCalendarFile('{ not json', 2026)).toEqual({ ok: false, error: 'notJson' })
    expect(parseCalendarFile('[1, 2]', 2026)).toEqual({ ok: false, error: 'notCalendar' })
    expect(parseCalendarFile(JSON.stringify({ ...exported, year: 1800 }), 2026)).toEqual({ ok: false, error: 'badYear' })
    expect(parseCalendarFile(JSON.stringify({ ...exported, status: 'draft' }), 2026)).toEqual({ ok: false, error: 'badStatus' })
    expect(parseCalendarFile(JSON.stringify({ ...exported, sources: 'one' }), 2026)).toEqual({ ok: false, error: 'badSources' })
    const badDay = { ...exported, days: [...exported.days, { date: '10/01/2026', kind: 'HOLIDAY', name: 'x' }] }
    expect(parseCalendarFile(JSON.stringify(badDay), 2026)).toEqual({ ok: false, error: 'badDay', position: 2 })
    const badKind = { ...exported, days: [{ date: '2026-01-01', kind: 'HOLIDAYS', name: 'x' }] }
    expect(parseCalendarFile(JSON.stringify(badKind), 2026)).toEqual({ ok: false, error: 'badDay', position: 1 })
    expect(parseCalendarFile(' '.repeat(1_000_001), 2026)).toEqual({ ok: false, error: 'tooLarge' })
  })
})
