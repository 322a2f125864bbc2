/** One administrative unit: details, succession (predecessors/successors) and, for org.manage, editing. */
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { IconPencil } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router-dom'
import type { Unit } from '../../../../contracts/org.ts'
import { orgApi } from '../../api/org.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EMPTY_CELL, EmptyTableRow } from '../../ui/TableStates.tsx'
import { useResource } from '../../ui/useResource.ts'
import { ValidityPeriod } from '../../ui/ValidityPeriod.tsx'
import { useUnitDirectory, type DirectoryView } from '../org/directories.ts'
import { UnitLink } from '../org/UnitLink.tsx'
import { ANY_DATE } from '../org/validOn.ts'
import { officePaths } from '../paths.ts'
import { useCanInUnits } from '../session.tsx'
import { UnitEditForm } from './UnitEditForm.tsx'

function SuccessionTable({ title, ids, directory, empty }: { title: string; ids: string[]; directory: DirectoryView<Unit>; empty: string }) {
  const { t } = useTranslation('office')
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Title order={2} size="h5" mb="xs">
        {title}
      </Title>
      <Table verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('units.fields.name')}</Table.Th>
            <Table.Th scope="col">{t('units.fields.code')}</Table.Th>
            <Table.Th scope="col">{t('common.validity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ids.length === 0 && <EmptyTableRow colSpan={3} message={empty} />}
          {ids.map((id) => {
            const unit = directory.byId.get(id)
            return (
              <Table.Tr key={id}>
                <Table.Td>
                  <UnitLink id={id} directory={directory} />
                </Table.Td>
                <Table.Td ff="monospace">{unit?.code ?? EMPTY_CELL}</Table.Td>
                <Table.Td>{unit ? <ValidityPeriod validFrom={unit.validFrom} validTo={unit.validTo} /> : EMPTY_CELL}</Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Card>
  )
}

export function UnitDetailPage() {
  const { t } = useTranslation('office')
  const { unitId = '' } = useParams()
  const canManage = useCanInUnits('org.manage')
  const directory = useUnitDirectory()
  const unit = useResource((signal) => orgApi.getUnit(unitId, signal), [unitId])
  const [editing, setEditing] = useState(false)

  if (unit.loading && !unit.data) return <LoadingState />
  if (!unit.data) return <ProblemAlert error={unit.error} />
  const data = unit.data

  return (
    <>
      <PageHeader
        eyebrow={t(`unitKinds.${data.kind}`)}
        title={data.name}
        actions={
          canManage &&
          !editing && (
            <Button variant="light" leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
              {t('actions.edit')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        {editing && (
          <UnitEditForm
            unit={data}
            onCancel={() => setEditing(false)}
            onSaved={(saved) => {
              unit.setData(saved)
              setEditing(false)
            }}
          />
        )}
        <Card withBorder padding="md">
          <Table variant="vertical" layout="fixed" withRowBorders={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={200}>{t('units.fields.code')}</Table.Th>
                <Table.Td ff="monospace">{data.code}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('units.fields.level')}</Table.Th>
                <Table.Td>{t(`unitLevels.${data.level}`)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('units.fields.kind')}</Table.Th>
                <Table.Td>{t(`unitKinds.${data.kind}`)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('units.fields.parent')}</Table.Th>
                <Table.Td>{data.parentId ? <UnitLink id={data.parentId} directory={directory} /> : EMPTY_CELL}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('common.validity')}</Table.Th>
                <Table.Td>
                  <ValidityPeriod validFrom={data.validFrom} validTo={data.validTo} />
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Group gap="lg" mt="sm">
            {data.level !== 'commune' && (
              <Anchor component={Link} to={`${officePaths.units}?parentId=${encodeURIComponent(data.id)}&validOn=${ANY_DATE}`} size="sm">
                {t('units.showChildren')}
              </Anchor>
            )}
            <Anchor component={Link} to={`${officePaths.agencies}?unitId=${encodeURIComponent(data.id)}&validOn=${ANY_DATE}`} size="sm">
              {t('units.showAgencies')}
            </Anchor>
          </Group>
        </Card>
        <Text size="sm" c="dimmed">
          {t('units.successionHint')}
        </Text>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <SuccessionTable title={t('units.fields.predecessors')} ids={data.predecessorIds} directory={directory} empty={t('units.noPredecessors')} />
          <SuccessionTable title={t('units.fields.successors')} ids={data.successorIds} directory={directory} empty={t('units.noSuccessors')} />
        </SimpleGrid>
      </Stack>
    </>
  )
}
