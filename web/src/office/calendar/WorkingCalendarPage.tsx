/**
 * The working calendar of a year: every official reads it (grid, status, announcing documents,
 * entries); with calendar.manage it is edited here, imported from a file (reviewed in the editor
 * before saving) and exported. The year is in the address (?year=2026).
 */
import { ActionIcon, Alert, Badge, Button, Card, FileButton, Group, List, Modal, NumberInput, Stack, Text, Title, VisuallyHidden } from '@mantine/core'
import { IconChevronLeft, IconChevronRight, IconDownload, IconFileImport, IconInfoCircle } from '@tabler/icons-react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router-dom'
import type { CalendarYear, CalendarYearBody } from '../../../../contracts/calendar.ts'
import { calendarApi } from '../../api/calendar.ts'
import { formatDate, formatDateTime, todayInVietnam } from '../../format/dates.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useResource } from '../../ui/useResource.ts'
import { useCan } from '../session.tsx'
import { CalendarDaysTable } from './CalendarDaysTable.tsx'
import { CalendarEditor } from './CalendarEditor.tsx'
import { diffDays, draftDaysByDate, draftFrom, isDirty, toBody, toggleDate, type Draft } from './calendarDraft.ts'
import { MAX_YEAR, MIN_YEAR, parseCalendarFile, type CalendarFileError } from './calendarFile.ts'
import { yearSummary, type DayEntry } from './monthGrid.ts'
import { YearGrid } from './YearGrid.tsx'

function parseYear(text: string | null): number | null {
  if (!text || !/^\d{4}$/.test(text)) return null
  const year = Number(text)
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : null
}

interface PendingImport {
  year: number
  body: CalendarYearBody
  fileName: string
}

function YearPicker({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const { t } = useTranslation('office')
  const [text, setText] = useState<string | number>(year)
  useEffect(() => setText(year), [year])
  const thisYear = Number(todayInVietnam().slice(0, 4))

  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <ActionIcon variant="default" size="lg" mb={1} aria-label={t('calendar.previousYear')} disabled={year <= MIN_YEAR} onClick={() => onChange(year - 1)}>
        <IconChevronLeft size={18} aria-hidden />
      </ActionIcon>
      <NumberInput
        label={t('calendar.year')}
        w={120}
        min={MIN_YEAR}
        max={MAX_YEAR}
        allowDecimal={false}
        allowNegative={false}
        thousandSeparator={false}
        clampBehavior="none"
        value={text}
        onChange={(value) => {
          setText(value)
          const next = typeof value === 'number' ? value : Number.NaN
          if (Number.isInteger(next) && next >= MIN_YEAR && next <= MAX_YEAR && next !== year) onChange(next)
        }}
        onBlur={() => setText(year)}
        aria-describedby="calendar-year-hint"
      />
      <ActionIcon variant="default" size="lg" mb={1} aria-label={t('calendar.nextYear')} disabled={year >= MAX_YEAR} onClick={() => onChange(year + 1)}>
        <IconChevronRight size={18} aria-hidden />
      </ActionIcon>
      {year !== thisYear && (
        <Button variant="subtle" size="sm" onClick={() => onChange(thisYear)}>
          {t('calendar.thisYear')}
        </Button>
      )}
      <VisuallyHidden id="calendar-year-hint">{t('calendar.yearHint')}</VisuallyHidden>
    </Group>
  )
}

function StatusBadge({ status }: { status: CalendarYear['status'] }) {
  const { t } = useTranslation('office')
  return (
    <Badge size="lg" variant="dot" color={status === 'confirmed' ? 'green.8' : 'orange.6'}>
      {t(`calendar.status.${status}`)}
    </Badge>
  )
}

export function WorkingCalendarPage() {
  const { t } = useTranslation('office')
  const canManage = useCan('calendar.manage')
  const [searchParams, setSearchParams] = useSearchParams()
  const today = todayInVietnam()
  const year = parseYear(searchParams.get('year')) ?? Number(today.slice(0, 4))
  const calendar = useResource((signal) => calendarApi.getYear(year, signal), [year])
  const saved = calendar.data?.year === year ? calendar.data : undefined

  const [draft, setDraft] = useState<Draft | null>(null)
  /** Bumped whenever the draft is replaced as a whole, to start the editor afresh. */
  const [draftKey, setDraftKey] = useState(0)
  const [importedFrom, setImportedFrom] = useState<string | null>(null)
  const [importError, setImportError] = useState<{ file: string; error: CalendarFileError | 'unreadable'; position?: number | undefined } | null>(null)
  const [savedNotice, setSavedNotice] = useState<number | null>(null)
  const [announcement, setAnnouncement] = useState('')
  const [confirmYear, setConfirmYear] = useState<number | null>(null)
  const pendingImport = useRef<PendingImport | null>(null)
  const resetFileRef = useRef<() => void>(null)

  const replaceDraft = (next: Draft, fileName: string | null) => {
    setDraft(next)
    setImportedFrom(fileName)
    setDraftKey((key) => key + 1)
  }

  // Each loaded (or saved) year starts a fresh draft, unless a file chosen for it is waiting.
  useEffect(() => {
    if (!saved) return
    const pending = pendingImport.current
    pendingImport.current = null
    if (pending && pending.year === saved.year) replaceDraft(draftFrom(saved.year, pending.body), pending.fileName)
    else replaceDraft(draftFrom(saved.year, saved), null)
  }, [saved])

  const activeDraft = canManage && draft && draft.year === year ? draft : null
  const dirty = Boolean(activeDraft && saved && isDirty(activeDraft, saved))

  useEffect(() => {
    if (!dirty) return
    const warn = (event: BeforeUnloadEvent) => event.preventDefault()
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [dirty])

  const entries = useMemo<ReadonlyMap<string, DayEntry>>(() => {
    if (activeDraft) return draftDaysByDate(activeDraft.rows)
    return new Map((saved?.days ?? []).map((day) => [day.date, { kind: day.kind, name: day.name }]))
  }, [activeDraft, saved])
  const summary = useMemo(() => yearSummary(year, entries), [year, entries])

  const goYear = (next: number) => {
    setSavedNotice(null)
    setImportError(null)
    setSearchParams({ year: String(next) }, { replace: true })
  }
  const requestYear = (next: number) => {
    if (next === year) return
    if (dirty) setConfirmYear(next)
    else goYear(next)
  }

  const cancelYearChange = () => {
    pendingImport.current = null
    setConfirmYear(null)
  }

  const onToggle = (date: string) => {
    if (!activeDraft) return
    const { rows, added } = toggleDate(activeDraft.rows, date)
    setDraft({ ...activeDraft, rows })
    setSavedNotice(null)
    setAnnouncement(added ? t('calendar.days.added', { date: formatDate(date), kind: t(`dayKinds.${added.kind}`) }) : t('calendar.days.removed', { date: formatDate(date) }))
  }

  const onImportFile = async (file: File | null) => {
    resetFileRef.current?.()
    if (!file) return
    setImportError(null)
    setSavedNotice(null)
    let text: string
    try {
      text = await file.text()
    } catch {
      setImportError({ file: file.name, error: 'unreadable' })
      return
    }
    const parsed = parseCalendarFile(text, year)
    if (!parsed.ok) {
      setImportError({ file: file.name, error: parsed.error, position: parsed.position })
      return
    }
    const { body } = parsed
    if (body.year === year && saved) {
      replaceDraft(draftFrom(year, body), file.name)
      return
    }
    // The year is still loading, or the file holds another year: review the file once that year is shown.
    pendingImport.current = { year: body.year, body, fileName: file.name }
    if (body.year === year) return
    if (dirty) setConfirmYear(body.year)
    else goYear(body.year)
  }

  const importDiff = activeDraft && saved && importedFrom ? diffDays(saved.days, toBody(activeDraft).body.days) : null

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        description={t('calendar.lead')}
        actions={
          <>
            <Button
              component="a"
              href={calendarApi.exportUrl(year)}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              aria-label={t('calendar.exportNamed', { year })}
            >
              {t('calendar.export')}
            </Button>
            {canManage && (
              <FileButton onChange={(file) => void onImportFile(file)} accept="application/json,.json" resetRef={resetFileRef}>
                {(props) => (
                  <Button {...props} variant="default" leftSection={<IconFileImport size={16} aria-hidden />}>
                    {t('calendar.import')}
                  </Button>
                )}
              </FileButton>
            )}
          </>
        }
      />
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>

      <Stack gap="md">
        <Card withBorder padding="md">
          <Group justify="space-between" align="flex-end" gap="md">
            <YearPicker year={year} onChange={requestYear} />
            {saved && (
              <Stack gap={4} align="flex-end">
                <Group gap="xs">
                  <Text size="sm" c="dimmed">
                    {t('calendar.statusLabel')}:
                  </Text>
                  <StatusBadge status={saved.status} />
                </Group>
                {saved.updatedAt && (
                  <Text size="xs" c="dimmed">
                    {t('calendar.updatedAt', { time: formatDateTime(saved.updatedAt) })}
                  </Text>
                )}
              </Stack>
            )}
          </Group>
        </Card>

        {importError && (
          <Alert color="red" variant="light" role="alert" title={t('calendar.importErrors.title', { file: importError.file })} withCloseButton onClose={() => setImportError(null)}>
            {t(`calendar.importErrors.${importError.error}`, { position: importError.position ?? 0 })}
          </Alert>
        )}
        {savedNotice === year && (
          <Alert color="green" variant="light" role="status" withCloseButton onClose={() => setSavedNotice(null)}>
            {t('calendar.edit.saved', { year })}
          </Alert>
        )}
        {importDiff && activeDraft && importedFrom && (
          <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title={t('calendar.importLoaded.title', { file: importedFrom })}>
            <Stack gap="xs">
              <Text size="sm">
                {t('calendar.importLoaded.body', {
                  year,
                  days: activeDraft.rows.length,
                  status: t(`calendar.status.${activeDraft.status}`),
                  ...importDiff,
                })}
              </Text>
              <Button size="xs" variant="default" w="fit-content" onClick={() => saved && replaceDraft(draftFrom(year, saved), null)}>
                {t('calendar.importLoaded.cancel')}
              </Button>
            </Stack>
          </Alert>
        )}

        <ProblemAlert error={calendar.error} />
        {calendar.loading && !saved && <LoadingState />}

        {saved && (
          <>
            {!saved.stored && (
              <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />}>
                {t('calendar.notStored', { year })}
              </Alert>
            )}

            <Card withBorder padding="md" component="section" aria-labelledby="calendar-grid-heading">
              <Group justify="space-between" align="baseline" mb="sm" gap="xs">
                <Title order={2} size="h4" id="calendar-grid-heading">
                  {t('calendar.grid.title', { year })}
                </Title>
                <Text size="sm" c="dimmed">
                  {t('calendar.summary', summary)}
                </Text>
              </Group>
              {activeDraft && (
                <Text size="sm" c="dimmed" mb="sm">
                  {t('calendar.grid.toggleHint')}
                </Text>
              )}
              {dirty && (
                <Text size="sm" c="orange.9" fw={600} mb="sm">
                  {t('calendar.grid.previewNotice')}
                </Text>
              )}
              <YearGrid year={year} entries={entries} today={today} onToggle={activeDraft ? onToggle : undefined} />
            </Card>

            <Card withBorder padding="md" component="section" aria-labelledby="calendar-sources-heading">
              <Title order={2} size="h4" id="calendar-sources-heading" mb="xs">
                {t('calendar.sources.title')}
              </Title>
              {saved.sources.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('calendar.sources.empty')}
                </Text>
              ) : (
                <List size="sm" spacing={4}>
                  {saved.sources.map((source) => (
                    <List.Item key={source}>{source}</List.Item>
                  ))}
                </List>
              )}
            </Card>

            {activeDraft ? (
              <CalendarEditor
                key={`${year}:${draftKey}`}
                draft={activeDraft}
                onChange={(next) => {
                  setDraft(next)
                  setSavedNotice(null)
                }}
                saved={saved}
                dirty={dirty}
                onSaved={(result) => {
                  calendar.setData(result)
                  setSavedNotice(result.year)
                }}
                onReset={() => replaceDraft(draftFrom(year, saved), null)}
                onAnnounce={setAnnouncement}
              />
            ) : (
              <Card withBorder padding="md" component="section" aria-labelledby="calendar-days-heading">
                <Title order={2} size="h4" id="calendar-days-heading" mb="xs">
                  {t('calendar.days.title')} · {t('calendar.days.count', { count: saved.days.length })}
                </Title>
                {!canManage && (
                  <Text size="sm" c="dimmed" mb="sm">
                    {t('calendar.edit.readOnly')}
                  </Text>
                )}
                <CalendarDaysTable year={year} days={saved.days} />
              </Card>
            )}
          </>
        )}
      </Stack>

      <Modal opened={confirmYear !== null} onClose={cancelYearChange} title={t('calendar.discard.title')} centered>
        <Stack>
          <Text size="sm">{t('calendar.discard.body', { year })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={cancelYearChange}>
              {t('calendar.discard.stay')}
            </Button>
            <Button
              color="red"
              onClick={() => {
                if (confirmYear !== null) goYear(confirmYear)
                setConfirmYear(null)
              }}
            >
              {t('calendar.discard.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  )
}
