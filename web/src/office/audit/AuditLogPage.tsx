/** The audit log (nhật ký): filterable, paged; each entry's recorded changes shown as JSON. */
import { useForm } from '@mantine/form'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEntry } from '../../../../contracts/audit.ts'
import { useEndpointQuery } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { ListPage, type ListColumn } from '../../ui/ListPage.tsx'
import { useListParams } from '../../ui/useListParams.ts'
import { listTexts } from '../listTexts.ts'
import { AuditEntryRow } from './AuditEntryRow.tsx'
import { AUDIT_FILTER_KEYS, AuditFilters, type AuditFilterValues } from './AuditFilters.tsx'

const PAGE_SIZE = 50

export function AuditLogPage() {
  const { t } = useTranslation('office')
  const list = useListParams()
  const filters: AuditFilterValues = Object.fromEntries(AUDIT_FILTER_KEYS.flatMap((key) => (list.get(key) ? [[key, list.get(key)]] : [])))
  const filterKey = JSON.stringify(filters)
  const form = useForm<AuditFilterValues>({ initialValues: filters })
  useEffect(() => {
    form.setValues({ ...Object.fromEntries(AUDIT_FILTER_KEYS.map((key) => [key, undefined])), ...filters })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follow the address only
  }, [filterKey])

  const entries = useEndpointQuery(routes.listAuditEntries, { query: { ...filters, limit: PAGE_SIZE, offset: list.offset(PAGE_SIZE) } }, { keepPrevious: true })
  const total = entries.data?.total ?? 0
  const apply = (values: AuditFilterValues) => list.replaceAll(values)

  // Each entry is a row and, when opened, a second row with its changes (AuditEntryRow).
  const columns: ListColumn<AuditEntry>[] = (['occurredAt', 'actor', 'action', 'subject', 'agency', 'ip', 'changes'] as const).map((key) => ({ key, header: t(`audit.fields.${key}`), cell: () => null }))

  return (
    <ListPage
      {...listTexts(t, 'audit', total)}
      filterForm={<AuditFilters form={form} onClear={() => apply({})} />}
      onFiltersSubmit={() => apply(form.values)}
      columns={columns}
      {...list.paged(entries, PAGE_SIZE)}
      rowKey={(entry) => `${entry.unitId}:${entry.seq}`}
      renderRow={(entry) => (
        <AuditEntryRow entry={entry} onFilterActor={(actorId) => apply({ ...filters, actorId })} onFilterSubject={(subjectType, subjectId) => apply({ ...filters, subjectType, subjectId })} />
      )}
      striped={false}
    />
  )
}
