/**
 * Catalogue files (catalogue.manage): import an XLSX/CSV file in three steps — a dry run that
 * lists every problem by row and column, the choice between importing everything (nothing is
 * written if any row is wrong) and only the valid rows, then a background import with a progress
 * bar (GET /api/procedures/imports/:jobId). Also: download the catalogue, and import one
 * procedure as a JSON package from another deployment.
 */
import { Alert, Anchor, Button, Card, Checkbox, FileInput, Group, List, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { IconCheck, IconDownload, IconFileSpreadsheet, IconFileTypeJs, IconUpload } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import type { ProcedurePackage } from '../../../../contracts/procedures.ts'
import { isApiError } from '../../api/client.ts'
import { proceduresApi, XLSX_TYPE, type ImportJob, type ImportMode, type ImportReport, type ImportRowError, type PackageOutcome } from '../../api/procedures.ts'
import { formatDate } from '../../format/dates.ts'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EmptyTableRow } from '../../ui/TableStates.tsx'
import { useAction } from '../../ui/useAction.ts'
import { officePaths } from '../paths.ts'
import { catalogueFileType, MAX_CATALOGUE_FILE_BYTES, MAX_PACKAGE_BYTES, readPackage, rowsInError, type PackageIssue } from './importFiles.ts'

const POLL_MS = 600

function RowErrors({ errors, caption }: { errors: ImportRowError[]; caption: string }) {
  const { t, i18n } = useTranslation('office')
  const shown = errors.slice(0, 500)
  return (
    <Stack gap={4}>
      <Table.ScrollContainer minWidth={640} mah={420}>
        <Table striped withTableBorder verticalSpacing={4} stickyHeader>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={80}>
                {t('procedures.import.row')}
              </Table.Th>
              <Table.Th scope="col" w={200}>
                {t('procedures.import.column')}
              </Table.Th>
              <Table.Th scope="col">{t('procedures.import.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.length === 0 && <EmptyTableRow colSpan={3} message={t('procedures.import.noErrors')} />}
            {shown.map((error, index) => (
              <Table.Tr key={`${error.row}:${error.column}:${index}`}>
                <Table.Td>{error.row}</Table.Td>
                <Table.Td ff="monospace" fz="sm">
                  {error.column}
                </Table.Td>
                <Table.Td fz="sm">{i18n.language === 'en' ? error.reason : error.reasonVi}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {errors.length > shown.length && (
        <Text size="xs" c="dimmed">
          {t('procedures.import.moreErrors', { count: errors.length - shown.length })}
        </Text>
      )}
    </Stack>
  )
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Stack gap={0}>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Stack>
  )
}

/** Polls a background import until it ends. */
function useImportJob(jobId: string | null): { job: ImportJob | null; error: unknown } {
  const [job, setJob] = useState<ImportJob | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    setJob(null)
    setError(null)
    if (!jobId) return
    const controller = new AbortController()
    let timer: number | undefined
    const poll = async () => {
      try {
        const next = await proceduresApi.importJob(jobId, controller.signal)
        if (controller.signal.aborted) return
        setJob(next)
        if (next.state === 'running') timer = window.setTimeout(() => void poll(), POLL_MS)
      } catch (reason) {
        if (!controller.signal.aborted) setError(reason)
      }
    }
    void poll()
    return () => {
      controller.abort()
      window.clearTimeout(timer)
    }
  }, [jobId])
  return { job, error }
}

function FileImport() {
  const { t } = useTranslation('office')
  const [file, setFile] = useState<File | null>(null)
  const [fileIssue, setFileIssue] = useState<string | null>(null)
  const [publish, setPublish] = useState(false)
  const [dryReport, setDryReport] = useState<ImportReport | null>(null)
  const [finalReport, setFinalReport] = useState<ImportReport | null>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const [mode, setMode] = useState<ImportMode | null>(null)
  const { job, error: pollError } = useImportJob(jobId)

  const reset = () => {
    setDryReport(null)
    setFinalReport(null)
    setJobId(null)
    setMode(null)
  }

  const check = useAction(async (chosen: File) => {
    const type = catalogueFileType(chosen)
    if (!type) return
    setDryReport(await proceduresApi.dryRunImport(chosen, type))
  })
  const start = useAction(async (chosen: File, chosenMode: ImportMode) => {
    const type = catalogueFileType(chosen)
    if (!type) return
    setMode(chosenMode)
    const answer = await proceduresApi.startImport(chosen, type, { mode: chosenMode, publish })
    if ('jobId' in answer) setJobId(answer.jobId)
    else setFinalReport(answer)
  })

  useEffect(() => {
    if (job?.state === 'done' && job.report) setFinalReport(job.report)
  }, [job])

  const onFile = (chosen: File | null) => {
    reset()
    check.reset()
    start.reset()
    setFile(chosen)
    if (!chosen) return setFileIssue(null)
    if (!catalogueFileType(chosen)) return setFileIssue(t('procedures.import.wrongType'))
    if (chosen.size > MAX_CATALOGUE_FILE_BYTES) return setFileIssue(t('procedures.import.tooLarge'))
    setFileIssue(null)
  }

  const errorRows = dryReport ? rowsInError(dryReport.errors) : 0
  const valid = dryReport ? (dryReport.valid ?? Math.max(0, dryReport.rows - errorRows)) : 0
  const running = start.pending || (jobId !== null && (job === null || job.state === 'running') && !pollError)
  const percent = job && job.total > 0 ? Math.round((job.processed / job.total) * 100) : 0
  // all_or_nothing with errors answers 400 with the rows in error (or a failed job with them).
  const failedRows = job?.state === 'failed' ? (job.error?.errors ?? []) : isApiError(start.error) ? ((start.error.problem?.errors as ImportRowError[] | undefined)?.filter((e) => typeof e.row === 'number') ?? []) : []

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="import-file-heading">
      <Group gap="xs" mb="xs">
        <IconFileSpreadsheet size={20} aria-hidden />
        <Title order={2} size="h4" id="import-file-heading">
          {t('procedures.import.fileTitle')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('procedures.import.fileLead')}
      </Text>
      <Stack gap="md">
        <Group align="flex-end" gap="sm">
          <FileInput
            label={t('procedures.import.file')}
            description={t('procedures.import.fileHint')}
            accept={`${XLSX_TYPE},.xlsx,text/csv,.csv`}
            clearable
            value={file}
            error={fileIssue}
            onChange={onFile}
            w={{ base: '100%', sm: 420 }}
            disabled={running}
          />
          <Button leftSection={<IconCheck size={16} aria-hidden />} disabled={!file || Boolean(fileIssue) || running} loading={check.pending} onClick={() => file && void check.run(file)}>
            {t('procedures.import.check')}
          </Button>
        </Group>
        <ProblemAlert error={check.error} />

        {dryReport && !finalReport && !jobId && (
          <Stack gap="sm" aria-live="polite">
            <Title order={3} size="h5">
              {t('procedures.import.dryRunTitle')}
            </Title>
            <SimpleGrid cols={{ base: 3, sm: 3 }} maw={480}>
              <Stat label={t('procedures.import.stats.rows')} value={dryReport.rows} />
              <Stat label={t('procedures.import.stats.valid')} value={valid} />
              <Stat label={t('procedures.import.stats.errorRows')} value={errorRows} />
            </SimpleGrid>
            {dryReport.errors.length > 0 ? (
              <RowErrors errors={dryReport.errors} caption={t('procedures.import.errorsCaption', { count: dryReport.errors.length })} />
            ) : (
              <Alert color="green" variant="light">
                {t('procedures.import.allValid', { count: dryReport.rows })}
              </Alert>
            )}
            <Checkbox label={t('procedures.import.publish')} description={t('procedures.import.publishHint')} checked={publish} onChange={(event) => setPublish(event.currentTarget.checked)} />
            <Group gap="sm">
              <Button leftSection={<IconUpload size={16} aria-hidden />} disabled={!file || dryReport.errors.length > 0 || dryReport.rows === 0} loading={start.pending && mode === 'all_or_nothing'} onClick={() => file && void start.run(file, 'all_or_nothing')}>
                {t('procedures.import.importAll', { count: dryReport.rows })}
              </Button>
              {dryReport.errors.length > 0 && (
                <Button variant="light" leftSection={<IconUpload size={16} aria-hidden />} disabled={!file || valid === 0} loading={start.pending && mode === 'valid_rows_only'} onClick={() => file && void start.run(file, 'valid_rows_only')}>
                  {t('procedures.import.importValid', { count: valid })}
                </Button>
              )}
            </Group>
            {dryReport.errors.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('procedures.import.allBlocked')}
              </Text>
            )}
          </Stack>
        )}

        <ProblemAlert error={start.error} withoutFieldErrors={failedRows.length > 0} />
        <ProblemAlert error={pollError} />

        {jobId && !finalReport && job?.state !== 'failed' && (
          <Stack gap={4}>
            <Text size="sm" id="import-progress-label">
              {t('procedures.import.running')}
            </Text>
            <Progress value={job && job.total > 0 ? percent : 100} animated={!job || job.total === 0} striped size="lg" aria-labelledby="import-progress-label" />
            <Text size="sm" c="dimmed" aria-live="polite">
              {job && job.total > 0 ? t('procedures.import.progress', { processed: job.processed, total: job.total, percent }) : t('procedures.import.reading')}
            </Text>
          </Stack>
        )}

        {job?.state === 'failed' && job.error && (
          <Alert color="red" variant="light" role="alert" title={job.error.title}>
            {job.error.detail}
          </Alert>
        )}
        {failedRows.length > 0 && <RowErrors errors={failedRows} caption={t('procedures.import.errorsCaption', { count: failedRows.length })} />}

        {finalReport && (
          <Stack gap="sm">
            <Alert color="green" variant="light" role="status" title={t('procedures.import.doneTitle')}>
              {t('procedures.import.doneBody', { imported: finalReport.imported, created: finalReport.created, versions: finalReport.versions, published: finalReport.published ?? 0, skipped: finalReport.skipped })}
            </Alert>
            {finalReport.errors.length > 0 && <RowErrors errors={finalReport.errors} caption={t('procedures.import.leftOutCaption', { count: finalReport.errors.length })} />}
            <Group gap="sm">
              <Button component={Link} to={officePaths.procedures} variant="light">
                {t('procedures.import.toCatalogue')}
              </Button>
              <Button variant="default" onClick={() => onFile(null)}>
                {t('procedures.import.another')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Card>
  )
}

function PackageImport() {
  const { t } = useTranslation('office')
  const [file, setFile] = useState<File | null>(null)
  const [pkg, setPkg] = useState<ProcedurePackage | null>(null)
  const [issue, setIssue] = useState<PackageIssue | null>(null)
  const [publish, setPublish] = useState(false)
  const [outcome, setOutcome] = useState<PackageOutcome | null>(null)
  const upload = useAction(async (chosen: ProcedurePackage) => setOutcome(await proceduresApi.uploadPackage(chosen, publish)))

  const onFile = async (chosen: File | null) => {
    setFile(chosen)
    setPkg(null)
    setIssue(null)
    setOutcome(null)
    upload.reset()
    if (!chosen) return
    if (chosen.size > MAX_PACKAGE_BYTES) return setIssue('tooLarge')
    let text: string
    try {
      text = await chosen.text()
    } catch {
      return setIssue('unreadable')
    }
    const read = readPackage(text)
    if (read.ok) setPkg(read.pkg)
    else setIssue(read.issue)
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="import-package-heading">
      <Group gap="xs" mb="xs">
        <IconFileTypeJs size={20} aria-hidden />
        <Title order={2} size="h4" id="import-package-heading">
          {t('procedures.package.title')}
        </Title>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        {t('procedures.package.lead')}{' '}
        <Anchor href={proceduresApi.packageSchemaUrl} target="_blank" rel="noopener noreferrer" size="sm" underline="always">
          {t('procedures.package.schema')}
        </Anchor>
      </Text>
      <Stack gap="sm">
        <FileInput label={t('procedures.package.file')} accept="application/json,.json" clearable value={file} error={issue ? t(`procedures.package.issues.${issue}`) : undefined} onChange={(chosen) => void onFile(chosen)} w={{ base: '100%', sm: 420 }} />
        {pkg && !outcome && (
          <Stack gap="sm">
            <List size="sm" spacing={2}>
              <List.Item>{t('procedures.package.summaryName', { name: pkg.procedure.name })}</List.Item>
              <List.Item>{t('procedures.package.summaryCode', { code: pkg.procedure.nationalCode ?? '–' })}</List.Item>
              <List.Item>{t('procedures.package.summaryDate', { date: formatDate(pkg.effectiveFrom) })}</List.Item>
            </List>
            <Checkbox label={t('procedures.package.publish')} description={t('procedures.package.publishHint')} checked={publish} onChange={(event) => setPublish(event.currentTarget.checked)} />
            <ProblemAlert error={upload.error} />
            <Button w="fit-content" leftSection={<IconUpload size={16} aria-hidden />} loading={upload.pending} onClick={() => void upload.run(pkg)}>
              {t('procedures.package.upload')}
            </Button>
          </Stack>
        )}
        {outcome && (
          <Alert color="green" variant="light" role="status">
            <Text size="sm">{t(`procedures.package.outcomes.${outcome.action}`, { version: outcome.version })}</Text>
            <Anchor component={Link} to={officePaths.procedureVersion(outcome.procedureId, outcome.version)} size="sm">
              {t('procedures.package.open')}
            </Anchor>
          </Alert>
        )}
      </Stack>
    </Card>
  )
}

function Exports() {
  const { t } = useTranslation('office')
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="export-heading">
      <Title order={2} size="h4" id="export-heading" mb="xs">
        {t('procedures.export.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('procedures.export.lead')}
      </Text>
      <Group gap="sm">
        <Button component="a" href={proceduresApi.exportUrl('xlsx')} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
          {t('procedures.export.xlsx')}
        </Button>
        <Button component="a" href={proceduresApi.exportUrl('csv')} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
          {t('procedures.export.csv')}
        </Button>
      </Group>
    </Card>
  )
}

export function ProcedureImportPage() {
  const { t } = useTranslation('office')
  return (
    <>
      <PageHeader title={t('procedures.import.title')} description={t('procedures.import.lead')} />
      <Stack gap="md">
        <FileImport />
        <PackageImport />
        <Exports />
      </Stack>
    </>
  )
}
