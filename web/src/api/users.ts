/** Officials' accounts and roles. */
import type { Static } from 'typebox'
import type {
  CreateUserBody,
  ResetPasswordBody,
  RoleInfo as RoleInfoSchema,
  SetRolesBody,
  UpdateUserBody,
  UserListQuery,
  UserSummary,
} from '../../../contracts/org.ts'
import { api, apiPath } from './client.ts'

export type RoleInfo = Static<typeof RoleInfoSchema>
export interface UserPage {
  items: UserSummary[]
  total: number
}

export const usersApi = {
  list: (query: UserListQuery, signal?: AbortSignal) => api.get<UserPage>('/api/users', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<UserSummary>(apiPath('users', id), undefined, signal),
  create: (body: CreateUserBody) => api.post<UserSummary>('/api/users', body),
  /** `rowVersion`: the version the form was filled from (If-Match). */
  update: (id: string, body: UpdateUserBody, rowVersion: number) => api.patch<UserSummary>(apiPath('users', id), body, rowVersion),
  setRoles: (id: string, body: SetRolesBody) => api.put<UserSummary>(apiPath('users', id, 'roles'), body),
  resetPassword: (id: string, body: ResetPasswordBody) => api.post<void>(apiPath('users', id, 'password'), body),
  unlockSignIn: (id: string) => api.post<UserSummary>(apiPath('users', id, 'sign-in-unlock'), undefined),
  roles: (signal?: AbortSignal) => api.get<RoleInfo[]>('/api/roles', undefined, signal),
}
