/**
 * Loads data for a component: re-runs when `deps` change, aborts the previous request, and keeps
 * loading/error state. `reload()` fetches again; `setData` applies a local update after a write.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react'

export interface Resource<T> {
  data: T | undefined
  error: unknown
  loading: boolean
  reload: () => void
  setData: (data: T) => void
}

export function useResource<T>(load: ((signal: AbortSignal) => Promise<T>) | null, deps: DependencyList): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined)
  const [error, setError] = useState<unknown>(null)
  const [loading, setLoading] = useState(load !== null)
  const [generation, setGeneration] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    const current = loadRef.current
    if (!current) {
      setLoading(false)
      return
    }
    const controller = new AbortController()
    setLoading(true)
    setError(null)
    current(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return
        setData(value)
        setLoading(false)
      },
      (reason: unknown) => {
        if (controller.signal.aborted) return
        setError(reason)
        setLoading(false)
      },
    )
    return () => controller.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers pass the inputs of `load` as deps
  }, [...deps, generation])

  const reload = useCallback(() => setGeneration((g) => g + 1), [])
  return { data, error, loading, reload, setData }
}
