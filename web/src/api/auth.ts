/** Sign-in, session and own-password calls; types derived from the route table (routes.ts). */
import type { ChangePasswordBody, SignInBody } from '../../../contracts/auth.ts'
import { callApi, routes } from './routes.ts'

export const authApi = {
  signIn: (body: SignInBody) => callApi(routes.signIn, { body }),
  me: (signal?: AbortSignal) => callApi(routes.me, { signal }),
  signOut: () => callApi(routes.signOut),
  signOutEverywhere: () => callApi(routes.signOutEverywhere),
  changePassword: (body: ChangePasswordBody) => callApi(routes.changePassword, { body }),
}
