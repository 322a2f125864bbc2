/**
 * The editor's three uses (catalogue.manage): a new procedure (its first version is a draft), a new
 * version prefilled from an existing one ("edit as a new version"), and changing a draft in place.
 * Published and withdrawn versions are never edited: the page offers a new version instead.
 */
import { Alert, Anchor, Paper, Stack } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom'
import type { ProcedureContent, ProcedureVersion } from '../../../../contracts/procedures.ts'
import { proceduresApi } from '../../api/procedures.ts'
import { formatDate } from '../../format/dates.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'
import { useResource } from '../../ui/useResource.ts'
import { officePaths } from '../paths.ts'
import { ProcedureForm } from './ProcedureForm.tsx'
import { emptyForm, formFromContent } from './procedureForm.ts'

export function CreateProcedurePage() {
  const { t } = useTranslation('office')
  const navigate = useNavigate()
  const create = useAction(async (content: ProcedureContent, effectiveFrom: string) => {
    const procedure = await proceduresApi.create({ content, effectiveFrom })
    void navigate(officePaths.procedureVersion(procedure.id, 1))
  })
  return (
    <>
      <PageHeader title={t('procedures.createTitle')} description={t('procedures.createLead')} />
      <Paper withBorder p="lg">
        <ProcedureForm
          initial={emptyForm()}
          codeLocked={false}
          submitLabel={t('procedures.form.saveDraft')}
          pending={create.pending}
          error={create.error}
          onSubmit={(content, effectiveFrom) => void create.run(content, effectiveFrom)}
          onCancel={() => void navigate(officePaths.procedures)}
        />
      </Paper>
    </>
  )
}

/** The version to start from: ?from=N, or the one in force today, or the newest. */
async function loadBase(id: string, from: number | null, signal: AbortSignal): Promise<ProcedureVersion> {
  if (from !== null) return proceduresApi.getVersion(id, from, signal)
  const procedure = await proceduresApi.get(id, undefined, signal)
  if (procedure.current) return procedure.current
  const newest = procedure.versions[0]
  if (!newest) throw new Error('procedure without versions')
  return proceduresApi.getVersion(id, newest.version, signal)
}

export function NewProcedureVersionPage() {
  const { t } = useTranslation('office')
  const navigate = useNavigate()
  const { id = '' } = useParams()
  const [params] = useSearchParams()
  const fromText = params.get('from')
  const from = fromText && /^\d+$/.test(fromText) ? Number(fromText) : null
  const base = useResource((signal) => loadBase(id, from, signal), [id, from])
  const create = useAction(async (content: ProcedureContent, effectiveFrom: string) => {
    const version = await proceduresApi.createVersion(id, { content, effectiveFrom })
    void navigate(officePaths.procedureVersion(id, version.version))
  })

  if (base.loading && !base.data) return <LoadingState />
  if (!base.data) return <ProblemAlert error={base.error} />
  return (
    <>
      <PageHeader
        eyebrow={base.data.content.name}
        title={t('procedures.newVersionTitle')}
        description={t('procedures.newVersionLead', { version: base.data.version, date: formatDate(base.data.effectiveFrom) })}
      />
      <Paper withBorder p="lg">
        <ProcedureForm
          key={base.data.id}
          initial={formFromContent(base.data.content, null)}
          codeLocked
          submitLabel={t('procedures.form.saveNewVersion')}
          pending={create.pending}
          error={create.error}
          onSubmit={(content, effectiveFrom) => void create.run(content, effectiveFrom)}
          onCancel={() => void navigate(officePaths.procedure(id))}
        />
      </Paper>
    </>
  )
}

export function EditProcedureDraftPage() {
  const { t } = useTranslation('office')
  const navigate = useNavigate()
  const { id = '', version: versionText = '' } = useParams()
  const versionNumber = Number(versionText)
  const version = useResource((signal) => proceduresApi.getVersion(id, versionNumber, signal), [id, versionNumber])
  const save = useAction(async (content: ProcedureContent, effectiveFrom: string) => {
    // If-Match: the draft as loaded; someone else's newer save answers 409 request.stale instead of being overwritten.
    const rowVersion = version.data?.rowVersion
    if (rowVersion === undefined) return
    await proceduresApi.updateDraft(id, versionNumber, { content, effectiveFrom }, rowVersion)
    void navigate(officePaths.procedureVersion(id, versionNumber))
  })

  if (version.loading && !version.data) return <LoadingState />
  if (!version.data) return <ProblemAlert error={version.error} />
  const data = version.data
  return (
    <>
      <PageHeader eyebrow={data.content.name} title={t('procedures.editDraftTitle', { version: data.version })} description={t('procedures.editDraftLead')} />
      {data.status !== 'draft' ? (
        <Stack>
          <Alert color="yellow" variant="light" role="alert" title={t('procedures.notDraftTitle')}>
            {t('procedures.notDraftBody', { version: data.version })}
          </Alert>
          <Anchor component={Link} to={officePaths.newProcedureVersion(id, data.version)}>
            {t('procedures.versions.newFrom', { version: data.version })}
          </Anchor>
        </Stack>
      ) : (
        <Paper withBorder p="lg">
          <ProcedureForm
            key={data.id}
            initial={formFromContent(data.content, data.effectiveFrom)}
            codeLocked
            submitLabel={t('procedures.form.saveDraft')}
            pending={save.pending}
            error={save.error}
            onSubmit={(content, effectiveFrom) => void save.run(content, effectiveFrom)}
            onCancel={() => void navigate(officePaths.procedureVersion(id, data.version))}
          />
        </Paper>
      )}
    </>
  )
}
