/**
 * API tokens act only within their rights, on every route: a route names the permission a token
 * needs (`config.tokenPermission`) or refuses tokens, and a token whose issuer lost their roles can
 * call nothing. Routes come from the OpenAPI document, so a new route is covered at once.
 */
import type { HTTPMethods } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type SessionHeaders, type TestApp } from '../../test/test-app.ts'

let t: TestApp
let provinceAdmin: SessionHeaders
let routes: Array<{ method: HTTPMethods; path: string; url: string }>
const ids: Record<string, string> = {}

/** Routes only a signed-in official may call: their own account, sessions and tokens. */
const SESSION_ONLY = new Set([
  'GET /api/auth/me',
  'POST /api/auth/sign-out',
  'POST /api/auth/sign-out-everywhere',
  'POST /api/auth/password',
  'GET /api/me/agency',
  'GET /api/api-tokens',
  'POST /api/api-tokens',
  'DELETE /api/api-tokens/{id}',
])

beforeAll(async () => {
  t = await buildTestApp()
  provinceAdmin = await t.signIn('quantri')
  ids.agency = await t.agencyId('Ủy ban nhân dân xã Phú Lạc')
  ids.unit = await t.unitId('Xã Phú Lạc')
  ids.user = await t.userId('tiepnhan.phulac')
  ids.procedure = (await t.database.db.selectFrom('procedures').select('id').limit(1).executeTakeFirstOrThrow()).id
  const spec = t.app.swagger() as { paths: Record<string, Record<string, { security?: unknown }>> }
  const publicPaths = (path: string) => path.startsWith('/api/public/') || ['/api/health', '/api/auth/sign-in', '/api/procedures/package.schema.json'].includes(path)
  routes = Object.entries(spec.paths)
    .filter(([path]) => path.startsWith('/api/') && !publicPaths(path))
    .flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({
        method: method.toUpperCase() as HTTPMethods,
        path,
        url: path
          .replace('{id}', path.startsWith('/api/units') ? ids.unit! : path.startsWith('/api/users') ? ids.user! : path.startsWith('/api/procedures') ? ids.procedure! : ids.agency!)
          .replace('{year}', '2026')
          .replace('{version}', '1')
          .replace('{jobId}', '6f1c1d2e-0000-4000-8000-000000000000'),
      })),
    )
})
afterAll(() => t.close())

async function issueToken(issuer: string, permissions: string[]): Promise<{ bearer: Record<string, string>; headers: SessionHeaders }> {
  const headers = await t.signIn(issuer)
  const created = await t.app.inject({ method: 'POST', url: '/api/api-tokens', headers, payload: { name: `t-${permissions.join('-')}`, agencyId: ids.agency, permissions } })
  expect(created.statusCode, created.body).toBe(201)
  return { bearer: { authorization: `Bearer ${created.json().secret}` }, headers }
}

describe('API tokens and route rights', () => {
  it('refuses tokens on session-only actions: sign-out-everywhere with a token leaves the browser sessions open', async () => {
    const { bearer, headers } = await issueToken('quantri.phulac', ['org.read', 'user.read', 'user.manage', 'token.manage', 'audit.read', 'org.manage'])
    for (const key of SESSION_ONLY) {
      const [method, path] = key.split(' ') as [HTTPMethods, string]
      const url = path.replace('{id}', ids.agency!)
      const response = await t.app.inject({ method, url, headers: bearer, ...(method === 'POST' ? { payload: {} } : {}) })
      expect(response.statusCode, `${key}: ${response.body}`).toBe(403)
      expect(response.json().code, key).toBe('auth.token_not_allowed')
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })).statusCode).toBe(200)
  })

  it('lets a token reach only the routes its permissions name', async () => {
    const { bearer } = await issueToken('quantri.phulac', ['org.read'])
    expect((await t.app.inject({ method: 'GET', url: '/api/agencies', headers: bearer })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/years/2026', headers: bearer })).statusCode).toBe(200)
    const users = await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer })
    expect(users.statusCode).toBe(403)
    expect(users.json().code).toBe('auth.forbidden')
    expect((await t.app.inject({ method: 'GET', url: '/api/procedures/drafts', headers: bearer })).statusCode).toBe(403)
  })

  it('answers nothing to a token whose issuer lost every role, on every route', async () => {
    const { bearer } = await issueToken('quantri.phulac', ['org.read', 'user.read', 'audit.read'])
    expect((await t.app.inject({ method: 'GET', url: '/api/agencies', headers: bearer })).statusCode).toBe(200)
    const issuerId = await t.userId('quantri.phulac')
    const stripped = await t.app.inject({ method: 'PUT', url: `/api/users/${issuerId}/roles`, headers: provinceAdmin, payload: { roles: [] } })
    expect(stripped.statusCode, stripped.body).toBe(200)
    expect(routes.length).toBeGreaterThan(30)
    for (const route of routes) {
      const response = await t.app.inject({ method: route.method, url: route.url, headers: bearer, ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}) })
      const label = `${route.method} ${route.path}: ${response.statusCode} ${response.body.slice(0, 200)}`
      expect(response.statusCode, label).toBe(403)
      expect(['auth.forbidden', 'auth.token_not_allowed'], label).toContain(response.json().code)
    }
  })

  it('lets a token that holds every permission call every route except the session-only ones', async () => {
    const { bearer } = await issueToken('quantri', ['org.read', 'org.manage', 'user.read', 'user.manage', 'token.manage', 'audit.read', 'calendar.manage', 'catalogue.manage'])
    const refused: string[] = []
    for (const route of routes.filter((r) => !SESSION_ONLY.has(`${r.method} ${r.path}`))) {
      // An empty body: routes that take one answer 400 at validation, after authentication let the token in.
      const response = await t.app.inject({ method: route.method, url: route.url, headers: bearer, ...(['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {}) })
      if (response.statusCode === 401 || (response.statusCode === 403 && response.json().code === 'auth.token_not_allowed')) refused.push(`${route.method} ${route.path}`)
    }
    expect(refused).toEqual([])
  })
})
