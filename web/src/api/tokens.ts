/** API tokens for machine clients; types derived from the route table (routes.ts). */
import type { Static } from 'typebox'
import type { CreateApiTokenBody, CreatedApiToken as CreatedApiTokenSchema } from '../../../contracts/auth.ts'
import { callApi, routes } from './routes.ts'

export type CreatedApiToken = Static<typeof CreatedApiTokenSchema>

export const tokensApi = {
  list: (signal?: AbortSignal) => callApi(routes.listApiTokens, { signal }),
  create: (body: CreateApiTokenBody) => callApi(routes.createApiToken, { body }),
  revoke: (id: string) => callApi(routes.revokeApiToken, { params: { id } }),
}
