/**
 * The official days off of 2020–2026 for agencies with a Saturday–Sunday week (Decision
 * 188/1999/QĐ-TTg), as announced each year, with the announcing documents. Shipped so that a
 * new deployment counts deadlines right from its first day; administrators add later years.
 */
import officialData from './data/official-days-off.json' with { type: 'json' }
import type { CalendarDayEntry, CalendarYear, DayKind } from './calendar-year.ts'

interface OfficialYear {
  source: string[]
  daysOff: string[]
  workingSaturdays: string[]
  labels: Record<string, { kind: string; name: string }>
  notes?: string
}

/** The shipped years, confirmed, each with its sources. */
export function officialSchedules(): CalendarYear[] {
  return Object.entries(officialData as Record<string, OfficialYear>).map(([year, data]) => {
    const entry = (date: string, fallback: DayKind, fallbackName: string): CalendarDayEntry => ({
      date,
      kind: (data.labels[date]?.kind as DayKind | undefined) ?? fallback,
      name: data.labels[date]?.name ?? fallbackName,
    })
    return {
      year: Number(year),
      status: 'confirmed' as const,
      sources: data.source,
      days: [...data.daysOff.map((d) => entry(d, 'HOLIDAY', 'Ngày nghỉ')), ...data.workingSaturdays.map((d) => entry(d, 'SWAPPED_WORKDAY', 'Ngày làm việc bù'))].sort((a, b) => a.date.localeCompare(b.date)),
    }
  })
}
