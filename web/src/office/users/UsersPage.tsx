/** Officials' accounts: search by name, filter by agency, paged from the server. */
import { Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { UserSummary } from '../../../../contracts/org.ts'
import { useEndpointQuery } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { ListLinkCell, ListPage, ListSearchInput, type ListColumn } from '../../ui/ListPage.tsx'
import { useListParams, useSearchParamText } from '../../ui/useListParams.ts'
import { AgencySelect } from '../org/OrgSelect.tsx'
import { listTexts } from '../listTexts.ts'
import { officePaths } from '../paths.ts'
import { useCan } from '../session.tsx'
import { RoleBadges } from './RoleBadges.tsx'
import { UserStatusBadge } from './UserStatusBadge.tsx'

const PAGE_SIZE = 20

export function UsersPage() {
  const { t } = useTranslation('office')
  const canManage = useCan('user.manage')
  const list = useListParams()
  const [searchText, setSearchText] = useSearchParamText(list)

  const q = list.get('q')
  const agencyId = list.get('agencyId')
  const users = useEndpointQuery(routes.listUsers, { query: { q, agencyId, limit: PAGE_SIZE, offset: list.offset(PAGE_SIZE) } }, { keepPrevious: true })
  const total = users.data?.total ?? 0

  const columns: ListColumn<UserSummary>[] = [
    {
      key: 'displayName',
      header: t('users.fields.displayName'),
      cell: (user) => <ListLinkCell to={officePaths.user(user.id)} label={user.displayName} secondary={user.email} />,
    },
    { key: 'username', header: t('users.fields.username'), cell: (user) => user.username, tdProps: { ff: 'monospace', fz: 'sm' } },
    { key: 'agency', header: t('users.fields.agency'), cell: (user) => <Text size="sm">{user.agencyName}</Text> },
    { key: 'roles', header: t('users.fields.roles'), cell: (user) => <RoleBadges roles={user.roles} /> },
    { key: 'status', header: t('users.fields.status'), cell: (user) => <UserStatusBadge status={user.status} /> },
  ]

  return (
    <ListPage
      {...listTexts(t, 'users', total)}
      createLink={canManage && { to: officePaths.newUser, label: t('users.create') }}
      filters={
        <>
          <ListSearchInput label={t('users.search')} description={t('users.searchHint')} maxLength={100} value={searchText} onChange={setSearchText} w={300} />
          <AgencySelect label={t('users.fields.agency')} placeholder={t('filters.allAgencies')} clearable value={agencyId ?? null} onChange={(value) => list.set('agencyId', value)} w={360} />
        </>
      }
      columns={columns}
      {...list.paged(users, PAGE_SIZE)}
    />
  )
}
