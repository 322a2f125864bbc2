/** Agencies (cơ quan) valid on a date, by administrative unit and parent agency. */
import { Anchor, Badge, Button, CloseButton, Group, LoadingOverlay, Paper, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core'
import { IconPlus, IconSearch } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import type { Agency } from '../../../../contracts/org.ts'
import { orgApi } from '../../api/org.ts'
import { formatDate } from '../../format/dates.ts'
import { DateField } from '../../ui/DateField.tsx'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EMPTY_CELL, EmptyTableRow } from '../../ui/TableStates.tsx'
import { useResource } from '../../ui/useResource.ts'
import { ValidityPeriod } from '../../ui/ValidityPeriod.tsx'
import { useAgencyDirectory, useUnitDirectory } from '../org/directories.ts'
import { byName, unitOption } from '../org/options.ts'
import { readValidOn, writeValidOn } from '../org/validOn.ts'
import { officePaths } from '../paths.ts'
import { useCan } from '../session.tsx'

function matches(agency: Agency, text: string): boolean {
  const needle = text.trim().toLocaleLowerCase('vi')
  if (!needle) return true
  return [agency.name, agency.shortName ?? '', agency.identityCode ?? ''].some((value) => value.toLocaleLowerCase('vi').includes(needle))
}

export function AgenciesPage() {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const canManage = useCan('org.manage')
  const [params, setParams] = useSearchParams()
  const [search, setSearch] = useState('')
  const unitDirectory = useUnitDirectory()
  const agencyDirectory = useAgencyDirectory()

  const validOn = readValidOn(params)
  const unitId = params.get('unitId') ?? undefined
  const parentId = params.get('parentId') ?? undefined

  const agencies = useResource((signal) => orgApi.listAgencies({ validOn: validOn ?? undefined, unitId, parentId }, signal), [validOn, unitId, parentId])
  const visible = useMemo(() => (agencies.data ?? []).filter((agency) => matches(agency, search)), [agencies.data, search])
  const openEnded = tc('validity.openEnded')
  const unitOptions = useMemo(() => [...unitDirectory.all].sort(byName).map((unit) => unitOption(unit, openEnded)), [unitDirectory.all, openEnded])

  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params)
    change(next)
    setParams(next, { replace: true })
  }

  const parent = parentId ? agencyDirectory.byId.get(parentId) : undefined
  const caption = validOn ? t('agencies.captionOn', { date: formatDate(validOn) }) : t('agencies.captionAny')

  return (
    <>
      <PageHeader
        title={t('agencies.title')}
        description={t('agencies.lead')}
        actions={
          canManage && (
            <Button component={Link} to={officePaths.newAgency} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('agencies.create')}
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
            label={t('agencies.fields.unit')}
            placeholder={t('filters.allUnits')}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
            data={unitOptions}
            value={unitId ?? null}
            onChange={(value) => update((next) => (value ? next.set('unitId', value) : next.delete('unitId')))}
            w={320}
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
            <Text size="sm">{t('agencies.childrenOf')}</Text>
            <Badge
              variant="light"
              size="lg"
              rightSection={<CloseButton size="xs" aria-label={t('filters.clearParent')} onClick={() => update((next) => next.delete('parentId'))} />}
            >
              {parent?.name ?? t('agencies.unknownAgency')}
            </Badge>
          </Group>
        )}
      </Paper>

      <ProblemAlert error={agencies.error} />

      <Stack gap="xs" pos="relative">
        <LoadingOverlay visible={agencies.loading} zIndex={10} overlayProps={{ blur: 1 }} loaderProps={{ 'aria-label': t('common.loading') }} />
        <Text size="sm" c="dimmed" aria-live="polite">
          {agencies.loading ? t('common.loading') : t('agencies.count', { count: visible.length })}
        </Text>
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>{caption}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('agencies.fields.name')}</Table.Th>
                <Table.Th scope="col">{t('agencies.fields.kind')}</Table.Th>
                <Table.Th scope="col">{t('agencies.fields.unit')}</Table.Th>
                <Table.Th scope="col">{t('agencies.fields.identityCode')}</Table.Th>
                <Table.Th scope="col">{t('common.validity')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!agencies.loading && visible.length === 0 && <EmptyTableRow colSpan={6} message={t('agencies.empty')} />}
              {visible.map((agency) => (
                <Table.Tr key={agency.id}>
                  <Table.Td>
                    <Anchor component={Link} to={officePaths.agency(agency.id)} fw={600} size="sm">
                      {agency.name}
                    </Anchor>
                    {agency.shortName && (
                      <Text size="xs" c="dimmed">
                        {agency.shortName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`agencyKinds.${agency.kind}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={officePaths.unit(agency.unitId)} size="sm">
                      {agency.unitName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ff="monospace" fz="sm">
                    {agency.identityCode ?? EMPTY_CELL}
                  </Table.Td>
                  <Table.Td>
                    <ValidityPeriod validFrom={agency.validFrom} validTo={agency.validTo} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      onClick={() => update((next) => next.set('parentId', agency.id))}
                      aria-label={t('agencies.showChildrenOf', { name: agency.name })}
                    >
                      {t('agencies.showChildren')}
                    </Anchor>
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
