/**
 * "Submitted now, when is the result due?" (GET /api/public/due-date, no sign-in). On its own the
 * reader picks the time limit and unit; a procedure page passes its own limit (`value` + `unit`,
 * optionally `cutoff` and `agencyId`), which is then shown as text. The answer is an instant shown
 * in Vietnam time; when the count crosses a year whose days off are not yet announced, a notice
 * says the date may change.
 */
import { Alert, Box, Button, Card, Checkbox, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconAlertTriangle, IconCalendarTime, IconRefresh } from '@tabler/icons-react'
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { DueDate } from '../../../contracts/calendar.ts'
import { publicCalendarApi } from '../api/calendar.ts'
import { isApiError } from '../api/client.ts'
import { formatDate, formatTimeDate, vietnamDateTimeParts } from '../format/dates.ts'
import { ProblemAlert } from '../ui/ProblemAlert.tsx'
import { useResource } from '../ui/useResource.ts'
import { DEFAULT_CUTOFF, dueDateQuery, formatLimitValue, isLimitUnit, LIMIT_UNITS, limitIssue, MAX_LIMIT, parseLimitValue, type LimitUnit } from './dueDate.ts'

export interface DueDateWidgetProps {
  /** The procedure's time limit; with `unit`, the limit is fixed and shown as text. */
  value?: number | undefined
  unit?: LimitUnit | undefined
  /** 'HH:mm' cut-off, or null for none; when left out the reader may tick the 15:00 cut-off. */
  cutoff?: string | null | undefined
  /** Office hours of this agency decide the due time (defaults: 07:30–11:30, 13:30–17:00). */
  agencyId?: string | undefined
  /** Level of the widget's heading on the page (2 on the portal home). */
  headingOrder?: 2 | 3 | 4
}

interface Limit {
  value: number
  unit: LimitUnit
  cutoff: string | null
}

type WeekdayKey = '1' | '2' | '3' | '4' | '5' | '6' | '7'

function DueDateAnswer({ result, limitText }: { result: DueDate; limitText: string }) {
  const { t } = useTranslation()
  const when = vietnamDateTimeParts(result.appointment)
  if (!when) return null
  return (
    <Stack gap="xs">
      <Text size="lg">
        {t('dueDate.resultLead')}{' '}
        <Text span fw={700} size="lg" c="red.9">
          {t('dueDate.resultWhen', { time: when.time, weekday: t(`weekdays.inSentence.${String(when.weekday) as WeekdayKey}`), date: formatDate(when.date) })}
        </Text>
      </Text>
      <Text size="sm" c="dimmed">
        {t('dueDate.details', { limit: limitText, received: formatTimeDate(result.receivedAt), countsFrom: formatTimeDate(result.countsFrom) })}
      </Text>
      {result.provisional && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('dueDate.provisionalTitle')}>
          {t('dueDate.provisional', { years: result.unconfirmedYears.join(', ') })}
        </Alert>
      )}
    </Stack>
  )
}

export function DueDateWidget({ value, unit, cutoff, agencyId, headingOrder = 2 }: DueDateWidgetProps) {
  const { t, i18n } = useTranslation()
  const headingId = useId()
  const fixedLimit = value !== undefined && unit !== undefined
  const fixedCutoff = cutoff !== undefined

  // What the form shows (free mode) and what was last asked of the server.
  const [valueInput, setValueInput] = useState(() => formatLimitValue(value ?? 3, i18n.language))
  const [unitInput, setUnitInput] = useState<LimitUnit>(unit ?? 'working_days')
  const [useCutoff, setUseCutoff] = useState(true)
  const [asked, setAsked] = useState<Limit>({ value: value ?? 3, unit: unit ?? 'working_days', cutoff: fixedCutoff ? cutoff : DEFAULT_CUTOFF })
  const [showIssue, setShowIssue] = useState(false)

  const limit: Limit = fixedLimit ? { value, unit, cutoff: fixedCutoff ? cutoff : asked.cutoff } : asked
  const query = dueDateQuery({ ...limit, agencyId })
  const answer = useResource((signal) => publicCalendarApi.dueDate(query, signal), [JSON.stringify(query)])

  const typedValue = parseLimitValue(valueInput)
  const issue = limitIssue(typedValue, unitInput)
  const serverFields = isApiError(answer.error) ? answer.error.fieldErrors() : {}
  const unitLabel = (u: LimitUnit) => t(`dueDate.units.${u}`)
  const limitText = (l: Limit) => t(`dueDate.limits.${l.unit}`, { count: l.value, value: formatLimitValue(l.value, i18n.language) })
  const issueText = (kind: NonNullable<typeof issue>) => t(`dueDate.issues.${kind}`, { max: formatLimitValue(MAX_LIMIT[unitInput], i18n.language), unit: unitLabel(unitInput) })

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setShowIssue(true)
    const nextCutoff = fixedCutoff ? cutoff : useCutoff ? DEFAULT_CUTOFF : null
    let next: Limit
    if (fixedLimit) next = { value, unit, cutoff: nextCutoff }
    else if (issue || typedValue === null) return
    else next = { value: typedValue, unit: unitInput, cutoff: nextCutoff }
    // The same question again still means "now" has moved on: ask anew.
    if (JSON.stringify(next) === JSON.stringify(limit)) answer.reload()
    else setAsked(next)
  }

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Group gap="sm" wrap="nowrap" align="flex-start" mb="xs">
        <IconCalendarTime size={28} aria-hidden color="var(--mantine-color-red-9)" style={{ flex: 'none' }} />
        <Title order={headingOrder} size="h3" id={headingId}>
          {t('dueDate.title')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('dueDate.lead')}
      </Text>

      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          {fixedLimit ? (
            <Text fw={600}>{t('dueDate.limit', { limit: limitText(limit) })}</Text>
          ) : (
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label={t('dueDate.value')}
                required
                w={{ base: '100%', xs: 200 }}
                inputMode="decimal"
                autoComplete="off"
                value={valueInput}
                error={showIssue && issue ? issueText(issue) : serverFields.value}
                onChange={(event) => setValueInput(event.currentTarget.value)}
              />
              <NativeSelect
                label={t('dueDate.unit')}
                required
                w={{ base: '100%', xs: 220 }}
                data={LIMIT_UNITS.map((u) => ({ value: u, label: unitLabel(u) }))}
                value={unitInput}
                error={serverFields.unit}
                onChange={(event) => isLimitUnit(event.currentTarget.value) && setUnitInput(event.currentTarget.value)}
              />
            </Group>
          )}
          {fixedCutoff ? (
            cutoff && (
              <Text size="sm" c="dimmed">
                {t('dueDate.cutoff', { time: cutoff })}
              </Text>
            )
          ) : (
            <Checkbox
              label={t('dueDate.cutoff', { time: DEFAULT_CUTOFF })}
              checked={useCutoff}
              onChange={(event) => setUseCutoff(event.currentTarget.checked)}
              error={serverFields.cutoff}
            />
          )}
          <Group>
            <Button type="submit" leftSection={fixedLimit ? <IconRefresh size={16} aria-hidden /> : undefined} loading={answer.loading}>
              {fixedLimit && (fixedCutoff || (useCutoff ? DEFAULT_CUTOFF : null) === limit.cutoff) ? t('dueDate.recalculate') : t('dueDate.submit')}
            </Button>
          </Group>
        </Stack>
      </form>

      <Box mt="md" aria-live="polite" aria-busy={answer.loading}>
        {answer.loading && !answer.data && (
          <Text size="sm" c="dimmed">
            {t('dueDate.calculating')}
          </Text>
        )}
        {answer.error ? <ProblemAlert error={answer.error} withoutFieldErrors /> : answer.data && <DueDateAnswer result={answer.data} limitText={limitText(limit)} />}
      </Box>
      <Text size="xs" c="dimmed" mt="md">
        {t('dueDate.disclaimer')}
      </Text>
    </Card>
  )
}
