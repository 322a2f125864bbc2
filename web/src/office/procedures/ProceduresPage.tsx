/**
 * "Danh mục thủ tục": the catalogue as officials browse it. Search and filters use the public
 * search (procedures in force today, ranked); the agency filter uses the agency directory. With
 * catalogue.manage: create, import from a file, packages. Everyone may download the catalogue.
 * Procedures opened lately are listed too, so that new drafts (not yet in force) are found again.
 */
import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core'
import { IconFileImport } from '@tabler/icons-react'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import type { ProcedureSummary } from '../../../../contracts/procedures.ts'
import { useEndpointQuery } from '../../api/hooks.ts'
import { proceduresApi } from '../../api/procedures.ts'
import { routes } from '../../api/routes.ts'
import { formatDate } from '../../format/dates.ts'
import { OnlineLevelBadge, useLevelsText, useLimitText } from '../../portal/procedures/ProcedureBits.tsx'
import { LevelFilter, OnlineLevelFilter, useFieldOptions } from '../../portal/procedures/CatalogueFilters.tsx'
import { isLevel, isOnlineLevel } from '../../portal/procedures/procedureText.ts'
import { ListLinkCell, ListPage, ListSearchInput, type ListColumn } from '../../ui/ListPage.tsx'
import { SearchableSelect } from '../../ui/SearchableSelect.tsx'
import { EMPTY_CELL } from '../../ui/TableStates.tsx'
import { useListParams, useSearchParamText } from '../../ui/useListParams.ts'
import { AgencySelect } from '../org/OrgSelect.tsx'
import { listTexts } from '../listTexts.ts'
import { officePaths } from '../paths.ts'
import { useCan, useCurrentUser } from '../session.tsx'
import { readRecent } from './recentProcedures.ts'

const PAGE_SIZE = 20

/** Drafts awaiting publication, from the server: every catalogue official sees the same list. */
function DraftProcedures() {
  const { t } = useTranslation('office')
  const drafts = useEndpointQuery(routes.procedureDrafts)
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
  const list = useListParams()
  const [searchText, setSearchText] = useSearchParamText(list)
  const levelsText = useLevelsText()
  const limitText = useLimitText()
  const fieldOptions = useFieldOptions()

  const levelParam = list.get('level') ?? null
  const onlineParam = list.get('online') ?? null
  const query = {
    q: list.get('q'),
    field: list.get('field'),
    level: isLevel(levelParam) ? levelParam : undefined,
    onlineLevel: isOnlineLevel(onlineParam) ? onlineParam : undefined,
    agencyId: list.get('agencyId'),
    limit: PAGE_SIZE,
    offset: list.offset(PAGE_SIZE),
  }

  const results = useEndpointQuery(routes.searchProcedures, { query }, { keepPrevious: true })
  const total = results.data?.total ?? 0

  const columns: ListColumn<ProcedureSummary>[] = [
    {
      key: 'name',
      header: t('procedures.fields.name'),
      cell: (item) => <ListLinkCell to={officePaths.procedure(item.id)} label={item.name} />,
    },
    { key: 'nationalCode', header: t('procedures.fields.nationalCode'), cell: (item) => item.nationalCode ?? EMPTY_CELL, tdProps: { ff: 'monospace', fz: 'sm' } },
    { key: 'field', header: t('procedures.fields.field'), cell: (item) => item.field, tdProps: { fz: 'sm' } },
    { key: 'levels', header: t('procedures.fields.levels'), cell: (item) => levelsText(item.levels), tdProps: { fz: 'sm' } },
    { key: 'onlineLevel', header: t('procedures.fields.onlineLevel'), cell: (item) => <OnlineLevelBadge level={item.onlineLevel} size="sm" />, thProps: { miw: 110 } },
    { key: 'timeLimit', header: t('procedures.fields.timeLimit'), cell: (item) => limitText(item.timeLimit), thProps: { miw: 110 }, tdProps: { fz: 'sm' } },
    {
      key: 'inForce',
      header: t('procedures.fields.inForce'),
      thProps: { miw: 110 },
      tdProps: { fz: 'sm' },
      cell: (item) => (
        <>
          {formatDate(item.effectiveFrom)}
          <Text size="xs" c="dimmed">
            {t('procedures.versionLong', { version: item.version })}
          </Text>
        </>
      ),
    },
  ]

  return (
    <ListPage
      {...listTexts(t, 'procedures', total)}
      downloadLabel={t('procedures.export.button')}
      downloads={[
        { label: t('procedures.export.xlsx'), href: proceduresApi.exportUrl('xlsx') },
        { label: t('procedures.export.csv'), href: proceduresApi.exportUrl('csv') },
      ]}
      actions={
        canManage && (
          <Button component={Link} to={officePaths.importProcedures} variant="default" leftSection={<IconFileImport size={16} aria-hidden />}>
            {t('procedures.import.button')}
          </Button>
        )
      }
      createLink={canManage && { to: officePaths.newProcedure, label: t('procedures.create') }}
      before={
        <>
          <DraftProcedures />
          <RecentProcedures />
        </>
      }
      filters={
        <>
          <ListSearchInput label={t('procedures.search')} description={t('procedures.searchHint')} maxLength={200} value={searchText} onChange={setSearchText} w={300} />
          <SearchableSelect label={tc('catalogue.filters.field')} placeholder={tc('catalogue.filters.allFields')} clearable data={fieldOptions} value={query.field ?? null} onChange={(value) => list.set('field', value)} w={240} />
          <LevelFilter value={query.level} onChange={(value) => list.set('level', value)} w={170} />
          <OnlineLevelFilter value={query.onlineLevel} onChange={(value) => list.set('online', value)} w={170} />
          <AgencySelect label={t('procedures.fields.agency')} placeholder={t('filters.allAgencies')} clearable value={query.agencyId ?? null} onChange={(value) => list.set('agencyId', value)} w={340} />
        </>
      }
      columns={columns}
      {...list.paged(results, PAGE_SIZE)}
    />
  )
}
