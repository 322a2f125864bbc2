import { describe, expect, it } from 'vitest'
import {
  diffDays,
  draftFrom,
  draftIssues,
  isDirty,
  serverIssues,
  sourcesFromText,
  toBody,
  toggleDate,
  withoutRequiredIssues,
  type Draft,
  type DraftRow,
} from './calendarDraft.ts'

function ids() {
  let n = 0
  return () => `r${++n}`
}

const row = (id: string, date: string | null, kind: DraftRow['kind'], name = 'x'): DraftRow => ({ id, date, dateInvalid: false, kind, name })
const draft = (rows: DraftRow[], extra: Partial<Draft> = {}): Draft => ({ year: 2026, status: 'suggested', sourcesText: '', rows, ...extra })

describe('draftFrom / toBody', () => {
  it('round-trips a year, sources one per line, days ordered by date with the index of each row', () => {
    const d = draftFrom(
      2026,
      {
        status: 'confirmed',
        sources: ['Văn bản 1', 'Văn bản 2'],
        days: [
          { date: '2026-02-17', kind: 'HOLIDAY', name: 'Tết (mùng 1)' },
          { date: '2026-01-10', kind: 'SWAPPED_WORKDAY', name: 'làm bù' },
        ],
      },
      ids(),
    )
    expect(d.sourcesText).toBe('Văn bản 1\nVăn bản 2')
    const { body, rowIds } = toBody(d)
    expect(body).toEqual({
      year: 2026,
      status: 'confirmed',
      sources: ['Văn bản 1', 'Văn bản 2'],
      days: [
        { date: '2026-01-10', kind: 'SWAPPED_WORKDAY', name: 'làm bù' },
        { date: '2026-02-17', kind: 'HOLIDAY', name: 'Tết (mùng 1)' },
      ],
    })
    expect(rowIds).toEqual(['r2', 'r1'])
  })

  it('drops blank lines and trims sources', () => {
    expect(sourcesFromText('  a \r\n\n b\n   ')).toEqual(['a', 'b'])
  })
})

describe('draftIssues', () => {
  it('accepts the 2026 swap (Friday 2/1 off, Saturday 10/1 worked)', () => {
    const issues = draftIssues(draft([row('a', '2026-01-02', 'SWAPPED_OFF'), row('b', '2026-01-10', 'SWAPPED_WORKDAY')]))
    expect(issues.count).toBe(0)
  })

  it('names the field of each contradiction', () => {
    const issues = draftIssues(
      draft([
        row('weekendOff', '2026-02-21', 'HOLIDAY'),
        row('weekdayWorked', '2026-02-16', 'SWAPPED_WORKDAY'),
        row('otherYear', '2027-01-01', 'HOLIDAY'),
        row('first', '2026-04-30', 'HOLIDAY'),
        row('duplicate', '2026-04-30', 'EXTRA_OFF'),
        row('unnamed', '2026-05-01', 'HOLIDAY', '  '),
        row('empty', null, 'HOLIDAY'),
        { ...row('typo', null, 'HOLIDAY'), dateInvalid: true },
      ]),
    )
    expect(issues.rows).toEqual({
      weekendOff: { kind: 'weekendOff' },
      weekdayWorked: { kind: 'weekdayWorked' },
      otherYear: { date: 'otherYear' },
      duplicate: { date: 'duplicate' },
      unnamed: { name: 'nameRequired' },
      empty: { date: 'dateRequired' },
      typo: { date: 'dateInvalid' },
    })
    expect(issues.count).toBe(7)
  })

  it('calls a date both off and worked a conflict', () => {
    const issues = draftIssues(draft([row('a', '2026-01-10', 'SWAPPED_WORKDAY'), row('b', '2026-01-10', 'HOLIDAY')]))
    expect(issues.rows.b).toEqual({ date: 'conflict', kind: 'weekendOff' })
  })

  it('needs a source to confirm a year, and hides "not filled in yet" issues before the first save', () => {
    const issues = draftIssues(draft([row('a', null, 'HOLIDAY', '')], { status: 'confirmed', sourcesText: ' \n' }))
    expect(issues.sources).toBe('sourcesRequired')
    expect(issues.count).toBe(3)
    const early = withoutRequiredIssues(issues)
    expect(early.rows).toEqual({})
    expect(early.sources).toBeNull()
  })

  it('limits the number of days', () => {
    const rows = Array.from({ length: 121 }, (_, i) => row(`r${i}`, null, 'HOLIDAY'))
    expect(draftIssues(draft(rows)).tooManyDays).toBe(true)
  })
})

describe('serverIssues', () => {
  it('maps /body/days/N/field to the row sent at index N', () => {
    const mapped = serverIssues(
      [
        { field: '/body/days/1/kind', message: 'weekend' },
        { field: '/body/days/0', message: 'whole row' },
        { field: '/body/sources', message: 'needs a document' },
        { field: '/body/year', message: 'must be 2026' },
        { field: '/body/days/9/date', message: 'beyond what was sent' },
      ],
      ['r7', 'r3'],
    )
    expect(mapped.rows).toEqual({ r3: { kind: 'weekend' }, r7: { date: 'whole row' } })
    expect(mapped.sources).toBe('needs a document')
    expect(mapped.other).toEqual(['/body/year: must be 2026', '/body/days/9/date: beyond what was sent'])
  })
})

describe('toggleDate', () => {
  it('adds a weekday as a day off and a weekend day as worked, in date order', () => {
    const rows = [row('a', '2026-01-01', 'HOLIDAY'), row('b', '2026-02-16', 'HOLIDAY')]
    const weekday = toggleDate(rows, '2026-01-02', ids())
    expect(weekday.rows.map((r) => r.date)).toEqual(['2026-01-01', '2026-01-02', '2026-02-16'])
    expect(weekday.added).toMatchObject({ date: '2026-01-02', kind: 'HOLIDAY', name: '' })
    const saturday = toggleDate(rows, '2026-01-10', ids())
    expect(saturday.added?.kind).toBe('SWAPPED_WORKDAY')
  })

  it('removes every row of a date already listed', () => {
    const rows = [row('a', '2026-01-01', 'HOLIDAY'), row('b', '2026-01-01', 'EXTRA_OFF')]
    expect(toggleDate(rows, '2026-01-01')).toEqual({ rows: [], added: null })
  })
})

describe('diffDays / isDirty', () => {
  const saved = [
    { date: '2026-01-01', kind: 'HOLIDAY' as const, name: 'Tết Dương lịch' },
    { date: '2026-01-02', kind: 'SWAPPED_OFF' as const, name: 'hoán đổi' },
  ]
  it('counts days added, removed and changed', () => {
    const next = [
      { date: '2026-01-01', kind: 'HOLIDAY' as const, name: 'Tết Dương lịch (1/1)' },
      { date: '2026-01-10', kind: 'SWAPPED_WORKDAY' as const, name: 'làm bù' },
    ]
    expect(diffDays(saved, next)).toEqual({ added: 1, removed: 1, changed: 1 })
  })
  it('ignores the order of rows and surrounding spaces', () => {
    const d = draftFrom(2026, { status: 'confirmed', sources: ['A'], days: [...saved].reverse() }, ids())
    expect(isDirty({ ...d, sourcesText: 'A\n\n' }, { status: 'confirmed', sources: ['A'], days: saved })).toBe(false)
    expect(isDirty({ ...d, status: 'suggested' }, { status: 'confirmed', sources: ['A'], days: saved })).toBe(true)
  })
})
