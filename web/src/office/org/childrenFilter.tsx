/**
 * The "children of" filter of the unit and agency lists (?parentId=): a row action that shows a
 * record's children, and the active filter with a button that clears it.
 */
import { Anchor } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ListActiveFilter, type ListColumn } from '../../ui/ListPage.tsx'
import type { ListParams } from '../../ui/useListParams.ts'

interface ChildrenFilter<T> {
  parentId: string | undefined
  /** The row action; `applies` says which rows may have children. */
  column: (applies?: (row: T) => boolean) => ListColumn<T>
  footer: ReactNode
}

export function useChildrenFilter<T extends { id: string; name: string }>(list: ListParams, kind: 'units' | 'agencies', nameOf: (id: string) => string | undefined): ChildrenFilter<T> {
  const { t } = useTranslation('office')
  const parentId = list.get('parentId')
  const unknown = kind === 'units' ? t('units.unknownUnit') : t('agencies.unknownAgency')
  return {
    parentId,
    column: (applies = () => true) => ({
      key: 'children',
      header: t('common.actions'),
      headerHidden: true,
      cell: (row) =>
        applies(row) && (
          <Anchor component="button" type="button" size="sm" onClick={() => list.set('parentId', row.id)} aria-label={t(`${kind}.showChildrenOf`, { name: row.name })}>
            {t(`${kind}.showChildren`)}
          </Anchor>
        ),
    }),
    footer: parentId && <ListActiveFilter label={t(`${kind}.childrenOf`)} value={nameOf(parentId) ?? unknown} clearLabel={t('filters.clearParent')} onClear={() => list.set('parentId', undefined)} />,
  }
}
