/** API tokens for machine clients. */
import type { Static } from 'typebox'
import type { ApiToken, CreateApiTokenBody, CreatedApiToken as CreatedApiTokenSchema } from '../../../contracts/auth.ts'
import { api, apiPath } from './client.ts'

export type CreatedApiToken = Static<typeof CreatedApiTokenSchema>

export const tokensApi = {
  list: (signal?: AbortSignal) => api.get<ApiToken[]>('/api/api-tokens', undefined, signal),
  create: (body: CreateApiTokenBody) => api.post<CreatedApiToken>('/api/api-tokens', body),
  revoke: (id: string) => api.delete(apiPath('api-tokens', id)),
}
