/** HTTP surface of API tokens. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ApiToken, CreateApiTokenBody, CreatedApiToken } from '../../../contracts/auth.ts'
import { IdParams } from '../../../contracts/common.ts'
import { assertPermissionAnywhere } from '../../platform/auth/actor.ts'
import { requestContext } from '../../platform/http/authentication.ts'
import type { ApiTokenService } from './api-tokens.service.ts'

export const apiTokenRoutes: FastifyPluginAsyncTypebox<{ tokens: ApiTokenService }> = async (app, { tokens }) => {
  app.addHook('onRequest', app.authenticate)
  app.addHook('preHandler', async (request) => assertPermissionAnywhere(requestContext(request).actor, 'token.manage'))

  app.get('/api-tokens', { schema: { tags: ['api-tokens'], response: { 200: Type.Array(ApiToken) } } }, (request) => tokens.listTokens(requestContext(request)))
  app.post('/api-tokens', { schema: { tags: ['api-tokens'], summary: 'Issue a token (the secret is shown once)', body: CreateApiTokenBody, response: { 201: CreatedApiToken } } }, async (request, reply) =>
    reply.code(201).send(await tokens.createToken(requestContext(request), request.body)),
  )
  app.delete('/api-tokens/:id', { schema: { tags: ['api-tokens'], summary: 'Revoke a token', params: IdParams, response: { 204: Type.Null() } } }, async (request, reply) => {
    await tokens.revokeToken(requestContext(request), request.params.id)
    return reply.code(204).send(null)
  })
}
