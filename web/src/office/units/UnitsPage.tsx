/**
 * Administrative units (đơn vị hành chính) valid on a date, by level and parent, with the
 * predecessor/successor links that record mergers (e.g. the communes of 01/07/2025).
 */
import { Select, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Unit } from '../../../../contracts/org.ts'
import { useEndpointQuery } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { ListLinkCell, ListPage, type ListColumn } from '../../ui/ListPage.tsx'
import { EMPTY_CELL } from '../../ui/TableStates.tsx'
import { ValidityPeriod } from '../../ui/ValidityPeriod.tsx'
import { UNIT_LEVELS, type UnitLevel } from '../catalog.ts'
import { useUnitDirectory } from '../org/directories.ts'
import { UnitLink, UnitLinks } from '../org/UnitLink.tsx'
import { useDatedList } from '../org/ValidOnFilter.tsx'
import { listTexts } from '../listTexts.ts'
import { officePaths } from '../paths.ts'
import { useCanInUnits } from '../session.tsx'

function isUnitLevel(value: string | undefined): value is UnitLevel {
  return value !== undefined && (UNIT_LEVELS as readonly string[]).includes(value)
}

const LEVEL_ORDER: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2 }

/** Province first, then districts, then communes; by code within a level. */
function byLevelThenCode(a: Unit, b: Unit): number {
  return LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code) || a.validFrom.localeCompare(b.validFrom)
}

export function UnitsPage() {
  const { t } = useTranslation('office')
  const canManage = useCanInUnits('org.manage')
  const directory = useUnitDirectory()
  const { list, apiQuery, childrenColumn, matches, pageProps } = useDatedList<Unit>('units', directory)
  const levelParam = list.get('level')
  const level = isUnitLevel(levelParam) ? levelParam : undefined
  const units = useEndpointQuery(routes.listUnits, { query: { ...apiQuery, level } }, { keepPrevious: true })
  const visible = (units.data ?? []).filter((unit) => matches(unit.name, unit.code)).sort(byLevelThenCode)

  const columns: ListColumn<Unit>[] = [
    { key: 'code', header: t('units.fields.code'), cell: (unit) => unit.code, tdProps: { ff: 'monospace' } },
    {
      key: 'name',
      header: t('units.fields.name'),
      cell: (unit) => <ListLinkCell to={officePaths.unit(unit.id)} label={unit.name} />,
    },
    {
      key: 'kind',
      header: t('units.fields.kind'),
      cell: (unit) => (
        <>
          <Text size="sm">{t(`unitKinds.${unit.kind}`)}</Text>
          <Text size="xs" c="dimmed">
            {t(`unitLevels.${unit.level}`)}
          </Text>
        </>
      ),
    },
    { key: 'parent', header: t('units.fields.parent'), cell: (unit) => (unit.parentId ? <UnitLink id={unit.parentId} directory={directory} /> : EMPTY_CELL) },
    { key: 'validity', header: t('common.validity'), cell: (unit) => <ValidityPeriod validFrom={unit.validFrom} validTo={unit.validTo} /> },
    { key: 'predecessors', header: t('units.fields.predecessors'), cell: (unit) => <UnitLinks ids={unit.predecessorIds} directory={directory} /> },
    { key: 'successors', header: t('units.fields.successors'), cell: (unit) => <UnitLinks ids={unit.successorIds} directory={directory} /> },
    childrenColumn((unit) => unit.level !== 'commune'),
  ]

  return (
    <ListPage
      {...listTexts(t, 'units', visible.length)}
      createLink={canManage && { to: officePaths.newUnit, label: t('units.create') }}
      {...pageProps(
        <Select
          label={t('units.fields.level')}
          placeholder={t('filters.allLevels')}
          clearable
          data={UNIT_LEVELS.map((value) => ({ value, label: t(`unitLevels.${value}`) }))}
          value={level ?? null}
          onChange={(value) => list.set('level', value)}
          w={200}
        />
      )}
      columns={columns}
      rows={visible}
      query={units}
    />
  )
}
