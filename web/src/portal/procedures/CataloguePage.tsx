/**
 * The portal's procedure catalogue (/thu-tuc, lazy chunk): search with suggestions, results
 * ranked by relevance (GET /api/public/procedures), filters by field, level and online level, and
 * paging. The query and filters live in the address (?q=&field=&level=&online=&page=) so results
 * can be shared and the back button works; typing updates the results after a short pause.
 */
import { Anchor, Badge, Box, Button, Card, Container, Group, LoadingOverlay, Pagination, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconFilterOff } from '@tabler/icons-react'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useSearchParams } from 'react-router-dom'
import type { ProcedureSummary } from '../../../../contracts/procedures.ts'
import { publicProceduresApi } from '../../api/procedures.ts'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { usePageTitle } from '../../ui/usePageTitle.ts'
import { useResource } from '../../ui/useResource.ts'
import { procedurePath, ProcedureSearchBox } from '../ProcedureSearchBox.tsx'
import { OnlineLevelBadge, useLevelsText, useLimitText } from './ProcedureBits.tsx'
import { FieldFilter, LevelFilter, OnlineLevelFilter, ProcedureAgencyFilter } from './CatalogueFilters.tsx'
import { isLevel, isOnlineLevel } from './procedureText.ts'

const PAGE_SIZE = 20

/** Where a result link came from, so the procedure page can lead back to the same results. */
export interface CatalogueLinkState {
  catalogueSearch: string
}

function ResultItem({ item, linkState }: { item: ProcedureSummary; linkState: CatalogueLinkState }) {
  const { t } = useTranslation()
  const levelsText = useLevelsText()
  const limitText = useLimitText()
  return (
    <Card component="li" withBorder padding="md">
      <Stack gap={6}>
        <Title order={3} size="h4" fw={600}>
          <Anchor component={Link} to={procedurePath(item.id)} state={linkState} inherit lang="vi">
            {item.name}
          </Anchor>
        </Title>
        <Group gap="xs">
          <OnlineLevelBadge level={item.onlineLevel} size="sm" />
          {item.nationalCode && (
            <Badge variant="outline" color="gray.7" size="sm" ff="monospace">
              {item.nationalCode}
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('catalogue.results.meta', { field: item.field, levels: levelsText(item.levels), limit: limitText(item.timeLimit) })}
        </Text>
      </Stack>
    </Card>
  )
}

export function CataloguePage() {
  const { t } = useTranslation()
  usePageTitle(t('catalogue.title'))
  const [params, setParams] = useSearchParams()
  const resultsHeadingRef = useRef<HTMLHeadingElement>(null)

  const q = params.get('q') ?? ''
  const field = params.get('field') ?? ''
  const agencyId = params.get('agency') ?? ''
  const levelParam = params.get('level')
  const level = isLevel(levelParam) ? levelParam : undefined
  const onlineParam = params.get('online')
  const onlineLevel = isOnlineLevel(onlineParam) ? onlineParam : undefined
  const page = Math.max(1, Number(params.get('page')) || 1)

  const [text, setText] = useState(q)
  const [debounced] = useDebouncedValue(text.trim(), 400)

  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params)
    change(next)
    next.delete('page')
    setParams(next, { replace: true })
  }
  const setFilter = (name: string, value: string) =>
    update((next) => {
      if (value) next.set(name, value)
      else next.delete(name)
    })
  const setQuery = (value: string) => setFilter('q', value)

  // Typing searches after a pause (the address keeps the last query).
  useEffect(() => {
    if (debounced !== q) setQuery(debounced)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to the debounced text only
  }, [debounced])
  // Back/forward or a link with another ?q= shows that query in the field.
  useEffect(() => {
    if (q !== text.trim()) setText(q)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- follow the address only
  }, [q])

  const results = useResource(
    (signal) => publicProceduresApi.search({ q: q || undefined, field: field || undefined, agencyId: agencyId || undefined, level, onlineLevel, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    [q, field, agencyId, level, onlineLevel, page],
  )
  const total = results.data?.total ?? 0
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))
  const filtered = Boolean(field || agencyId || level || onlineLevel)
  const linkState: CatalogueLinkState = { catalogueSearch: params.toString() }


  const goToPage = (value: number) => {
    const next = new URLSearchParams(params)
    if (value > 1) next.set('page', String(value))
    else next.delete('page')
    setParams(next)
    resultsHeadingRef.current?.focus()
    resultsHeadingRef.current?.scrollIntoView({ block: 'start' })
  }

  return (
    <Container size="lg" py="xl">
      <Stack gap="lg">
        <Stack gap="xs" maw={760}>
          <Title order={1}>{t('catalogue.title')}</Title>
          <Text c="dimmed">{t('catalogue.lead')}</Text>
        </Stack>

        {/* overflow visible: the suggestions may extend below the card */}
        <Card withBorder padding="lg" bg="gray.0" style={{ overflow: 'visible' }}>
          <Stack gap="md">
            <ProcedureSearchBox value={text} onChange={setText} onSearch={(value) => setQuery(value)} size="lg" />
            <Box component="fieldset" m={0} p={0} style={{ border: 'none' }}>
              <Text component="legend" size="sm" fw={700} mb="xs">
                {t('catalogue.filters.title')}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <FieldFilter value={field} onChange={(value) => setFilter('field', value)} />
                <ProcedureAgencyFilter value={agencyId} onChange={(value) => setFilter('agency', value)} />
                <LevelFilter value={level} onChange={(value) => setFilter('level', value)} />
                <OnlineLevelFilter value={onlineLevel} onChange={(value) => setFilter('online', value)} />
              </SimpleGrid>
            </Box>
            {filtered && (
              <Button
                variant="subtle"
                size="compact-sm"
                w="fit-content"
                leftSection={<IconFilterOff size={16} aria-hidden />}
                onClick={() =>
                  update((next) => {
                    next.delete('field')
                    next.delete('agency')
                    next.delete('level')
                    next.delete('online')
                  })
                }
              >
                {t('catalogue.filters.clear')}
              </Button>
            )}
          </Stack>
        </Card>

        <Box component="section" aria-labelledby="catalogue-results" pos="relative">
          <Group justify="space-between" align="baseline" mb="sm">
            <Title order={2} size="h3" id="catalogue-results" ref={resultsHeadingRef} tabIndex={-1}>
              {q ? t('catalogue.results.headingFor', { q }) : t('catalogue.results.heading')}
            </Title>
            <Text size="sm" c="dimmed" aria-live="polite">
              {results.loading ? t('catalogue.results.searching') : t(q || filtered ? 'catalogue.results.count' : 'catalogue.results.countAll', { count: total })}
            </Text>
          </Group>
          <ProblemAlert error={results.error} />
          <LoadingOverlay visible={results.loading && Boolean(results.data)} zIndex={10} overlayProps={{ blur: 1 }} loaderProps={{ 'aria-hidden': true }} />
          {results.data && results.data.items.length === 0 && !results.loading && (
            <Text c="dimmed" py="lg">
              {t('catalogue.results.empty')}
            </Text>
          )}
          <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
            {results.data?.items.map((item) => (
              <ResultItem key={item.id} item={item} linkState={linkState} />
            ))}
          </Stack>
          {pages > 1 && (
            <Group justify="center" mt="lg">
              <Pagination
                total={pages}
                value={Math.min(page, pages)}
                onChange={goToPage}
                getControlProps={(control) => ({ 'aria-label': t(`catalogue.pagination.${control}`) })}
                getItemProps={(item) => ({ 'aria-label': t('catalogue.pagination.page', { page: item }) })}
              />
            </Group>
          )}
        </Box>
      </Stack>
    </Container>
  )
}
