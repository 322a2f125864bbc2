/**
 * "Danh mục thủ tục": the catalogue as officials browse it. Search and filters use the public
 * search (procedures in force today, ranked); the agency filter uses the agency directory. With
 * catalogue.manage: create, import from a file, packages. Everyone may download the catalogue.
 * Procedures opened lately are listed too, so that new drafts (not yet in force) are found again.
 */
import { Anchor, Button, Card, Group, LoadingOverlay, Menu, NativeSelect, Pagination, Paper, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconChevronDown, IconDownload, IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import { proceduresApi, publicProceduresApi } from '../../api/procedures.ts'
import { formatDate } from '../../format/dates.ts'
import { OnlineLevelBadge, useLevelsText, useLimitText } from '../../portal/procedures/ProcedureBits.tsx'
import { isLevel, isOnlineLevel, LEVELS, ONLINE_LEVELS } from '../../portal/procedures/procedureText.ts'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EMPTY_CELL, EmptyTableRow } from '../../ui/TableStates.tsx'
import { useResource } from '../../ui/useResource.ts'
import { useAgencyDirectory } from '../org/directories.ts'
import { agencyOption, byName } from '../org/options.ts'
import { officePaths } from '../paths.ts'
import { useCan, useCurrentUser } from '../session.tsx'
import { readRecent } from './recentProcedures.ts'

const PAGE_SIZE = 20

/** Drafts awaiting publication, from the server: every catalogue official sees the same list. */
function DraftProcedures() {
  const { t } = useTranslation('office')
  const drafts = useResource((signal) => proceduresApi.drafts(signal), [])
  if (!drafts.data || drafts.data.length === 0) return null
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="draft-procedures-heading">
      <Title order={2} size="h5" id="draft-procedures-heading" mb={4}>
        {t('procedures.drafts.title')}
      </Title>
      <Stack component="ul" gap={4} m={0} pl="md">
        {drafts.data.map((item) => (
          <li key={`${item.procedureId}-${item.version}`}>
            <Anchor component={Link} to={officePaths.procedure(item.procedureId)} size="sm">
              {t('procedures.drafts.item', { name: item.name, version: item.version, date: formatDate(item.effectiveFrom) })}
            </Anchor>
          </li>
        ))}
      </Stack>
    </Card>
  )
}

function RecentProcedures() {
  const { t } = useTranslation('office')
  const user = useCurrentUser()
  const recent = useMemo(() => readRecent(user.id), [user.id])
  if (recent.length === 0) return null
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="recent-procedures-heading">
      <Title order={2} size="h5" id="recent-procedures-heading" mb={4}>
        {t('procedures.recent.title')}
      </Title>
      <Text size="xs" c="dimmed" mb="xs">
        {t('procedures.recent.hint')}
      </Text>
      <Group gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {recent.map((item) => (
          <li key={item.id}>
            <Anchor component={Link} to={officePaths.procedure(item.id)} size="sm">
              {item.name}
              {item.nationalCode ? ` (${item.nationalCode})` : ''}
            </Anchor>
          </li>
        ))}
      </Group>
    </Card>
  )
}

export function ProceduresPage() {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const canManage = useCan('catalogue.manage')
  const [params, setParams] = useSearchParams()
  const agencies = useAgencyDirectory()
  const levelsText = useLevelsText()
  const limitText = useLimitText()

  const q = params.get('q') ?? ''
  const field = params.get('field') ?? undefined
  const levelParam = params.get('level')
  const level = isLevel(levelParam) ? levelParam : undefined
  const onlineParam = params.get('online')
  const onlineLevel = isOnlineLevel(onlineParam) ? onlineParam : undefined
  const agencyId = params.get('agencyId') ?? undefined
  const page = Math.max(1, Number(params.get('page')) || 1)

  const [searchText, setSearchText] = useState(q)
  const [debouncedSearch] = useDebouncedValue(searchText, 350)

  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params)
    change(next)
    next.delete('page')
    setParams(next, { replace: true })
  }
  const setParam = (name: string, value: string | null | undefined) =>
    update((next) => {
      if (value) next.set(name, value)
      else next.delete(name)
    })

  useEffect(() => {
    const trimmed = debouncedSearch.trim()
    if (trimmed !== q) setParam('q', trimmed)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to the debounced text only
  }, [debouncedSearch])

  const fields = useResource((signal) => publicProceduresApi.fields(signal), [])
  const results = useResource(
    (signal) => publicProceduresApi.search({ q: q || undefined, field, level, onlineLevel, agencyId, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [q, field, level, onlineLevel, agencyId, page],
  )
  const total = results.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const openEnded = tc('validity.openEnded')
  const agencyOptions = useMemo(() => [...agencies.all].sort(byName).map((agency) => agencyOption(agency, openEnded)), [agencies.all, openEnded])
  const fieldOptions = useMemo(() => (fields.data ?? []).map((item) => ({ value: item.name, label: tc('catalogue.filters.fieldOption', { name: item.name, count: item.count }) })), [fields.data, tc])

  return (
    <>
      <PageHeader
        title={t('procedures.title')}
        description={t('procedures.lead')}
        actions={
          <>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />}>
                  {t('procedures.export.button')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component="a" href={proceduresApi.exportUrl('xlsx')} download>
                  {t('procedures.export.xlsx')}
                </Menu.Item>
                <Menu.Item component="a" href={proceduresApi.exportUrl('csv')} download>
                  {t('procedures.export.csv')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            {canManage && (
              <Button component={Link} to={officePaths.importProcedures} variant="default" leftSection={<IconFileImport size={16} aria-hidden />}>
                {t('procedures.import.button')}
              </Button>
            )}
            {canManage && (
              <Button component={Link} to={officePaths.newProcedure} leftSection={<IconPlus size={16} aria-hidden />}>
                {t('procedures.create')}
              </Button>
            )}
          </>
        }
      />

      <Stack gap="md">
        <DraftProcedures />
        <RecentProcedures />

        <Paper withBorder p="md" component="form" role="search" aria-label={t('common.filters')} onSubmit={(event) => event.preventDefault()}>
          <Group align="flex-start" gap="md">
            <TextInput
              label={t('procedures.search')}
              description={t('procedures.searchHint')}
              leftSection={<IconSearch size={16} aria-hidden />}
              type="search"
              maxLength={200}
              value={searchText}
              onChange={(event) => setSearchText(event.currentTarget.value)}
              w={300}
            />
            <Select
              label={tc('catalogue.filters.field')}
              placeholder={tc('catalogue.filters.allFields')}
              searchable
              clearable
              nothingFoundMessage={t('common.nothingFound')}
              data={fieldOptions}
              value={field ?? null}
              onChange={(value) => setParam('field', value)}
              w={240}
            />
            <NativeSelect
              label={tc('catalogue.filters.level')}
              data={[{ value: '', label: tc('catalogue.filters.allLevels') }, ...LEVELS.map((value) => ({ value, label: tc(`catalogue.levels.${value}`) }))]}
              value={level ?? ''}
              onChange={(event) => setParam('level', event.currentTarget.value)}
              w={170}
            />
            <NativeSelect
              label={tc('catalogue.filters.onlineLevel')}
              data={[{ value: '', label: tc('catalogue.filters.allOnlineLevels') }, ...ONLINE_LEVELS.map((value) => ({ value, label: tc(`catalogue.onlineLevels.${value}`) }))]}
              value={onlineLevel ?? ''}
              onChange={(event) => setParam('online', event.currentTarget.value)}
              w={170}
            />
            <Select
              label={t('procedures.fields.agency')}
              placeholder={t('filters.allAgencies')}
              searchable
              clearable
              nothingFoundMessage={t('common.nothingFound')}
              data={agencyOptions}
              value={agencyId ?? null}
              onChange={(value) => setParam('agencyId', value)}
              w={340}
            />
          </Group>
        </Paper>

        <ProblemAlert error={results.error} />

        <Stack gap="xs" pos="relative">
          <LoadingOverlay visible={results.loading} zIndex={10} overlayProps={{ blur: 1 }} loaderProps={{ 'aria-label': t('common.loading') }} />
          <Text size="sm" c="dimmed" aria-live="polite">
            {results.loading ? t('common.loading') : t('procedures.count', { count: total })}
          </Text>
          <Table.ScrollContainer minWidth={960}>
            <Table striped highlightOnHover verticalSpacing="xs">
              <Table.Caption>
                <VisuallyHidden>{t('procedures.title')}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('procedures.fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('procedures.fields.nationalCode')}</Table.Th>
                  <Table.Th scope="col">{t('procedures.fields.field')}</Table.Th>
                  <Table.Th scope="col">{t('procedures.fields.levels')}</Table.Th>
                  <Table.Th scope="col" miw={110}>
                    {t('procedures.fields.onlineLevel')}
                  </Table.Th>
                  <Table.Th scope="col" miw={110}>
                    {t('procedures.fields.timeLimit')}
                  </Table.Th>
                  <Table.Th scope="col" miw={110}>
                    {t('procedures.fields.inForce')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {!results.loading && results.data?.items.length === 0 && <EmptyTableRow colSpan={7} message={t('procedures.empty')} />}
                {results.data?.items.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Anchor component={Link} to={officePaths.procedure(item.id)} fw={600} size="sm">
                        {item.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ff="monospace" fz="sm">
                      {item.nationalCode ?? EMPTY_CELL}
                    </Table.Td>
                    <Table.Td fz="sm">{item.field}</Table.Td>
                    <Table.Td fz="sm">{levelsText(item.levels)}</Table.Td>
                    <Table.Td>
                      <OnlineLevelBadge level={item.onlineLevel} size="sm" />
                    </Table.Td>
                    <Table.Td fz="sm">{limitText(item.timeLimit)}</Table.Td>
                    <Table.Td fz="sm">
                      {formatDate(item.effectiveFrom)}
                      <Text size="xs" c="dimmed">
                        {t('procedures.versionLong', { version: item.version })}
                      </Text>
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
                onChange={(value) => {
                  const next = new URLSearchParams(params)
                  if (value > 1) next.set('page', String(value))
                  else next.delete('page')
                  setParams(next, { replace: true })
                }}
                getControlProps={(control) => ({ 'aria-label': t(`pagination.${control}`) })}
                getItemProps={(item) => ({ 'aria-label': t('pagination.page', { page: item }) })}
              />
            </Group>
          )}
        </Stack>
      </Stack>
    </>
  )
}
