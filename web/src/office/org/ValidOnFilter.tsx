/** The "valid on date" filter of the unit and agency lists, bound to the address (?validOn=), and the lists' shared address state. */
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate } from '../../format/dates.ts'
import { DateField } from '../../ui/DateField.tsx'
import { ListSearchInput } from '../../ui/ListPage.tsx'
import { useListParams, useSearchParamText, type ListParams } from '../../ui/useListParams.ts'
import { useChildrenFilter } from './childrenFilter.tsx'
import { readValidOn, writeValidOn } from './validOn.ts'

export function ValidOnFilter({ list }: { list: ListParams }) {
  const { t } = useTranslation('office')
  const onChange = (value: string | null) =>
    list.update((next) => {
      const written = writeValidOn(next, value).get('validOn')
      if (written) next.set('validOn', written)
      else next.delete('validOn')
    })
  return (
    <DateField
      label={t('filters.validOn')}
      description={t('filters.validOnHint')}
      value={readValidOn(list.params)}
      onChange={(value, { invalid }) => invalid || onChange(value)}
      w={220}
    />
  )
}

/**
 * The address state shared by the unit and agency lists: the date, the "children of" filter, and
 * a name/code search done in the browser. `pageProps(extra)` gives the house list page its filter
 * row (date, the list's own inputs, the search box), the active parent filter and the caption.
 */
export function useDatedList<T extends { id: string; name: string }>(kind: 'units' | 'agencies', directory: { byId: ReadonlyMap<string, { name: string }> }) {
  const { t } = useTranslation('office')
  const list = useListParams()
  const [searchText, setSearchText] = useSearchParamText(list)
  const children = useChildrenFilter<T>(list, kind, (id) => directory.byId.get(id)?.name)
  const validOn = readValidOn(list.params)
  const needle = (list.get('q') ?? '').trim().toLocaleLowerCase('vi')
  return {
    list,
    validOn,
    /** The date and parent filters as the list endpoint's query. */
    apiQuery: { validOn: validOn ?? undefined, parentId: children.parentId },
    childrenColumn: children.column,
    /** Whether any of the values (name, code …) contains the search text. */
    matches: (...values: Array<string | null>) => !needle || values.some((value) => value?.toLocaleLowerCase('vi').includes(needle)),
    pageProps: (extra: ReactNode) => ({
      filters: (
        <>
          <ValidOnFilter list={list} />
          {extra}
          <ListSearchInput label={t('filters.nameOrCode')} value={searchText} onChange={setSearchText} w={260} />
        </>
      ),
      filtersFooter: children.footer,
      caption: validOn ? t(`${kind}.captionOn`, { date: formatDate(validOn) }) : t(`${kind}.captionAny`),
    }),
  }
}
