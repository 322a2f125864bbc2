/** Sign-in, session and own-password calls. */
import type { ChangePasswordBody, CurrentUser, SignInBody } from '../../../contracts/auth.ts'
import { api } from './client.ts'

export const authApi = {
  signIn: (body: SignInBody) => api.post<CurrentUser>('/api/auth/sign-in', body),
  me: (signal?: AbortSignal) => api.get<CurrentUser>('/api/auth/me', undefined, signal),
  signOut: () => api.post<void>('/api/auth/sign-out'),
  signOutEverywhere: () => api.post<{ sessionsClosed: number }>('/api/auth/sign-out-everywhere'),
  changePassword: (body: ChangePasswordBody) => api.post<void>('/api/auth/password', body),
}
