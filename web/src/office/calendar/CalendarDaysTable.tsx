/** The entries of a saved year, read-only (for officials without calendar.manage). */
import { Group, Table, Text, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { CalendarDay } from '../../../../contracts/calendar.ts'
import { formatDate, isoWeekday } from '../../format/dates.ts'
import { EmptyTableRow } from '../../ui/TableStates.tsx'
import type { WeekdayNumber } from './monthGrid.ts'
import { ToneSwatch } from './YearGrid.tsx'

export function CalendarDaysTable({ year, days }: { year: number; days: readonly CalendarDay[] }) {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date))

  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped verticalSpacing="xs">
        <Table.Caption>
          <VisuallyHidden>{t('calendar.grid.title', { year })}</VisuallyHidden>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={120}>
              {t('calendar.days.date')}
            </Table.Th>
            <Table.Th scope="col" w={110}>
              {t('calendar.days.weekday')}
            </Table.Th>
            <Table.Th scope="col" w={220}>
              {t('calendar.days.kind')}
            </Table.Th>
            <Table.Th scope="col">{t('calendar.days.name')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.length === 0 && <EmptyTableRow colSpan={4} message={t('calendar.days.empty')} />}
          {sorted.map((day) => {
            const weekday = isoWeekday(day.date)
            return (
              <Table.Tr key={`${day.date}:${day.kind}`}>
                <Table.Td fz="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatDate(day.date)}
                </Table.Td>
                <Table.Td fz="sm">{weekday ? tc(`weekdays.long.${weekday as WeekdayNumber}`) : ''}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <ToneSwatch tone={day.kind} />
                    <Text size="sm">{t(`dayKinds.${day.kind}`)}</Text>
                  </Group>
                </Table.Td>
                <Table.Td fz="sm">{day.name}</Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
