/** Agencies (cơ quan) valid on a date, by administrative unit and parent agency. */
import { Anchor, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import type { Agency } from '../../../../contracts/org.ts'
import { useEndpointQuery } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { ListLinkCell, ListPage, type ListColumn } from '../../ui/ListPage.tsx'
import { EMPTY_CELL } from '../../ui/TableStates.tsx'
import { ValidityPeriod } from '../../ui/ValidityPeriod.tsx'
import { useAgencyDirectory } from '../org/directories.ts'
import { UnitSelect } from '../org/OrgSelect.tsx'
import { useDatedList } from '../org/ValidOnFilter.tsx'
import { listTexts } from '../listTexts.ts'
import { officePaths } from '../paths.ts'
import { useCan } from '../session.tsx'

export function AgenciesPage() {
  const { t } = useTranslation('office')
  const canManage = useCan('org.manage')
  const { list, apiQuery, childrenColumn, matches, pageProps } = useDatedList<Agency>('agencies', useAgencyDirectory())
  const unitId = list.get('unitId')
  const agencies = useEndpointQuery(routes.listAgencies, { query: { ...apiQuery, unitId } }, { keepPrevious: true })
  const visible = (agencies.data ?? []).filter((agency) => matches(agency.name, agency.shortName, agency.identityCode))

  const columns: ListColumn<Agency>[] = [
    {
      key: 'name',
      header: t('agencies.fields.name'),
      cell: (agency) => <ListLinkCell to={officePaths.agency(agency.id)} label={agency.name} secondary={agency.shortName} />,
    },
    { key: 'kind', header: t('agencies.fields.kind'), cell: (agency) => <Text size="sm">{t(`agencyKinds.${agency.kind}`)}</Text> },
    {
      key: 'unit',
      header: t('agencies.fields.unit'),
      cell: (agency) => (
        <Anchor component={Link} to={officePaths.unit(agency.unitId)} size="sm">
          {agency.unitName}
        </Anchor>
      ),
    },
    { key: 'identityCode', header: t('agencies.fields.identityCode'), cell: (agency) => agency.identityCode ?? EMPTY_CELL, tdProps: { ff: 'monospace', fz: 'sm' } },
    { key: 'validity', header: t('common.validity'), cell: (agency) => <ValidityPeriod validFrom={agency.validFrom} validTo={agency.validTo} /> },
    childrenColumn(),
  ]

  return (
    <ListPage
      {...listTexts(t, 'agencies', visible.length)}
      createLink={canManage && { to: officePaths.newAgency, label: t('agencies.create') }}
      {...pageProps(
        <UnitSelect label={t('agencies.fields.unit')} placeholder={t('filters.allUnits')} clearable value={unitId ?? null} onChange={(value) => list.set('unitId', value)} w={320} />
      )}
      columns={columns}
      rows={visible}
      query={agencies}
    />
  )
}
