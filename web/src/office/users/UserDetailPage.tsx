/**
 * One official's account. Readers see the profile and roles; with user.manage the page also
 * edits the profile, disables/enables the account, sets roles and resets the password.
 * Officials cannot change their own status or roles (the server refuses; the UI says so).
 */
import { Alert, Card, Group, SimpleGrid, Stack, Table, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useParams } from 'react-router-dom'
import type { UserSummary } from '../../../../contracts/org.ts'
import { usersApi } from '../../api/users.ts'
import { formatDateTime } from '../../format/dates.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EMPTY_CELL } from '../../ui/TableStates.tsx'
import { useResource } from '../../ui/useResource.ts'
import { useCan, useCurrentUser } from '../session.tsx'
import { ResetPasswordForm } from './ResetPasswordForm.tsx'
import { SignInLockAlert } from './SignInLockAlert.tsx'
import { RoleBadges } from './RoleBadges.tsx'
import { UserProfileForm } from './UserProfileForm.tsx'
import { UserRolesForm } from './UserRolesForm.tsx'
import { UserStatusControl } from './UserStatusControl.tsx'
import { UserStatusBadge } from './UserStatusBadge.tsx'

function UserFacts({ user }: { user: UserSummary }) {
  const { t } = useTranslation('office')
  return (
    <Card withBorder padding="md">
      <Table variant="vertical" layout="fixed" withRowBorders={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>{t('users.fields.username')}</Table.Th>
            <Table.Td ff="monospace">{user.username}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('users.fields.email')}</Table.Th>
            <Table.Td>{user.email ?? EMPTY_CELL}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('users.fields.agency')}</Table.Th>
            <Table.Td>{user.agencyName}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('users.fields.status')}</Table.Th>
            <Table.Td>
              <UserStatusBadge status={user.status} />
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('users.fields.roles')}</Table.Th>
            <Table.Td>
              <RoleBadges roles={user.roles} />
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>{t('users.fields.createdAt')}</Table.Th>
            <Table.Td>{formatDateTime(user.createdAt)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Card>
  )
}

export function UserDetailPage() {
  const { t } = useTranslation('office')
  const { userId = '' } = useParams()
  const me = useCurrentUser()
  const canManage = useCan('user.manage')
  const user = useResource((signal) => usersApi.get(userId, signal), [userId])

  if (user.loading && !user.data) return <LoadingState />
  if (!user.data) return <ProblemAlert error={user.error} />
  const data = user.data
  const isSelf = data.id === me.id

  return (
    <>
      <PageHeader
        eyebrow={t('users.eyebrow')}
        title={data.displayName}
        actions={
          <Group gap="xs">
            <UserStatusBadge status={data.status} />
          </Group>
        }
      />
      <Stack gap="md">
        <SignInLockAlert user={data} canManage={canManage} onSaved={user.setData} />
        <UserFacts user={data} />
        {canManage && (
          <>
            {isSelf && (
              <Alert color="blue" role="status">
                {t('users.selfNotice')}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              <UserProfileForm key={`profile-${data.id}`} user={data} onSaved={user.setData} />
              <Stack>
                <UserStatusControl user={data} disabled={isSelf} onSaved={user.setData} />
                <ResetPasswordForm userId={data.id} />
              </Stack>
            </SimpleGrid>
            <Card withBorder padding="md" component="section" aria-labelledby="user-roles-heading">
              <Title order={2} size="h4" id="user-roles-heading" mb="sm">
                {t('users.rolesTitle')}
              </Title>
              <UserRolesForm key={`roles-${data.id}`} user={data} disabled={isSelf} onSaved={user.setData} />
            </Card>
          </>
        )}
      </Stack>
    </>
  )
}
