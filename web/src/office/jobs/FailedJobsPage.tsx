/**
 * Background jobs parked as failed (GET /api/jobs/failed): queue, last error, attempts and times,
 * never the job's data. Province-level administrators only (the server checks).
 */
import type { Static } from 'typebox'
import { useTranslation } from 'react-i18next'
import { useEndpointQuery } from '../../api/hooks.ts'
import type { FailedJob } from '../../api/inlineSchemas.ts'
import { routes } from '../../api/routes.ts'
import { formatDateTime } from '../../format/dates.ts'
import { ListPage, type ListColumn } from '../../ui/ListPage.tsx'
import { EMPTY_CELL } from '../../ui/TableStates.tsx'
import { listTexts } from '../listTexts.ts'

export function FailedJobsPage() {
  const { t } = useTranslation('office')
  const jobs = useEndpointQuery(routes.failedJobs)
  const rows = jobs.data?.items

  const columns: ListColumn<Static<typeof FailedJob>>[] = [
    { key: 'name', header: t('jobs.fields.name'), cell: (job) => job.name, tdProps: { ff: 'monospace', fz: 'sm' } },
    { key: 'error', header: t('jobs.fields.error'), cell: (job) => job.error, tdProps: { fz: 'sm', style: { wordBreak: 'break-word' } } },
    { key: 'attempts', header: t('jobs.fields.attempts'), cell: (job) => job.attempts, tdProps: { fz: 'sm', ta: 'right' } },
    { key: 'createdOn', header: t('jobs.fields.createdOn'), cell: (job) => formatDateTime(job.createdOn), tdProps: { fz: 'sm' } },
    { key: 'failedOn', header: t('jobs.fields.failedOn'), cell: (job) => (job.failedOn ? formatDateTime(job.failedOn) : EMPTY_CELL), tdProps: { fz: 'sm' } },
  ]

  return <ListPage {...listTexts(t, 'jobs', rows?.length ?? 0)} columns={columns} rows={rows} query={jobs} />
}
