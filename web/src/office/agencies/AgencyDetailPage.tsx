/** One agency: details, identity-code history, office hours and, with org.manage, editing them and assigning a new code. */
import { Anchor, Button, Card, Stack, Table, Title } from '@mantine/core'
import { IconPencil } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router-dom'
import { orgApi } from '../../api/org.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EMPTY_CELL } from '../../ui/TableStates.tsx'
import { useResource } from '../../ui/useResource.ts'
import { ValidityPeriod } from '../../ui/ValidityPeriod.tsx'
import { useAgencyDirectory } from '../org/directories.ts'
import { ANY_DATE } from '../org/validOn.ts'
import { officePaths } from '../paths.ts'
import { useCan } from '../session.tsx'
import { AgencyEditForm } from './AgencyEditForm.tsx'
import { AssignIdentityCodeForm } from './AssignIdentityCodeForm.tsx'
import { IdentityCodeHistory } from './IdentityCodeHistory.tsx'
import { OfficeHoursCard } from './OfficeHoursCard.tsx'

export function AgencyDetailPage() {
  const { t } = useTranslation('office')
  const { agencyId = '' } = useParams()
  const canManage = useCan('org.manage')
  const directory = useAgencyDirectory()
  const agency = useResource((signal) => orgApi.getAgency(agencyId, signal), [agencyId])
  const [editing, setEditing] = useState(false)

  if (agency.loading && !agency.data) return <LoadingState />
  if (!agency.data) return <ProblemAlert error={agency.error} />
  const data = agency.data
  const parent = data.parentId ? directory.byId.get(data.parentId) : undefined

  return (
    <>
      <PageHeader
        eyebrow={t(`agencyKinds.${data.kind}`)}
        title={data.name}
        description={data.shortName ?? undefined}
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
          <AgencyEditForm
            agency={data}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false)
              agency.reload()
            }}
          />
        )}
        <Card withBorder padding="md">
          <Table variant="vertical" layout="fixed" withRowBorders={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={200}>{t('agencies.fields.kind')}</Table.Th>
                <Table.Td>{t(`agencyKinds.${data.kind}`)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('agencies.fields.unit')}</Table.Th>
                <Table.Td>
                  <Anchor component={Link} to={officePaths.unit(data.unitId)} size="sm">
                    {data.unitName}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('agencies.fields.parent')}</Table.Th>
                <Table.Td>
                  {data.parentId ? (
                    <Anchor component={Link} to={officePaths.agency(data.parentId)} size="sm">
                      {parent?.name ?? t('agencies.unknownAgency')}
                    </Anchor>
                  ) : (
                    EMPTY_CELL
                  )}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('agencies.fields.identityCode')}</Table.Th>
                <Table.Td ff="monospace">{data.identityCode ?? EMPTY_CELL}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('common.validity')}</Table.Th>
                <Table.Td>
                  <ValidityPeriod validFrom={data.validFrom} validTo={data.validTo} />
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Anchor component={Link} to={`${officePaths.agencies}?parentId=${encodeURIComponent(data.id)}&validOn=${ANY_DATE}`} size="sm" mt="sm">
            {t('agencies.showChildren')}
          </Anchor>
        </Card>

        <Card withBorder padding="md" component="section" aria-labelledby="identity-codes-heading">
          <Title order={2} size="h4" id="identity-codes-heading" mb="xs">
            {t('identityCodes.title')}
          </Title>
          <IdentityCodeHistory codes={data.identityCodes} />
        </Card>

        <OfficeHoursCard agencyId={data.id} canManage={canManage} />

        {canManage && <AssignIdentityCodeForm agencyId={data.id} rowVersion={data.rowVersion} onAssigned={(updated) => agency.setData(updated)} />}
      </Stack>
    </>
  )
}
