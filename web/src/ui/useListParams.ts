/**
 * The state of a list page kept in the address (so it can be bookmarked and shared): filters as
 * query parameters, the page number as `page` (dropped whenever a filter changes), and a search
 * box whose text reaches the address after a pause in typing.
 */
import { useDebouncedValue } from '@mantine/hooks'
import { useCallback, useEffect, useState } from 'react'
import { useSearchParams } from 'react-router-dom'

export interface ListParams {
  params: URLSearchParams
  /** The parameter's value, or undefined when absent or empty. */
  get: (name: string) => string | undefined
  /** Changes parameters (and goes back to the first page unless `keepPage`). */
  update: (change: (next: URLSearchParams) => void, options?: { keepPage?: boolean; push?: boolean }) => void
  /** Sets one parameter, or removes it when the value is empty. */
  set: (name: string, value: string | null | undefined) => void
  /** Replaces every parameter. */
  replaceAll: (values: Record<string, string | undefined>) => void
  page: number
  setPage: (page: number) => void
  /** The first row of the current page (the API's `offset`). */
  offset: (pageSize: number) => number
  /** The house list page's rows, query state and paging from a server-paged answer (`{ items, total }`). */
  paged: <T>(query: PagedQuery<T>, pageSize: number) => { rows: readonly T[] | undefined; query: PagedQuery<T>; paging: { page: number; pages: number; onChange: (page: number) => void } }
}

/** A react-query result of a server-paged endpoint. */
export interface PagedQuery<T> {
  data?: { items: readonly T[]; total: number } | undefined
  isFetching: boolean
  error: unknown
}

export function useListParams(): ListParams {
  const [params, setParams] = useSearchParams()
  const update = useCallback<ListParams['update']>(
    (change, options = {}) =>
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous)
          change(next)
          if (!options.keepPage) next.delete('page')
          return next
        },
        { replace: !options.push },
      ),
    [setParams],
  )
  const set = useCallback<ListParams['set']>((name, value) => update((next) => (value ? next.set(name, value) : next.delete(name))), [update])
  const replaceAll = useCallback<ListParams['replaceAll']>(
    (values) => {
      const next = new URLSearchParams()
      for (const [key, value] of Object.entries(values)) if (value?.trim()) next.set(key, value.trim())
      setParams(next)
    },
    [setParams],
  )
  const page = Math.max(1, Number(params.get('page')) || 1)
  const setPage = useCallback((value: number) => update((next) => (value > 1 ? next.set('page', String(value)) : next.delete('page')), { keepPage: true }), [update])
  return {
    params,
    get: (name) => params.get(name) || undefined,
    update,
    set,
    replaceAll,
    page,
    setPage,
    offset: (pageSize) => (page - 1) * pageSize,
    paged: (query, pageSize) => ({ rows: query.data?.items, query, paging: { page, pages: Math.max(1, Math.ceil((query.data?.total ?? 0) / pageSize)), onChange: setPage } }),
  }
}

/** A search box bound to the `name` parameter: returns the text typed and its setter. */
export function useSearchParamText(list: ListParams, name = 'q', delayMs = 350): [string, (text: string) => void] {
  const current = list.get(name) ?? ''
  const [text, setText] = useState(current)
  const [debounced] = useDebouncedValue(text, delayMs)
  useEffect(() => {
    const trimmed = debounced.trim()
    if (trimmed !== current) list.set(name, trimmed)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- react to the debounced text only
  }, [debounced])
  return [text, setText]
}
