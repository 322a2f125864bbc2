/**
 * Administrative units (đơn vị hành chính) valid on a date, by level and parent, with the
 * predecessor/successor links that record mergers (e.g. the communes of 01/07/2025).
 */
import { Anchor, Badge, Button, CloseButton, Group, LoadingOverlay, Paper, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core'
import { IconPlus, IconSearch } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import type { Unit } from '../../../../contracts/org.ts'
import { orgApi } from '../../api/org.ts'
import { formatDate } from '../../format/dates.ts'
import { DateField } from '../../ui/DateField.tsx'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EMPTY_CELL, EmptyTableRow } from '../../ui/TableStates.tsx'
import { useResource } from '../../ui/useResource.ts'
import { ValidityPeriod } from '../../ui/ValidityPeriod.tsx'
import { UNIT_LEVELS, type UnitLevel } from '../catalog.ts'
import { useUnitDirectory } from '../org/directories.ts'
import { UnitLink, UnitLinks } from '../org/UnitLink.tsx'
import { readValidOn, writeValidOn } from '../org/validOn.ts'
import { officePaths } from '../paths.ts'
import { useCanInUnits } from '../session.tsx'

function isUnitLevel(value: string | null): value is UnitLevel {
  return value !== null && (UNIT_LEVELS as readonly string[]).includes(value)
}

const LEVEL_ORDER: Record<UnitLevel, number> = { province: 0, district: 1, commune: 2 }

/** Province first, then districts, then communes; by code within a level. */
function byLevelThenCode(a: Unit, b: Unit): number {
  return LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code) || a.validFrom.localeCompare(b.validFrom)
}

function matches(unit: Unit, text: string): boolean {
  const needle = text.trim().toLocaleLowerCase('vi')
  return !needle || unit.name.toLocaleLowerCase('vi').includes(needle) || unit.code.includes(needle)
}

export function UnitsPage() {
  const { t } = useTranslation('office')
  const canManage = useCanInUnits('org.manage')
  const [params, setParams] = useSearchParams()
  const [search, setSearch] = useState('')
  const directory = useUnitDirectory()

  const validOn = readValidOn(params)
  const levelParam = params.get('level')
  const level = isUnitLevel(levelParam) ? levelParam : undefined
  const parentId = params.get('parentId') ?? undefined

  const units = useResource((signal) => orgApi.listUnits({ validOn: validOn ?? undefined, level, parentId }, signal), [validOn, level, parentId])
  const visible = useMemo(() => (units.data ?? []).filter((unit) => matches(unit, search)).sort(byLevelThenCode), [units.data, search])

  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params)
    change(next)
    setParams(next, { replace: true })
  }

  const parent = parentId ? directory.byId.get(parentId) : undefined
  const caption = validOn ? t('units.captionOn', { date: formatDate(validOn) }) : t('units.captionAny')

  return (
    <>
      <PageHeader
        title={t('units.title')}
        description={t('units.lead')}
        actions={
          canManage && (
            <Button component={Link} to={officePaths.newUnit} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('units.create')}
            </Button>
          )
        }
      />

      <Paper withBorder p="md" mb="md" component="form" role="search" aria-label={t('common.filters')} onSubmit={(event) => event.preventDefault()}>
        <Group align="flex-start" gap="md">
          <DateField
            label={t('filters.validOn')}
            description={t('filters.validOnHint')}
            value={validOn}
            onChange={(value, { invalid }) => invalid || setParams(writeValidOn(params, value), { replace: true })}
            w={220}
          />
          <Select
            label={t('units.fields.level')}
            placeholder={t('filters.allLevels')}
            clearable
            data={UNIT_LEVELS.map((value) => ({ value, label: t(`unitLevels.${value}`) }))}
            value={level ?? null}
            onChange={(value) => update((next) => (value ? next.set('level', value) : next.delete('level')))}
            w={200}
          />
          <TextInput
            label={t('filters.nameOrCode')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={260}
          />
        </Group>
        {parentId && (
          <Group gap="xs" mt="sm">
            <Text size="sm">{t('units.childrenOf')}</Text>
            <Badge
              variant="light"
              size="lg"
              rightSection={
                <CloseButton
                  size="xs"
                  aria-label={t('filters.clearParent')}
                  onClick={() => update((next) => next.delete('parentId'))}
                />
              }
            >
              {parent?.name ?? t('units.unknownUnit')}
            </Badge>
          </Group>
        )}
      </Paper>

      <ProblemAlert error={units.error} />

      <Stack gap="xs" pos="relative">
        <LoadingOverlay visible={units.loading} zIndex={10} overlayProps={{ blur: 1 }} loaderProps={{ 'aria-label': t('common.loading') }} />
        <Text size="sm" c="dimmed" aria-live="polite">
          {units.loading ? t('common.loading') : t('units.count', { count: visible.length })}
        </Text>
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>{caption}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('units.fields.code')}</Table.Th>
                <Table.Th scope="col">{t('units.fields.name')}</Table.Th>
                <Table.Th scope="col">{t('units.fields.kind')}</Table.Th>
                <Table.Th scope="col">{t('units.fields.parent')}</Table.Th>
                <Table.Th scope="col">{t('common.validity')}</Table.Th>
                <Table.Th scope="col">{t('units.fields.predecessors')}</Table.Th>
                <Table.Th scope="col">{t('units.fields.successors')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!units.loading && visible.length === 0 && <EmptyTableRow colSpan={8} message={t('units.empty')} />}
              {visible.map((unit) => (
                <Table.Tr key={unit.id}>
                  <Table.Td ff="monospace">{unit.code}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={officePaths.unit(unit.id)} fw={600} size="sm">
                      {unit.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`unitKinds.${unit.kind}`)}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`unitLevels.${unit.level}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{unit.parentId ? <UnitLink id={unit.parentId} directory={directory} /> : EMPTY_CELL}</Table.Td>
                  <Table.Td>
                    <ValidityPeriod validFrom={unit.validFrom} validTo={unit.validTo} />
                  </Table.Td>
                  <Table.Td>
                    <UnitLinks ids={unit.predecessorIds} directory={directory} />
                  </Table.Td>
                  <Table.Td>
                    <UnitLinks ids={unit.successorIds} directory={directory} />
                  </Table.Td>
                  <Table.Td>
                    {unit.level !== 'commune' && (
                      <Anchor
                        component="button"
                        type="button"
                        size="sm"
                        onClick={() => update((next) => next.set('parentId', unit.id))}
                        aria-label={t('units.showChildrenOf', { name: unit.name })}
                      >
                        {t('units.showChildren')}
                      </Anchor>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </>
  )
}
