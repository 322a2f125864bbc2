/**
 * An agency's office hours (GET/PUT /api/agencies/:id/office-hours): the sessions of a weekday and
 * of Saturday; editable with org.manage. Deadlines in working hours and due times follow them.
 */
import { ActionIcon, Alert, Button, Card, Group, List, Stack, Table, Text, TextInput, Title } from '@mantine/core'
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { OfficeHoursRecord } from '../../../../contracts/calendar.ts'
import { calendarApi } from '../../api/calendar.ts'
import { isApiError } from '../../api/client.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'
import { useResource } from '../../ui/useResource.ts'
import {
  draftFromHours,
  formatSessions,
  hasIssues,
  MAX_SESSIONS,
  newSessionId,
  officeHoursServerIssues,
  sessionIssues,
  toOfficeHours,
  type OfficeHoursDraft,
  type SessionGroup,
} from './officeHours.ts'

const GROUPS: readonly SessionGroup[] = ['weekday', 'saturday']

function OfficeHoursForm({ agencyId, hours, onSaved, onCancel }: { agencyId: string; hours: OfficeHoursRecord; onSaved: (hours: OfficeHoursRecord) => void; onCancel: () => void }) {
  const { t } = useTranslation('office')
  const formRef = useRef<HTMLFormElement>(null)
  const [draft, setDraft] = useState<OfficeHoursDraft>(() => draftFromHours(hours))
  const [attempted, setAttempted] = useState(false)
  // If-Match: saving over someone else's newer change answers 409 request.stale (ADR 0011).
  const save = useAction(async () => onSaved(await calendarApi.setOfficeHours(agencyId, toOfficeHours(draft), hours.rowVersion)))
  const fromServer = isApiError(save.error) && save.error.problem?.errors ? officeHoursServerIssues(save.error.problem.errors, draft) : { sessions: {}, other: [] }

  const groupLabel = (group: SessionGroup) => t(group === 'weekday' ? 'officeHours.weekdays' : 'officeHours.saturday')
  const focusLater = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0)

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setAttempted(true)
    if (hasIssues(draft)) {
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0)
      return
    }
    void save.run()
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <ProblemAlert error={save.error} withoutFieldErrors />
        {fromServer.other.length > 0 && (
          <List size="sm" c="red.9">
            {fromServer.other.map((message) => (
              <List.Item key={message}>{message}</List.Item>
            ))}
          </List>
        )}
        {GROUPS.map((group) => {
          const sessions = draft[group]
          const issues = sessionIssues(sessions)
          const legendId = `office-hours-${group}`
          return (
            <fieldset key={group} style={{ border: 0, padding: 0, margin: 0 }}>
              <Text id={legendId} component="legend" fw={700} size="sm" mb={4}>
                {groupLabel(group)}
              </Text>
              {group === 'saturday' && (
                <Text size="xs" c="dimmed" mb="xs">
                  {t('officeHours.saturdayHint')}
                </Text>
              )}
              {group === 'weekday' && attempted && sessions.length === 0 && (
                <Alert color="red" variant="light" mb="xs">
                  {t('officeHours.issues.weekdayRequired')}
                </Alert>
              )}
              <Stack gap="xs">
                {sessions.map((session, index) => {
                  const number = index + 1
                  const issue = issues[session.id]
                  const shown = (field: 'start' | 'end') => {
                    const local = issue?.[field]
                    // Not-yet-typed times wait for the first save; order and overlap show at once.
                    if (local && (attempted || local !== 'timeInvalid')) return t(`officeHours.issues.${local}`)
                    return field === 'start' ? fromServer.sessions[session.id] : undefined
                  }
                  const update = (changes: Partial<typeof session>) =>
                    setDraft({ ...draft, [group]: sessions.map((s) => (s.id === session.id ? { ...s, ...changes } : s)) })
                  return (
                    <Group key={session.id} align="flex-start" gap="sm" wrap="wrap">
                      <TextInput
                        id={`session-${session.id}-start`}
                        label={t('officeHours.start', { number })}
                        placeholder={t('officeHours.timeHint')}
                        inputMode="numeric"
                        autoComplete="off"
                        w={150}
                        value={session.start}
                        error={shown('start')}
                        onChange={(event) => update({ start: event.currentTarget.value })}
                      />
                      <TextInput
                        label={t('officeHours.end', { number })}
                        placeholder={t('officeHours.timeHint')}
                        inputMode="numeric"
                        autoComplete="off"
                        w={150}
                        value={session.end}
                        error={shown('end')}
                        onChange={(event) => update({ end: event.currentTarget.value })}
                      />
                      <ActionIcon
                        id={`session-${session.id}-remove`}
                        variant="subtle"
                        color="red"
                        size="lg"
                        mt={26}
                        disabled={group === 'weekday' && sessions.length === 1}
                        aria-label={t('officeHours.remove', { number, group: groupLabel(group) })}
                        onClick={() => {
                          const rest = sessions.filter((s) => s.id !== session.id)
                          setDraft({ ...draft, [group]: rest })
                          const next = rest[index] ?? rest[index - 1]
                          focusLater(next ? `session-${next.id}-remove` : `office-hours-add-${group}`)
                        }}
                      >
                        <IconTrash size={18} aria-hidden />
                      </ActionIcon>
                    </Group>
                  )
                })}
                {sessions.length < MAX_SESSIONS && (
                  <Button
                    id={`office-hours-add-${group}`}
                    variant="light"
                    size="xs"
                    w="fit-content"
                    leftSection={<IconPlus size={14} aria-hidden />}
                    aria-label={t('officeHours.addTo', { group: groupLabel(group) })}
                    onClick={() => {
                      const added = { id: newSessionId(), start: '', end: '' }
                      setDraft({ ...draft, [group]: [...sessions, added] })
                      focusLater(`session-${added.id}-start`)
                    }}
                  >
                    {t('officeHours.add')}
                  </Button>
                )}
              </Stack>
            </fieldset>
          )
        })}
        <Group>
          <Button type="submit" loading={save.pending}>
            {t('actions.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

export function OfficeHoursCard({ agencyId, canManage }: { agencyId: string; canManage: boolean }) {
  const { t } = useTranslation('office')
  const hours = useResource((signal) => calendarApi.getOfficeHours(agencyId, signal), [agencyId])
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState(false)

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="office-hours-heading">
      <Group justify="space-between" align="flex-start" mb="xs">
        <Stack gap={2}>
          <Title order={2} size="h4" id="office-hours-heading">
            {t('officeHours.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('officeHours.lead')}
          </Text>
        </Stack>
        {canManage && hours.data && !editing && (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPencil size={14} aria-hidden />}
            onClick={() => {
              setSaved(false)
              setEditing(true)
            }}
            aria-label={t('officeHours.editTitle')}
          >
            {t('actions.edit')}
          </Button>
        )}
      </Group>
      {hours.loading && !hours.data && <LoadingState />}
      <ProblemAlert error={hours.error} />
      {saved && (
        <Alert color="green" variant="light" role="status" mb="xs" withCloseButton onClose={() => setSaved(false)}>
          {t('officeHours.saved')}
        </Alert>
      )}
      {hours.data && editing && (
        <OfficeHoursForm
          agencyId={agencyId}
          hours={hours.data}
          onCancel={() => setEditing(false)}
          onSaved={(next) => {
            hours.setData(next)
            setEditing(false)
            setSaved(true)
          }}
        />
      )}
      {hours.data && !editing && (
        <Table variant="vertical" layout="fixed" withRowBorders={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={200}>{t('officeHours.weekdays')}</Table.Th>
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{formatSessions(hours.data.weekdaySessions)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('officeHours.saturday')}</Table.Th>
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>
                {hours.data.saturdaySessions.length ? formatSessions(hours.data.saturdaySessions) : t('officeHours.noSaturday')}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}
