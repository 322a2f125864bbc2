/**
 * Twelve month tables (weeks from Monday) colouring working days, weekends, days off by kind and
 * Saturdays/Sundays worked, with a legend. With `onToggle`, days are buttons: one of them is in the
 * tab order and the arrow keys move between days (roving focus), Enter/Space toggles the day.
 */
import { Group, SimpleGrid, Stack, Text, VisuallyHidden } from '@mantine/core'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../../format/dates.ts'
import './calendar.css'
import { MONTHS, TONES, WEEKDAYS, isoDateOf, monthWeeks, shiftDate, type DayEntry, type DayTone, type GridDay, type MonthNumber } from './monthGrid.ts'

interface YearGridProps {
  year: number
  entries: ReadonlyMap<string, DayEntry>
  /** Today in Vietnam (yyyy-MM-dd), outlined when in this year. */
  today: string
  /** Makes the days buttons that add or remove an entry. */
  onToggle?: ((date: string) => void) | undefined
}

export function ToneSwatch({ tone }: { tone: DayTone }) {
  return <span className={`cal-day cal-swatch cal-tone-${tone}`} aria-hidden />
}

function useDayLabel() {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  return (day: GridDay) => {
    const tone = day.entry ? t(`dayKinds.${day.entry.kind}`) : t(day.tone === 'weekend' ? 'calendar.grid.weekend' : 'calendar.grid.working')
    const values = { weekday: tc(`weekdays.long.${day.weekday}`), date: formatDate(day.date), tone }
    return day.entry?.name.trim() ? t('calendar.grid.dayNamed', { ...values, name: day.entry.name }) : t('calendar.grid.day', values)
  }
}

function MonthTable({
  year,
  month,
  entries,
  today,
  focusDate,
  onToggle,
}: {
  year: number
  month: MonthNumber
  entries: ReadonlyMap<string, DayEntry>
  today: string
  focusDate: string
  onToggle?: ((date: string) => void) | undefined
}) {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const label = useDayLabel()
  const weeks = useMemo(() => monthWeeks(year, month, entries), [year, month, entries])

  return (
    <table className="cal-month">
      <caption>
        {t(`calendar.months.${month}`)}
        <VisuallyHidden>{` ${year}`}</VisuallyHidden>
      </caption>
      <thead>
        <tr>
          {WEEKDAYS.map((weekday) => (
            <th key={weekday} scope="col">
              <abbr title={tc(`weekdays.long.${weekday}`)}>{tc(`weekdays.short.${weekday}`)}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, index) => (
          <tr key={index}>
            {week.map((day, place) => {
              if (!day) return <td key={`empty-${place}`} />
              const className = `cal-day cal-tone-${day.tone}${day.date === today ? ' cal-today' : ''}`
              const description = label(day)
              return (
                <td key={day.date}>
                  {onToggle ? (
                    <button
                      type="button"
                      className={className}
                      data-date={day.date}
                      tabIndex={day.date === focusDate ? 0 : -1}
                      aria-pressed={day.entry !== null}
                      title={description}
                      onClick={() => onToggle(day.date)}
                    >
                      {/* The name is the whole description (which names the date); the number is what the eye reads. */}
                      <span aria-hidden>{day.day}</span>
                      <VisuallyHidden>{description}</VisuallyHidden>
                    </button>
                  ) : (
                    <span className={className} title={description}>
                      <span aria-hidden>{day.day}</span>
                      <VisuallyHidden>{description}</VisuallyHidden>
                    </span>
                  )}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

export function YearGrid({ year, entries, today, onToggle }: YearGridProps) {
  const { t } = useTranslation('office')
  const containerRef = useRef<HTMLDivElement>(null)
  const initialFocus = today.startsWith(`${year}-`) ? today : isoDateOf(year, 1, 1)
  const [focusDate, setFocusDate] = useState(initialFocus)
  const moveFocus = useRef(false)

  useEffect(() => setFocusDate(initialFocus), [initialFocus])

  useEffect(() => {
    if (!moveFocus.current) return
    moveFocus.current = false
    containerRef.current?.querySelector<HTMLButtonElement>(`button[data-date="${focusDate}"]`)?.focus()
  }, [focusDate])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!onToggle) return
    const target = event.target as HTMLElement
    const date = target.dataset.date
    if (!date) return
    const steps: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -7, ArrowDown: 7 }
    let next: string | null = null
    if (event.key in steps) next = shiftDate(date, steps[event.key] ?? 0)
    else if (event.key === 'Home' || event.key === 'End') {
      const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1
      next = shiftDate(date, event.key === 'Home' ? 1 - weekday : 7 - weekday)
    } else return
    event.preventDefault()
    if (!next) return
    moveFocus.current = true
    setFocusDate(next)
  }

  return (
    <Stack gap="md">
      {/* Arrow keys move between the day buttons (the handler only acts on them). */}
      <div ref={containerRef} onKeyDown={onKeyDown}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="lg" verticalSpacing="lg">
          {MONTHS.map((month) => (
            <MonthTable key={month} year={year} month={month} entries={entries} today={today} focusDate={focusDate} onToggle={onToggle} />
          ))}
        </SimpleGrid>
      </div>
      <section aria-labelledby="calendar-legend-heading">
        <Text id="calendar-legend-heading" size="sm" fw={700} mb={4}>
          {t('calendar.grid.legend')}
        </Text>
        <Group gap="md" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {TONES.map((tone) => (
            <Group key={tone} component="li" gap={6} wrap="nowrap">
              <ToneSwatch tone={tone} />
              <Text size="sm">{t(`dayTones.${tone}`)}</Text>
            </Group>
          ))}
          {today.startsWith(`${year}-`) && (
            <Group component="li" gap={6} wrap="nowrap">
              <span className="cal-day cal-swatch cal-tone-working cal-today" aria-hidden />
              <Text size="sm">{t('calendar.grid.today')}</Text>
            </Group>
          )}
        </Group>
      </section>
    </Stack>
  )
}
