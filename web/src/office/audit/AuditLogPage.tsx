/** The audit log (nhật ký): filterable, paged; each entry's recorded changes shown as JSON. */
import { Group, LoadingOverlay, Pagination, Stack, Table, Text, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router-dom'
import type { AuditListQuery } from '../../../../contracts/audit.ts'
import { auditApi } from '../../api/audit.ts'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EmptyTableRow } from '../../ui/TableStates.tsx'
import { useResource } from '../../ui/useResource.ts'
import { AuditEntryRow } from './AuditEntryRow.tsx'
import { AUDIT_FILTER_KEYS, AuditFilters, type AuditFilterValues } from './AuditFilters.tsx'

const PAGE_SIZE = 50

function readFilters(params: URLSearchParams): AuditFilterValues {
  const values: AuditFilterValues = {}
  for (const key of AUDIT_FILTER_KEYS) {
    const value = params.get(key)
    if (value) values[key] = value
  }
  return values
}

export function AuditLogPage() {
  const { t } = useTranslation('office')
  const [params, setParams] = useSearchParams()
  const filters = readFilters(params)
  const page = Math.max(1, Number(params.get('page')) || 1)
  const filterKey = JSON.stringify(filters)

  const entries = useResource((signal) => {
    const query: AuditListQuery = { ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }
    return auditApi.list(query, signal)
  }, [filterKey, page])

  const total = entries.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))

  const applyFilters = (values: AuditFilterValues) => {
    const next = new URLSearchParams()
    for (const key of AUDIT_FILTER_KEYS) {
      const value = values[key]?.trim()
      if (value) next.set(key, value)
    }
    setParams(next)
  }

  const setPage = (value: number) => {
    const next = new URLSearchParams(params)
    if (value > 1) next.set('page', String(value))
    else next.delete('page')
    setParams(next)
  }

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.lead')} />
      <AuditFilters key={filterKey} initial={filters} onApply={applyFilters} />
      <ProblemAlert error={entries.error} />
      <Stack gap="xs" pos="relative" mt="md">
        <LoadingOverlay visible={entries.loading} zIndex={10} overlayProps={{ blur: 1 }} loaderProps={{ 'aria-label': t('common.loading') }} />
        <Text size="sm" c="dimmed" aria-live="polite">
          {entries.loading ? t('common.loading') : t('audit.count', { count: total })}
        </Text>
        <Table.ScrollContainer minWidth={1000}>
          <Table verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>{t('audit.title')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('audit.fields.occurredAt')}</Table.Th>
                <Table.Th scope="col">{t('audit.fields.actor')}</Table.Th>
                <Table.Th scope="col">{t('audit.fields.action')}</Table.Th>
                <Table.Th scope="col">{t('audit.fields.subject')}</Table.Th>
                <Table.Th scope="col">{t('audit.fields.agency')}</Table.Th>
                <Table.Th scope="col">{t('audit.fields.ip')}</Table.Th>
                <Table.Th scope="col">{t('audit.fields.changes')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!entries.loading && entries.data?.items.length === 0 && <EmptyTableRow colSpan={7} message={t('audit.empty')} />}
              {entries.data?.items.map((entry) => (
                <AuditEntryRow
                  key={`${entry.unitId}:${entry.seq}`}
                  entry={entry}
                  onFilterActor={(actorId) => applyFilters({ ...filters, actorId })}
                  onFilterSubject={(subjectType, subjectId) => applyFilters({ ...filters, subjectType, subjectId })}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {pages > 1 && (
          <Group justify="center" mt="sm">
            <Pagination
              total={pages}
              value={Math.min(page, pages)}
              onChange={setPage}
              getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
              getItemProps={(item) => ({ 'aria-label': t('pagination.page', { page: item }) })}
            />
          </Group>
        )}
      </Stack>
    </>
  )
}
