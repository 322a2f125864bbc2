/** Runs a write (form submit, button) and keeps its pending state and last error. */
import { useCallback, useRef, useState } from 'react'

export interface Action<Args extends unknown[], R> {
  run: (...args: Args) => Promise<R | undefined>
  pending: boolean
  error: unknown
  reset: () => void
}

export function useAction<Args extends unknown[], R>(perform: (...args: Args) => Promise<R>): Action<Args, R> {
  const [pending, setPending] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const performRef = useRef(perform)
  performRef.current = perform

  const run = useCallback(async (...args: Args) => {
    setPending(true)
    setError(null)
    try {
      return await performRef.current(...args)
    } catch (reason) {
      setError(reason)
      return undefined
    } finally {
      setPending(false)
    }
  }, [])

  const reset = useCallback(() => setError(null), [])
  return { run, pending, error, reset }
}
