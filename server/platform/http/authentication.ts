/**
 * Credentials → `request.actor`. An `Authorization: Bearer` API token or the session cookie;
 * cookie-authenticated writes must also carry the session's CSRF token in `x-csrf-token`.
 * Routes opt in with `onRequest: app.authenticate`; anything else is public.
 *
 * API tokens are refused on every route unless the route names, in `config.tokenPermission`, the
 * permission a token must hold (somewhere) to call it — and the token must still hold it: a token
 * whose issuer lost their roles can call nothing. Session-only actions (the signed-in official's
 * own account, sessions and tokens) simply name none. Services still check scope on every record.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hasPermissionAnywhere, type Actor, type RequestContext } from '../auth/actor.ts'
import type { Permission } from '../auth/roles.ts'
import { safeEqual } from '../auth/tokens.ts'
import { createReadCache } from '../cache/read-cache.ts'
import type { Clock } from '../clock.ts'
import { AppError } from '../errors.ts'

export interface CredentialResolver {
  resolveSession(token: string): Promise<{ actor: Actor; csrfToken: string } | null>
  resolveApiToken(secret: string): Promise<Actor | null>
}

export interface SessionCookieOptions {
  secure: boolean
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission an API token must hold to call this route; absent: tokens are refused. */
    tokenPermission?: Permission
  }
  interface FastifyRequest {
    actor: Actor | null
    csrfToken: string | null
  }
  interface FastifyInstance {
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
    sessionCookieName: string
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function sessionCookieName(secure: boolean): string {
  // The __Host- prefix (Secure, Path=/, no Domain) stops sibling subdomains from planting a cookie.
  return secure ? '__Host-cchc_session' : 'cchc_session'
}

/** The use-case context of an authenticated request. */
export function requestContext(request: FastifyRequest): RequestContext {
  if (!request.actor) throw new AppError('auth.unauthenticated')
  return { actor: request.actor, requestId: request.id, ip: request.ip ?? null }
}

/**
 * The actor behind a credential is cached for `cacheMs` (ADR 0018): most requests then cost no
 * database round trip for authentication. Sign-out, revocation and any change to a user, a role,
 * an agency or a unit empty the cache of this process at once (they are audited); another process
 * sees them within `cacheMs`.
 */
const CREDENTIAL_SUBJECTS = ['session', 'api_token', 'user', 'agency', 'admin_unit'] as const

export const authenticationPlugin = fp<{ resolver: CredentialResolver; cookie: SessionCookieOptions; clock: Clock; cacheMs: number }>(
  async (app: FastifyInstance, { resolver: source, cookie, clock, cacheMs }) => {
    const sessions = createReadCache<string, { actor: Actor; csrfToken: string }>({ name: 'auth.sessions', subjects: CREDENTIAL_SUBJECTS, ttlMs: cacheMs, clock })
    const tokens = createReadCache<string, Actor>({ name: 'auth.api_tokens', subjects: CREDENTIAL_SUBJECTS, ttlMs: cacheMs, clock })
    app.addHook('onClose', async () => {
      sessions.dispose()
      tokens.dispose()
    })
    const resolver: CredentialResolver = {
      resolveSession: (token) => sessions.get(token, () => source.resolveSession(token)),
      resolveApiToken: (secret) => tokens.get(secret, () => source.resolveApiToken(secret)),
    }
    const cookieName = sessionCookieName(cookie.secure)
    app.decorateRequest('actor', null)
    app.decorateRequest('csrfToken', null)
    app.decorate('sessionCookieName', cookieName)

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const authorization = request.headers.authorization
      if (authorization !== undefined) {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization)
        const actor = match?.[1] ? await resolver.resolveApiToken(match[1]) : null
        if (!actor) throw new AppError('auth.unauthenticated')
        const required = request.routeOptions.config.tokenPermission
        if (!required) throw new AppError('auth.token_not_allowed')
        if (!hasPermissionAnywhere(actor, required)) throw new AppError('auth.forbidden')
        request.actor = actor
        return
      }
      const token = request.cookies[cookieName]
      const session = token ? await resolver.resolveSession(token) : null
      if (!session) throw new AppError('auth.unauthenticated')
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers['x-csrf-token']
        if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) throw new AppError('auth.csrf_failed')
      }
      request.actor = session.actor
      request.csrfToken = session.csrfToken
    })
  },
  { name: 'cchc-authentication', dependencies: ['@fastify/cookie'] },
)
