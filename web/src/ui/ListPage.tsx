/**
 * The house list page: page header (title, lead, actions, downloads), a filter form, a table with
 * a caption and column headers, loading / error / empty states, a count and paging. Every list of
 * the workspace (units, agencies, officials, API tokens, procedures, audit log) is one of these.
 */
import { Anchor, Badge, Button, CloseButton, Group, LoadingOverlay, Menu, Pagination, Paper, Stack, Table, Text, TextInput, VisuallyHidden, type TableTdProps, type TableThProps, type TextInputProps } from '@mantine/core'
import { IconChevronDown, IconDownload, IconPlus, IconSearch } from '@tabler/icons-react'
import type { FormEvent, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { PageHeader } from './PageHeader.tsx'
import { ProblemAlert } from './ProblemAlert.tsx'
import { EmptyTableRow } from './TableStates.tsx'

export interface ListColumn<T> {
  key: string
  header: ReactNode
  /** Read by screen readers only (e.g. the column of row actions). */
  headerHidden?: boolean
  cell: (row: T) => ReactNode
  thProps?: Omit<TableThProps, 'scope' | 'children'>
  tdProps?: Omit<TableTdProps, 'children'> | ((row: T) => Omit<TableTdProps, 'children'>)
}

export interface ListDownload {
  label: string
  href: string
}

export interface ListPaging {
  page: number
  pages: number
  onChange: (page: number) => void
}

export interface ListPageProps<T> {
  title: string
  description?: ReactNode
  /** Buttons beside the title (import …), before the create link. */
  actions?: ReactNode
  /** The "create" button beside the title (omit it when the official may not create). */
  createLink?: { to: string; label: string } | false
  /** Files of the list the route offers (e.g. XLSX and CSV exports), shown as one "download" menu. */
  downloads?: ListDownload[]
  downloadLabel?: string
  /** The filter inputs, in a row, in a search landmark. */
  filters?: ReactNode
  /** Instead of `filters`: the whole content of the filter form, laid out by the page. */
  filterForm?: ReactNode
  /** Shown under the filter inputs (e.g. the active parent filter). */
  filtersFooter?: ReactNode
  /** Filters applied on submit; without it the form only stops the browser's submit. */
  onFiltersSubmit?: () => void
  /** Content between the header and the filters (alerts, forms, cards). */
  before?: ReactNode
  /** Content after the table (dialogs). */
  after?: ReactNode
  /** Names the table for screen readers (default: the title). */
  caption?: string
  columns: ListColumn<T>[]
  rows: readonly T[] | undefined
  /** Default: the row's `id`. */
  rowKey?: (row: T) => string
  /** Renders a whole row (or rows) instead of the columns' cells, e.g. an expandable row. */
  renderRow?: (row: T) => ReactNode
  /** The rows' query (react-query): refetching shows the overlay, its error the problem. */
  query: { isFetching: boolean; error: unknown }
  emptyMessage: string
  /** "12 units", announced politely; omitted while loading. */
  countText?: string
  /** Below this width the table scrolls sideways (default: 130 px a column, at least 800). */
  minWidth?: number
  paging?: ListPaging
  striped?: boolean
}

export function ListPage<T>(props: ListPageProps<T>) {
  const { t } = useTranslation()
  const { columns, rows, paging } = props
  const loading = props.query.isFetching
  const rowKey = props.rowKey ?? ((row: T) => (row as { id: string }).id)

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    props.onFiltersSubmit?.()
  }

  const create = props.createLink && (
    <Button component={Link} to={props.createLink.to} leftSection={<IconPlus size={16} aria-hidden />}>
      {props.createLink.label}
    </Button>
  )

  const downloads = props.downloads && props.downloads.length > 0 && (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} aria-hidden />} rightSection={<IconChevronDown size={14} aria-hidden />}>
          {props.downloadLabel ?? t('list.download')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {props.downloads.map((download) => (
          <Menu.Item key={download.href} component="a" href={download.href} download>
            {download.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  )

  return (
    <>
      <PageHeader
        title={props.title}
        description={props.description}
        actions={
          (downloads || props.actions || create) && (
            <>
              {downloads}
              {props.actions}
              {create}
            </>
          )
        }
      />
      <Stack gap="md">
        {props.before}
        {(props.filters || props.filterForm) && (
          <Paper withBorder p="md" component="form" role="search" aria-label={t('list.filters')} onSubmit={onSubmit}>
            {props.filters && (
              <Group align="flex-start" gap="md">
                {props.filters}
              </Group>
            )}
            {props.filterForm}
            {props.filtersFooter}
          </Paper>
        )}
        <ProblemAlert error={props.query.error} />
        <Stack gap="xs" pos="relative">
          <LoadingOverlay visible={loading} zIndex={10} overlayProps={{ blur: 1 }} loaderProps={{ 'aria-label': t('common.loading') }} />
          <Text size="sm" c="dimmed" aria-live="polite">
            {loading ? t('common.loading') : props.countText}
          </Text>
          {/* A plain scrolling box that takes focus, so keyboard users can scroll a wide table (axe scrollable-region-focusable). */}
          <Table.ScrollContainer type="native" minWidth={props.minWidth ?? Math.max(800, columns.length * 130)} tabIndex={0} role="region" aria-label={props.caption ?? props.title}>
            <Table striped={props.striped ?? true} highlightOnHover={props.striped ?? true} verticalSpacing="xs">
              <Table.Caption>
                <VisuallyHidden>{props.caption ?? props.title}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column) => (
                    <Table.Th key={column.key} scope="col" {...column.thProps}>
                      {column.headerHidden ? <VisuallyHidden>{column.header}</VisuallyHidden> : column.header}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {!loading && rows?.length === 0 && <EmptyTableRow colSpan={columns.length} message={props.emptyMessage} />}
                {rows?.map((row) =>
                  props.renderRow ? (
                    <ListRowFragment key={rowKey(row)}>{props.renderRow(row)}</ListRowFragment>
                  ) : (
                    <Table.Tr key={rowKey(row)}>
                      {columns.map((column) => (
                        <Table.Td key={column.key} {...(typeof column.tdProps === 'function' ? column.tdProps(row) : column.tdProps)}>
                          {column.cell(row)}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ),
                )}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {paging && paging.pages > 1 && (
            <Group justify="center" mt="sm" component="nav" aria-label={t('list.pagination.label')}>
              <Pagination
                total={paging.pages}
                value={Math.min(paging.page, paging.pages)}
                onChange={paging.onChange}
                getControlProps={(control) => ({ 'aria-label': t(`list.pagination.${control}`) })}
                getItemProps={(item) => ({ 'aria-label': t('list.pagination.page', { page: item }) })}
              />
            </Group>
          )}
        </Stack>
        {props.after}
      </Stack>
    </>
  )
}

/** The first cell of a row: the record's name linking to its page, with an optional second line. */
export function ListLinkCell({ to, label, secondary }: { to: string; label: ReactNode; secondary?: ReactNode }) {
  return (
    <>
      <Anchor component={Link} to={to} fw={600} size="sm">
        {label}
      </Anchor>
      {secondary && (
        <Text size="xs" c="dimmed">
          {secondary}
        </Text>
      )}
    </>
  )
}

/** The free-text search box of a list's filters. */
export function ListSearchInput(props: Omit<TextInputProps, 'leftSection' | 'onChange'> & { value: string; onChange: (text: string) => void }) {
  const { onChange, ...rest } = props
  return <TextInput type="search" leftSection={<IconSearch size={16} aria-hidden />} {...rest} onChange={(event) => onChange(event.currentTarget.value)} />
}

/** An active filter shown as a chip with a button that clears it (e.g. "children of: X"). */
export function ListActiveFilter({ label, value, clearLabel, onClear }: { label: string; value: string; clearLabel: string; onClear: () => void }) {
  return (
    <Group gap="xs" mt="sm">
      <Text size="sm">{label}</Text>
      <Badge variant="light" size="lg" rightSection={<CloseButton size="xs" aria-label={clearLabel} onClick={onClear} />}>
        {value}
      </Badge>
    </Group>
  )
}

function ListRowFragment({ children }: { children: ReactNode }) {
  return <>{children}</>
}
