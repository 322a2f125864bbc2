/**
 * A year of the working calendar: the days that differ from the Monday–Friday week, each with its
 * kind, and the documents that announced them. Pure: validation and rule-based suggestions.
 */
import { lunarNewYearsEve, lunarToSolar } from './lunar.ts'
import { dayNumber, isoDate, weekday } from '../../platform/time/vietnam-time.ts'

/** Kinds of exception days (the calendar model of the one-stop rules). */
export const DAY_KINDS = ['HOLIDAY', 'COMPENSATORY_OFF', 'SWAPPED_OFF', 'EXTRA_OFF', 'SWAPPED_WORKDAY'] as const
export type DayKind = (typeof DAY_KINDS)[number]
export const OFF_KINDS: ReadonlySet<DayKind> = new Set(['HOLIDAY', 'COMPENSATORY_OFF', 'SWAPPED_OFF', 'EXTRA_OFF'])

export interface CalendarDayEntry {
  date: string
  kind: DayKind
  name: string
}

export type YearStatus = 'suggested' | 'confirmed'

export interface CalendarYear {
  year: number
  status: YearStatus
  /** The announcing documents (number, date, what they say). Required to confirm a year. */
  sources: string[]
  days: CalendarDayEntry[]
}

export const MIN_YEAR = 1900
export const MAX_YEAR = 2100

export interface CalendarIssue {
  field: string
  message: string
}

/** Every reason the year cannot be saved; empty when it is consistent. */
export function validateYear(year: CalendarYear): CalendarIssue[] {
  const issues: CalendarIssue[] = []
  if (!Number.isInteger(year.year) || year.year < MIN_YEAR || year.year > MAX_YEAR) {
    issues.push({ field: '/year', message: `year must be between ${MIN_YEAR} and ${MAX_YEAR}` })
    return issues
  }
  if (year.status === 'confirmed' && year.sources.filter((s) => s.trim()).length === 0) {
    issues.push({ field: '/sources', message: 'a confirmed year needs the document that announced it' })
  }
  const seen = new Map<string, number>()
  year.days.forEach((entry, index) => {
    const field = `/days/${index}`
    if (!/^\d{4}-\d{2}-\d{2}$/.test(entry.date) || isoDate(dayNumber(entry.date)) !== entry.date) {
      issues.push({ field: `${field}/date`, message: `not a calendar date: ${entry.date}` })
      return
    }
    if (Number(entry.date.slice(0, 4)) !== year.year) issues.push({ field: `${field}/date`, message: `${entry.date} is not in ${year.year}` })
    const day = weekday(dayNumber(entry.date))
    if (OFF_KINDS.has(entry.kind) && day >= 6) issues.push({ field: `${field}/kind`, message: `${entry.date} is a weekend day, already off: list only weekdays as days off` })
    if (entry.kind === 'SWAPPED_WORKDAY' && day <= 5) issues.push({ field: `${field}/kind`, message: `${entry.date} is a weekday, already a working day` })
    const previous = seen.get(entry.date)
    if (previous !== undefined) {
      const other = year.days[previous]!
      const contradiction = OFF_KINDS.has(other.kind) !== OFF_KINDS.has(entry.kind)
      issues.push({ field: `${field}/date`, message: contradiction ? `${entry.date} would be both a day off and a working day` : `${entry.date} is listed twice` })
    }
    seen.set(entry.date, index)
    if (!entry.name.trim()) issues.push({ field: `${field}/name`, message: 'a name is required' })
  })
  return issues
}

/**
 * What the law suggests for a year, before any announcement (Labour Code 2019, Art. 112(1)):
 * 1/1; five days of Tết (here the usual announced block: the last two days of the old lunar year
 * and the first three of the new); 10/3 lunar; 30/4; 1/5;
 * 2/9 plus one adjacent day (from 2021; one day before). A holiday on a weekend gives the next
 * working day off (Art. 111(3)). Only weekdays are listed.
 */
export function suggestYear(year: number): CalendarYear {
  const holidays: CalendarDayEntry[] = []
  const add = (date: string, name: string) => holidays.push({ date, kind: 'HOLIDAY', name })
  add(`${year}-01-01`, 'Tết Dương lịch')
  const eve = dayNumber(lunarNewYearsEve(year))
  const tetNames = ['Tết Nguyên đán (áp Tết)', 'Tết Nguyên đán (cuối năm Âm lịch)', 'Tết Nguyên đán (mùng 1)', 'Tết Nguyên đán (mùng 2)', 'Tết Nguyên đán (mùng 3)']
  tetNames.forEach((name, i) => add(isoDate(eve - 1 + i), name))
  add(lunarToSolar({ day: 10, month: 3, year, leapMonth: false }), 'Giỗ Tổ Hùng Vương (10/3 Âm lịch)')
  add(`${year}-04-30`, 'Ngày Chiến thắng')
  add(`${year}-05-01`, 'Ngày Quốc tế Lao động')
  const national = dayNumber(`${year}-09-02`)
  add(isoDate(national), 'Quốc khánh')
  if (year >= 2021) {
    // The adjacent day that makes the longer break: Monday 2/9 or Thursday/Sunday 2/9 → 3/9, otherwise 1/9.
    const adjacent = [1, 4, 7].includes(weekday(national)) ? national + 1 : national - 1
    add(isoDate(adjacent), 'Quốc khánh (ngày liền kề)')
  }
  // Tết may begin in the previous solar year's calendar range only for dates in this year.
  const inYear = holidays.filter((h) => h.date.startsWith(`${year}-`))
  const taken = new Set(inYear.map((h) => h.date))
  const days: CalendarDayEntry[] = []
  for (const holiday of inYear.sort((a, b) => a.date.localeCompare(b.date))) {
    const day = dayNumber(holiday.date)
    if (weekday(day) <= 5) {
      days.push(holiday)
      continue
    }
    let next = day + 1
    while (weekday(next) >= 6 || taken.has(isoDate(next))) next += 1
    taken.add(isoDate(next))
    if (isoDate(next).startsWith(`${year}-`)) days.push({ date: isoDate(next), kind: 'COMPENSATORY_OFF', name: `Nghỉ bù ${holiday.name} (${holiday.date.slice(8, 10)}/${holiday.date.slice(5, 7)})` })
  }
  // Tết of the next solar year may start on 31/12 of this one (New Year's Eve falls in late January
  // to mid-February, so it never does in practice); nothing to add.
  return { year, status: 'suggested', sources: ['Bộ luật Lao động 2019, Điều 111–112 (gợi ý theo quy tắc, chưa có thông báo chính thức)'], days: days.sort((a, b) => a.date.localeCompare(b.date)) }
}
