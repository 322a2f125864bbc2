/** Officials' accounts and roles; types derived from the route table (routes.ts). */
import type { Static } from 'typebox'
import type { CreateUserBody, ResetPasswordBody, RoleInfo as RoleInfoSchema, SetRolesBody, UpdateUserBody, UserListQuery } from '../../../contracts/org.ts'
import type { UserPage as UserPageSchema } from './inlineSchemas.ts'
import { callApi, routes } from './routes.ts'

export type RoleInfo = Static<typeof RoleInfoSchema>
export type UserPage = Static<typeof UserPageSchema>

export const usersApi = {
  list: (query: UserListQuery, signal?: AbortSignal) => callApi(routes.listUsers, { query, signal }),
  get: (id: string, signal?: AbortSignal) => callApi(routes.getUser, { params: { id }, signal }),
  create: (body: CreateUserBody) => callApi(routes.createUser, { body }),
  /** `rowVersion`: the version the form was filled from (If-Match). */
  update: (id: string, body: UpdateUserBody, rowVersion: number) => callApi(routes.updateUser, { params: { id }, body, ifMatch: rowVersion }),
  setRoles: (id: string, body: SetRolesBody) => callApi(routes.setUserRoles, { params: { id }, body }),
  resetPassword: (id: string, body: ResetPasswordBody) => callApi(routes.resetUserPassword, { params: { id }, body }),
  unlockSignIn: (id: string) => callApi(routes.unlockUserSignIn, { params: { id } }),
  roles: (signal?: AbortSignal) => callApi(routes.listRoles, { signal }),
}
