/**
 * Editing a year (calendar.manage): status, announcing documents and the table of entries. The
 * server's checks are repeated next to each row before saving; whatever the server still refuses
 * (400 calendar.invalid_year with /body/days/N/… fields) is shown on the row it names.
 * The page remounts it (key) whenever the draft is replaced as a whole (load, save, import, undo).
 */
import { ActionIcon, Alert, Button, Group, List, Paper, Select, Stack, Switch, Table, Text, Textarea, TextInput, Title, VisuallyHidden } from '@mantine/core'
import { IconDeviceFloppy, IconPlus, IconRestore, IconSparkles, IconTrash } from '@tabler/icons-react'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CalendarYear } from '../../../../contracts/calendar.ts'
import { calendarApi } from '../../api/calendar.ts'
import { isApiError } from '../../api/client.ts'
import { isoWeekday } from '../../format/dates.ts'
import { DateField } from '../../ui/DateField.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EmptyTableRow } from '../../ui/TableStates.tsx'
import { useAction } from '../../ui/useAction.ts'
import { DAY_KINDS, type DayKind } from '../catalog.ts'
import {
  draftFrom,
  draftIssues,
  MAX_DAYS,
  MAX_NAME_LENGTH,
  newRowId,
  serverIssues,
  toBody,
  withoutRequiredIssues,
  type Draft,
  type DraftRow,
  type RowField,
  type ServerIssues,
} from './calendarDraft.ts'
import type { WeekdayNumber } from './monthGrid.ts'

interface CalendarEditorProps {
  draft: Draft
  onChange: (draft: Draft) => void
  saved: CalendarYear
  dirty: boolean
  onSaved: (year: CalendarYear) => void
  onReset: () => void
  /** Tells screen-reader users what a button did (polite live region of the page). */
  onAnnounce: (message: string) => void
}

const EMPTY_SERVER_ISSUES: ServerIssues = { rows: {}, sources: null, other: [] }

function fieldId(row: DraftRow, field: RowField | 'remove'): string {
  return `calendar-${row.id}-${field}`
}

function focusById(id: string): void {
  // After React has rendered the row.
  window.setTimeout(() => document.getElementById(id)?.focus(), 0)
}

export function CalendarEditor({ draft, onChange, saved, dirty, onSaved, onReset, onAnnounce }: CalendarEditorProps) {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const formRef = useRef<HTMLFormElement>(null)
  const [attempted, setAttempted] = useState(false)
  const sentRowIds = useRef<string[]>([])

  const allIssues = draftIssues(draft)
  const issues = attempted ? allIssues : withoutRequiredIssues(allIssues)

  const save = useAction(async () => {
    const { body, rowIds } = toBody(draft)
    sentRowIds.current = rowIds
    onSaved(await calendarApi.saveYear(draft.year, body))
  })
  const problemErrors = isApiError(save.error) ? (save.error.problem?.errors ?? []) : []
  const fromServer = problemErrors.length ? serverIssues(problemErrors, sentRowIds.current) : EMPTY_SERVER_ISSUES

  const update = (changes: Partial<Draft>) => onChange({ ...draft, ...changes })
  const updateRow = (id: string, changes: Partial<DraftRow>) => update({ rows: draft.rows.map((row) => (row.id === id ? { ...row, ...changes } : row)) })

  const addRow = () => {
    const row: DraftRow = { id: newRowId(), date: null, dateInvalid: false, kind: 'HOLIDAY', name: '' }
    update({ rows: [...draft.rows, row] })
    focusById(fieldId(row, 'date'))
  }

  const removeRow = (index: number) => {
    const rows = draft.rows.filter((_, i) => i !== index)
    update({ rows })
    const next = rows[index] ?? rows[index - 1]
    focusById(next ? fieldId(next, 'remove') : 'calendar-add-day')
  }

  const loadSuggestions = () => {
    const suggested = draftFrom(draft.year, { status: draft.status, sources: [], days: saved.suggestions })
    update({ rows: suggested.rows })
    onAnnounce(t('calendar.days.suggestionsLoaded', { count: suggested.rows.length }))
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setAttempted(true)
    if (allIssues.count > 0) {
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0)
      return
    }
    void save.run()
  }

  const rowError = (row: DraftRow, field: RowField): string | undefined => {
    const local = issues.rows[row.id]?.[field]
    if (local) return t(`calendar.issues.${local}`, { year: draft.year })
    return fromServer.rows[row.id]?.[field]
  }
  const sourcesError = issues.sources ? t(`calendar.issues.${issues.sources}`) : (fromServer.sources ?? undefined)
  const kindOptions = DAY_KINDS.map((kind) => ({ value: kind, label: t(`dayKinds.${kind}`) }))

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="calendar-edit-heading">
      <Title order={2} size="h4" id="calendar-edit-heading" mb="sm">
        {t('calendar.edit.title', { year: draft.year })}
      </Title>
      <form ref={formRef} onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <ProblemAlert error={save.error} withoutFieldErrors />
          {fromServer.other.length > 0 && (
            <Alert color="red" variant="light" title={t('calendar.edit.serverOther')}>
              <List size="sm">
                {fromServer.other.map((message) => (
                  <List.Item key={message}>{message}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {attempted && allIssues.count > 0 && (
            <Alert color="red" variant="light" role="alert" title={t('calendar.edit.issues', { count: allIssues.count })}>
              {allIssues.tooManyDays && <Text size="sm">{t('calendar.edit.tooManyDays', { max: MAX_DAYS })}</Text>}
            </Alert>
          )}

          <Switch
            label={t('calendar.edit.confirmed')}
            description={t('calendar.edit.confirmedHint')}
            checked={draft.status === 'confirmed'}
            onChange={(event) => update({ status: event.currentTarget.checked ? 'confirmed' : 'suggested' })}
          />
          <Textarea
            label={t('calendar.sources.label')}
            description={t('calendar.sources.hint')}
            autosize
            minRows={3}
            maxRows={12}
            value={draft.sourcesText}
            error={sourcesError}
            onChange={(event) => update({ sourcesText: event.currentTarget.value })}
          />

          <Stack gap="xs">
            <Group justify="space-between" align="flex-end">
              <Title order={3} size="h5" id="calendar-days-heading">
                {t('calendar.days.title')} · {t('calendar.days.count', { count: draft.rows.length })}
              </Title>
              <Group gap="xs">
                <Button variant="default" size="xs" leftSection={<IconSparkles size={16} aria-hidden />} onClick={loadSuggestions}>
                  {t('calendar.days.useSuggestions')}
                </Button>
              </Group>
            </Group>
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing={6} aria-labelledby="calendar-days-heading">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={44}>
                      #
                    </Table.Th>
                    <Table.Th scope="col" w={160}>
                      {t('calendar.days.date')} <Text span size="xs" c="dimmed" fw={400}>({tc('date.placeholder')})</Text>
                    </Table.Th>
                    <Table.Th scope="col" w={100}>
                      {t('calendar.days.weekday')}
                    </Table.Th>
                    <Table.Th scope="col" w={210}>
                      {t('calendar.days.kind')}
                    </Table.Th>
                    <Table.Th scope="col">{t('calendar.days.name')}</Table.Th>
                    <Table.Th scope="col" w={52}>
                      <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {draft.rows.length === 0 && <EmptyTableRow colSpan={6} message={t('calendar.days.empty')} />}
                  {draft.rows.map((row, index) => {
                    const number = index + 1
                    const weekday = row.date ? isoWeekday(row.date) : null
                    return (
                      <Table.Tr key={row.id} style={{ verticalAlign: 'top' }}>
                        <Table.Td fz="sm" c="dimmed" pt={14}>
                          {number}
                        </Table.Td>
                        <Table.Td>
                          <DateField
                            id={fieldId(row, 'date')}
                            aria-label={t('calendar.days.dateOf', { number })}
                            description=""
                            value={row.date}
                            error={rowError(row, 'date')}
                            onChange={(date, { invalid }) => updateRow(row.id, { date, dateInvalid: invalid })}
                          />
                        </Table.Td>
                        <Table.Td fz="sm" pt={14}>
                          {weekday ? tc(`weekdays.long.${weekday as WeekdayNumber}`) : ''}
                        </Table.Td>
                        <Table.Td>
                          <Select
                            id={fieldId(row, 'kind')}
                            aria-label={t('calendar.days.kindOf', { number })}
                            data={kindOptions}
                            allowDeselect={false}
                            value={row.kind}
                            error={rowError(row, 'kind')}
                            onChange={(kind) => kind && updateRow(row.id, { kind: kind as DayKind })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <TextInput
                            id={fieldId(row, 'name')}
                            aria-label={t('calendar.days.nameOf', { number })}
                            maxLength={MAX_NAME_LENGTH}
                            value={row.name}
                            error={rowError(row, 'name')}
                            onChange={(event) => updateRow(row.id, { name: event.currentTarget.value })}
                          />
                        </Table.Td>
                        <Table.Td>
                          <ActionIcon
                            id={fieldId(row, 'remove')}
                            variant="subtle"
                            color="red"
                            size="lg"
                            aria-label={t('calendar.days.remove', { number })}
                            onClick={() => removeRow(index)}
                          >
                            <IconTrash size={18} aria-hidden />
                          </ActionIcon>
                        </Table.Td>
                      </Table.Tr>
                    )
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Button id="calendar-add-day" variant="light" w="fit-content" leftSection={<IconPlus size={16} aria-hidden />} onClick={addRow}>
              {t('calendar.days.add')}
            </Button>
          </Stack>

          <Group gap="sm">
            <Button type="submit" loading={save.pending} leftSection={<IconDeviceFloppy size={16} aria-hidden />}>
              {t('calendar.edit.save', { year: draft.year })}
            </Button>
            <Button variant="default" disabled={!dirty} leftSection={<IconRestore size={16} aria-hidden />} onClick={onReset}>
              {t('calendar.edit.reset')}
            </Button>
            {dirty && (
              <Text size="sm" c="orange.9" fw={600}>
                {t('calendar.edit.unsaved')}
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
