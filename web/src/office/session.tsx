/**
 * The signed-in official. Asks GET /api/auth/me once, keeps the CSRF token for the API client,
 * and drops the session whenever the API answers 401 auth.unauthenticated.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { CurrentUser } from '../../../contracts/auth.ts'
import { authApi } from '../api/auth.ts'
import { isApiError, onUnauthenticated, setCsrfToken } from '../api/client.ts'
import type { Permission } from './catalog.ts'
import { clearDirectories } from './org/directories.ts'

/** Why the official is looking at the sign-in page (shown there as a message). */
export type SignOutNotice = { kind: 'signedOut' } | { kind: 'signedOutEverywhere'; sessionsClosed: number } | { kind: 'expired' }

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; notice?: SignOutNotice }
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

/**
 * A non-secret hint that this browser signed in before. Without it there is no session cookie to
 * check (the cookie itself is HttpOnly), so the sign-in page shows at once instead of after a 401.
 */
const SESSION_HINT_KEY = 'cchc.hasSession'

function readSessionHint(): boolean {
  try {
    return window.localStorage.getItem(SESSION_HINT_KEY) === '1'
  } catch {
    return true // storage unavailable: ask the server
  }
}

function writeSessionHint(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(SESSION_HINT_KEY, '1')
    else window.localStorage.removeItem(SESSION_HINT_KEY)
  } catch {
    // storage unavailable: nothing to remember
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  const applyUser = useCallback((user: CurrentUser | null, notice?: SignOutNotice) => {
    setCsrfToken(user?.csrfToken ?? null)
    writeSessionHint(user !== null)
    clearDirectories()
    setState(user ? { status: 'signed-in', user } : { status: 'signed-out', ...(notice ? { notice } : {}) })
  }, [])

  useEffect(() => {
    if (attempt === 0 && !readSessionHint()) {
      setState({ status: 'signed-out' })
      return
    }
    const controller = new AbortController()
    setState({ status: 'loading' })
    authApi.me(controller.signal).then(
      (user) => applyUser(user),
      (error: unknown) => {
        if (controller.signal.aborted) return
        // This browser had a session (the hint says so) that the server no longer knows.
        if (isApiError(error) && error.status === 401) applyUser(null, readSessionHint() ? { kind: 'expired' } : undefined)
        else setState({ status: 'failed', error })
      },
    )
    return () => controller.abort()
  }, [applyUser, attempt])

  // A 401 while signed in means the session expired or was closed elsewhere.
  const statusRef = useRef(state.status)
  statusRef.current = state.status
  useEffect(
    () =>
      onUnauthenticated(() => {
        if (statusRef.current === 'signed-in') applyUser(null, { kind: 'expired' })
      }),
    [applyUser],
  )

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
        applyUser(null, { kind: 'signedOut' })
      },
      signOutEverywhere: async () => {
        const { sessionsClosed } = await authApi.signOutEverywhere()
        applyUser(null, { kind: 'signedOutEverywhere', sessionsClosed })
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

/** Whether the official holds a permission at unit level (over a unit's governing agency, ADR 0008). */
export function useCanInUnits(permission: Permission): boolean {
  return (useCurrentUser().unitPermissions ?? []).includes(permission)
}
