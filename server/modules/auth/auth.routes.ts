/** HTTP surface of sign-in, sessions and password change. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { ChangePasswordBody, CurrentUser, SignInBody } from '../../../contracts/auth.ts'
import { requestContext } from '../../platform/http/authentication.ts'
import { AppError } from '../../platform/errors.ts'
import type { AuthService } from './auth.service.ts'

export interface AuthRoutesOptions {
  auth: AuthService
  cookieSecure: boolean
  /** Rate limit applied to the public sign-in route. */
  signInRateLimit: { max: number; timeWindow: string }
}

export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { auth, cookieSecure, signInRateLimit }) => {
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: cookieSecure }

  app.post(
    '/auth/sign-in',
    {
      schema: { tags: ['auth'], summary: 'Sign in with user name and password', body: SignInBody, response: { 200: CurrentUser } },
      config: { rateLimit: signInRateLimit },
    },
    async (request, reply) => {
      const result = await auth.signIn({ ...request.body, requestId: request.id, ip: request.ip ?? null })
      const resolved = await auth.resolveSession(result.sessionToken)
      if (!resolved) throw new AppError('auth.unauthenticated')
      void reply.setCookie(app.sessionCookieName, result.sessionToken, { ...cookieOptions, expires: result.expiresAt })
      return auth.currentUser(resolved.actor, resolved.csrfToken)
    },
  )

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in official', response: { 200: CurrentUser } }, onRequest: app.authenticate },
    async (request) => {
      const actor = requestContext(request).actor
      return auth.currentUser(actor, request.csrfToken ?? '')
    },
  )

  app.post(
    '/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'End this session', response: { 204: Type.Null() } }, onRequest: app.authenticate },
    async (request, reply) => {
      await auth.signOut(requestContext(request))
      void reply.clearCookie(app.sessionCookieName, cookieOptions)
      return reply.code(204).send(null)
    },
  )

  app.post(
    '/auth/sign-out-everywhere',
    {
      schema: { tags: ['auth'], summary: 'End every session of the signed-in official', response: { 200: Type.Object({ sessionsClosed: Type.Integer() }) } },
      onRequest: app.authenticate,
    },
    async (request, reply) => {
      const sessionsClosed = await auth.signOutEverywhere(requestContext(request))
      void reply.clearCookie(app.sessionCookieName, cookieOptions)
      return { sessionsClosed }
    },
  )

  app.post(
    '/auth/password',
    { schema: { tags: ['auth'], summary: 'Change one\'s own password (ends the other sessions)', body: ChangePasswordBody, response: { 204: Type.Null() } }, onRequest: app.authenticate },
    async (request, reply) => {
      await auth.changePassword(requestContext(request), request.body)
      return reply.code(204).send(null)
    },
  )
}
