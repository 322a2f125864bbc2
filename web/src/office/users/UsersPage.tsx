/** Officials' accounts: search by name, filter by agency, paged from the server. */
import { Anchor, Button, Group, LoadingOverlay, Pagination, Paper, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconPlus, IconSearch } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import { usersApi } from '../../api/users.ts'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EmptyTableRow } from '../../ui/TableStates.tsx'
import { useResource } from '../../ui/useResource.ts'
import { useAgencyDirectory } from '../org/directories.ts'
import { agencyOption, byName } from '../org/options.ts'
import { officePaths } from '../paths.ts'
import { useCan } from '../session.tsx'
import { RoleBadges } from './RoleBadges.tsx'
import { UserStatusBadge } from './UserStatusBadge.tsx'

const PAGE_SIZE = 20

export function UsersPage() {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const canManage = useCan('user.manage')
  const [params, setParams] = useSearchParams()
  const agencies = useAgencyDirectory()

  const q = params.get('q') ?? ''
  const agencyId = params.get('agencyId') ?? undefined
  const page = Math.max(1, Number(params.get('page')) || 1)

  const [searchText, setSearchText] = useState(q)
  const [debouncedSearch] = useDebouncedValue(searchText, 350)

  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params)
    change(next)
    setParams(next, { replace: true })
  }

  useEffect(() => {
    const trimmed = debouncedSearch.trim()
    if (trimmed === q) return
    update((next) => {
      if (trimmed) next.set('q', trimmed)
      else next.delete('q')
      next.delete('page')
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to the debounced text only
  }, [debouncedSearch])

  const users = useResource(
    (signal) => usersApi.list({ q: q || undefined, agencyId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [q, agencyId, page],
  )
  const total = users.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const openEnded = tc('validity.openEnded')
  const agencyOptions = useMemo(() => [...agencies.all].sort(byName).map((agency) => agencyOption(agency, openEnded)), [agencies.all, openEnded])

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.lead')}
        actions={
          canManage && (
            <Button component={Link} to={officePaths.newUser} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('users.create')}
            </Button>
          )
        }
      />

      <Paper withBorder p="md" mb="md" component="form" role="search" aria-label={t('common.filters')} onSubmit={(event) => event.preventDefault()}>
        <Group align="flex-start" gap="md">
          <TextInput
            label={t('users.search')}
            description={t('users.searchHint')}
            leftSection={<IconSearch size={16} aria-hidden />}
            type="search"
            maxLength={100}
            value={searchText}
            onChange={(event) => setSearchText(event.currentTarget.value)}
            w={300}
          />
          <Select
            label={t('users.fields.agency')}
            placeholder={t('filters.allAgencies')}
            searchable
            clearable
            nothingFoundMessage={t('common.nothingFound')}
            data={agencyOptions}
            value={agencyId ?? null}
            onChange={(value) =>
              update((next) => {
                if (value) next.set('agencyId', value)
                else next.delete('agencyId')
                next.delete('page')
              })
            }
            w={360}
          />
        </Group>
      </Paper>

      <ProblemAlert error={users.error} />

      <Stack gap="xs" pos="relative">
        <LoadingOverlay visible={users.loading} zIndex={10} overlayProps={{ blur: 1 }} loaderProps={{ 'aria-label': t('common.loading') }} />
        <Text size="sm" c="dimmed" aria-live="polite">
          {users.loading ? t('common.loading') : t('users.count', { count: total })}
        </Text>
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover verticalSpacing="xs">
            <Table.Caption>
              <VisuallyHidden>{t('users.title')}</VisuallyHidden>
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('users.fields.displayName')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.username')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.agency')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.roles')}</Table.Th>
                <Table.Th scope="col">{t('users.fields.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {!users.loading && users.data?.items.length === 0 && <EmptyTableRow colSpan={5} message={t('users.empty')} />}
              {users.data?.items.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>
                    <Anchor component={Link} to={officePaths.user(user.id)} fw={600} size="sm">
                      {user.displayName}
                    </Anchor>
                    {user.email && (
                      <Text size="xs" c="dimmed">
                        {user.email}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ff="monospace" fz="sm">
                    {user.username}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{user.agencyName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <RoleBadges roles={user.roles} />
                  </Table.Td>
                  <Table.Td>
                    <UserStatusBadge status={user.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {pages > 1 && (
          <Group justify="center" mt="sm">
            <Pagination
              total={pages}
              value={Math.min(page, pages)}
              onChange={(value) => update((next) => (value > 1 ? next.set('page', String(value)) : next.delete('page')))}
              getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
              getItemProps={(item) => ({ 'aria-label': t('pagination.page', { page: item }) })}
            />
          </Group>
        )}
      </Stack>
    </>
  )
}
