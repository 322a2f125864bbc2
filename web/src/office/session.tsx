/**
 * The signed-in official. Asks GET /api/auth/me once, keeps the CSRF token for the API client,
 * and drops the session whenever the API answers 401 auth.unauthenticated.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { CurrentUser } from '../../../contracts/auth.ts'
import { authApi } from '../api/auth.ts'
import { isApiError, onUnauthenticated, setCsrfToken } from '../api/client.ts'
import type { Permission } from './catalog.ts'
import { clearDirectories } from './org/directories.ts'

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'failed'; error: unknown }
  | { status: 'signed-in'; user: CurrentUser }

interface SessionContextValue {
  state: SessionState
  /** Called by the sign-in page with the server's answer. */
  signedIn: (user: CurrentUser) => void
  signOut: () => Promise<void>
  /** Ends every session of this official (this one included); resolves to how many were closed. */
  signOutEverywhere: () => Promise<number>
  retry: () => void
}

const SessionContext = createContext<SessionContextValue | null>(null)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  const applyUser = useCallback((user: CurrentUser | null) => {
    setCsrfToken(user?.csrfToken ?? null)
    clearDirectories()
    setState(user ? { status: 'signed-in', user } : { status: 'signed-out' })
  }, [])

  useEffect(() => {
    const controller = new AbortController()
    setState({ status: 'loading' })
    authApi.me(controller.signal).then(
      (user) => applyUser(user),
      (error: unknown) => {
        if (controller.signal.aborted) return
        if (isApiError(error) && error.status === 401) applyUser(null)
        else setState({ status: 'failed', error })
      },
    )
    return () => controller.abort()
  }, [applyUser, attempt])

  useEffect(() => onUnauthenticated(() => applyUser(null)), [applyUser])

  const value = useMemo<SessionContextValue>(
    () => ({
      state,
      signedIn: (user) => applyUser(user),
      signOut: async () => {
        try {
          await authApi.signOut()
        } catch (error) {
          if (!isApiError(error) || error.status !== 401) throw error
        }
        applyUser(null)
      },
      signOutEverywhere: async () => {
        const { sessionsClosed } = await authApi.signOutEverywhere()
        applyUser(null)
        return sessionsClosed
      },
      retry: () => setAttempt((n) => n + 1),
    }),
    [state, applyUser],
  )

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): SessionContextValue {
  const context = useContext(SessionContext)
  if (!context) throw new Error('useSession must be used inside <SessionProvider>')
  return context
}

/** The signed-in official; only for components rendered behind <RequireSession>. */
export function useCurrentUser(): CurrentUser {
  const { state } = useSession()
  if (state.status !== 'signed-in') throw new Error('useCurrentUser needs a signed-in session')
  return state.user
}

export function hasPermission(user: CurrentUser, permission: Permission): boolean {
  return user.permissions.includes(permission)
}

/** Whether the signed-in official holds a permission (somewhere in their scope). */
export function useCan(permission: Permission): boolean {
  return hasPermission(useCurrentUser(), permission)
}
