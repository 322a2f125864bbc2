/**
 * Name look-ups for administrative units and agencies across all dates (for parent names,
 * predecessor/successor links, pickers). Each is one react-query entry shared by every page,
 * loaded once per session and refreshed after a write that changes it.
 */
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Agency, Unit } from '../../../../contracts/org.ts'
import { orgApi } from '../../api/org.ts'
import { queryClient } from '../../api/queryClient.ts'
import { agencyOption, byName, unitOption } from './options.ts'

const UNIT_DIRECTORY = ['directory', 'units'] as const
const AGENCY_DIRECTORY = ['directory', 'agencies'] as const

export function invalidateUnitDirectory(): void {
  void queryClient.invalidateQueries({ queryKey: UNIT_DIRECTORY })
}

export function invalidateAgencyDirectory(): void {
  void queryClient.invalidateQueries({ queryKey: AGENCY_DIRECTORY })
}

/** Forget every cached answer, directories included (another official may sign in next). */
export function clearDirectories(): void {
  queryClient.clear()
}

export interface DirectoryView<T> {
  all: T[]
  byId: Map<string, T>
  loading: boolean
  error: unknown
}

function useDirectory<T extends { id: string }>(key: readonly string[], load: (signal: AbortSignal) => Promise<T[]>): DirectoryView<T> {
  const query = useQuery({ queryKey: key, queryFn: ({ signal }) => load(signal), staleTime: Infinity })
  return useMemo(() => {
    const all = query.data ?? []
    return { all, byId: new Map(all.map((item) => [item.id, item])), loading: query.isPending, error: query.error }
  }, [query.data, query.isPending, query.error])
}

export function useUnitDirectory(): DirectoryView<Unit> {
  return useDirectory(UNIT_DIRECTORY, (signal) => orgApi.listUnits({}, signal))
}

export function useAgencyDirectory(): DirectoryView<Agency> {
  return useDirectory(AGENCY_DIRECTORY, (signal) => orgApi.listAgencies({}, signal))
}

type Option = { value: string; label: string }

/** Picker options of every unit, by name, with code and validity. */
export function useUnitOptions(): Option[] {
  const { t } = useTranslation()
  const { all } = useUnitDirectory()
  const openEnded = t('validity.openEnded')
  return useMemo(() => [...all].sort(byName).map((unit) => unitOption(unit, openEnded)), [all, openEnded])
}

/** Picker options of every agency, by name, with identity code and validity. */
export function useAgencyOptions(): Option[] {
  const { t } = useTranslation()
  const { all } = useAgencyDirectory()
  const openEnded = t('validity.openEnded')
  return useMemo(() => [...all].sort(byName).map((agency) => agencyOption(agency, openEnded)), [all, openEnded])
}
