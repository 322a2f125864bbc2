/**
 * Name look-ups for administrative units and agencies across all dates (for parent names,
 * predecessor/successor links, pickers). Each is one request per session, shared by every page,
 * and refreshed after a write that changes it.
 */
import { useMemo, useSyncExternalStore } from 'react'
import type { Agency, Unit } from '../../../../contracts/org.ts'
import { orgApi } from '../../api/org.ts'
import { useResource } from '../../ui/useResource.ts'

interface Directory<T> {
  promise: Promise<T[]> | null
  version: number
  listeners: Set<() => void>
}

function createDirectory<T>(load: () => Promise<T[]>) {
  const directory: Directory<T> = { promise: null, version: 0, listeners: new Set() }
  return {
    load(): Promise<T[]> {
      if (!directory.promise) {
        directory.promise = load()
        directory.promise.catch(() => {
          directory.promise = null
        })
      }
      return directory.promise
    },
    invalidate(): void {
      directory.promise = null
      directory.version += 1
      for (const listener of directory.listeners) listener()
    },
    subscribe(listener: () => void): () => void {
      directory.listeners.add(listener)
      return () => directory.listeners.delete(listener)
    },
    version: () => directory.version,
  }
}

const units = createDirectory<Unit>(() => orgApi.listUnits({}))
const agencies = createDirectory<Agency>(() => orgApi.listAgencies({}))

export const invalidateUnitDirectory = units.invalidate
export const invalidateAgencyDirectory = agencies.invalidate

/** Forget everything (another official may sign in next). */
export function clearDirectories(): void {
  units.invalidate()
  agencies.invalidate()
}

export interface DirectoryView<T> {
  all: T[]
  byId: Map<string, T>
  loading: boolean
  error: unknown
}

function useDirectory<T extends { id: string }>(directory: ReturnType<typeof createDirectory<T>>): DirectoryView<T> {
  const version = useSyncExternalStore(directory.subscribe, directory.version)
  const resource = useResource(() => directory.load(), [version])
  return useMemo(() => {
    const all = resource.data ?? []
    return { all, byId: new Map(all.map((item) => [item.id, item])), loading: resource.loading, error: resource.error }
  }, [resource.data, resource.loading, resource.error])
}

export function useUnitDirectory(): DirectoryView<Unit> {
  return useDirectory(units)
}

export function useAgencyDirectory(): DirectoryView<Agency> {
  return useDirectory(agencies)
}
