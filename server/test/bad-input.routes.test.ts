/**
 * Bad input on every route, derived from the OpenAPI document so new routes are covered:
 * malformed JSON, unknown fields, wrong types, oversized bodies, ids that are not ids or do not
 * exist. Each gets a 4xx problem+json with a stable code, never a 500, and writes nothing.
 */
import type { HTTPMethods } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContent } from '../modules/procedures/test-fixtures.ts'
import { buildTestApp, type SessionHeaders, type TestApp } from './test-app.ts'

let t: TestApp
let admin: SessionHeaders
let routes: Array<{ method: HTTPMethods; path: string; hasBody: boolean; hasId: boolean }>

beforeAll(async () => {
  t = await buildTestApp({ BODY_LIMIT_BYTES: '4096' })
  admin = await t.signIn('quantri')
  const spec = t.app.swagger() as { paths: Record<string, Record<string, { requestBody?: unknown }>> }
  routes = Object.entries(spec.paths)
    .filter(([path]) => path.startsWith('/api/') && path !== '/api/auth/sign-in')
    .flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase() as HTTPMethods, path, hasBody: Boolean(operation.requestBody), hasId: path.includes('{id}') })),
    )
})
afterAll(() => t.close())

const auditCount = async () => (await t.database.db.selectFrom('audit_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
const MISSING = '6f1c1d2e-0000-4000-8000-000000000000'

function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): { code?: string } }, status: number, code: string, label: string) {
  expect(response.statusCode, label).toBe(status)
  expect(String(response.headers['content-type']), label).toContain('application/problem+json')
  expect(response.json().code, label).toBe(code)
}

describe('bad input on every route', () => {
  it('answers malformed JSON with request.malformed_json', async () => {
    const before = await auditCount()
    for (const r of routes.filter((r) => r.hasBody)) {
      const url = r.path.replace('{id}', MISSING).replace('{year}', '2027').replace('{version}', '1').replace('{document}', '0')
      const response = await t.app.inject({ method: r.method, url, headers: { ...admin, 'content-type': 'application/json' }, payload: '{"name": "x",' })
      expectProblem(response, 400, 'request.malformed_json', `${r.method} ${r.path}`)
    }
    expect(await auditCount()).toBe(before)
  })

  it('refuses unknown fields and wrong types, naming the field', async () => {
    const before = await auditCount()
    for (const r of routes.filter((r) => r.hasBody)) {
      const url = r.path.replace('{id}', MISSING).replace('{year}', '2027').replace('{version}', '1').replace('{document}', '0')
      const unknown = await t.app.inject({ method: r.method, url, headers: admin, payload: { surprise: true } })
      expectProblem(unknown, 400, 'request.invalid', `${r.method} ${r.path}`)
      expect(JSON.stringify(unknown.json().errors), `${r.method} ${r.path}`).toContain('surprise')
      const wrongType = await t.app.inject({ method: r.method, url, headers: admin, payload: [1, 2, 3] })
      expectProblem(wrongType, 400, 'request.invalid', `${r.method} ${r.path} (array body)`)
    }
    expect(await auditCount()).toBe(before)
  })

  it('refuses oversized bodies with 413', async () => {
    for (const r of routes.filter((r) => r.hasBody)) {
      const response = await t.app.inject({ method: r.method, url: r.path.replace('{id}', MISSING).replace('{year}', '2027').replace('{version}', '1').replace('{document}', '0'), headers: admin, payload: { name: 'x'.repeat(10_000) } })
      expectProblem(response, 413, 'request.body_too_large', `${r.method} ${r.path}`)
    }
  })

  it('refuses ids that are not UUIDs, and answers 404 for ids that do not exist', async () => {
    const valid: Record<string, unknown> = {
      'PATCH /api/units/{id}': { name: 'x' },
      'PATCH /api/agencies/{id}': { name: 'x' },
      'POST /api/agencies/{id}/identity-codes': { code: '000.09.09.H99', validFrom: '2026-01-01' },
      'PATCH /api/users/{id}': { displayName: 'x' },
      'PUT /api/users/{id}/roles': { roles: [] },
      'POST /api/users/{id}/password': { newPassword: 'long enough password' },
      'POST /api/procedures/{id}/versions': { content: sampleContent(), effectiveFrom: '2026-01-01' },
      'PUT /api/procedures/{id}/versions/{version}': { content: sampleContent(), effectiveFrom: '2026-01-01' },
      'PUT /api/procedures/{id}/agencies': { agencies: [] },
      'PUT /api/agencies/{id}/office-hours': { weekdaySessions: [{ start: '07:30', end: '11:30' }], saturdaySessions: [] },
    }
    const before = await auditCount()
    for (const r of routes.filter((r) => r.hasId)) {
      const key = `${r.method} ${r.path}`
      const payload = r.hasBody ? valid[key] : undefined
      expect(!r.hasBody || payload !== undefined, `no valid body listed for ${key}`).toBe(true)
      const notUuid = await t.app.inject({ method: r.method, url: r.path.replace('{id}', 'abc').replace('{year}', '2027').replace('{version}', '1').replace('{document}', '0'), headers: admin, ...(payload ? { payload: payload as object } : {}) })
      expectProblem(notUuid, 400, 'request.invalid', key)
      const query = key === 'GET /api/procedures/{id}/compare' ? '?from=1&to=2' : ''
      const missing = await t.app.inject({ method: r.method, url: r.path.replace('{id}', MISSING).replace('{year}', '2027').replace('{version}', '1').replace('{document}', '0') + query, headers: admin, ...(payload ? { payload: payload as object } : {}) })
      expect(missing.statusCode, key).toBe(404)
      expect(missing.json().code, key).toMatch(/not_found$/)
    }
    expect(await auditCount()).toBe(before)
  })

  it('refuses bodies that are not JSON', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/users', headers: { ...admin, 'content-type': 'text/plain' }, payload: 'hello' })
    expectProblem(response, 415, 'request.unsupported_media_type', 'text/plain body')
    const form = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=quantri&password=x' })
    expectProblem(form, 415, 'request.unsupported_media_type', 'form body')
  })

  it('answers unknown routes and bad query strings with problems', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/nowhere', headers: admin }), 404, 'route.not_found', 'unknown route')
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/users?limit=100000', headers: admin }), 400, 'request.invalid', 'limit too big')
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/units?validOn=31/12/2025', headers: admin }), 400, 'request.invalid', 'date format')
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/audit-entries?unknown=1', headers: admin }), 400, 'request.invalid', 'unknown query parameter')
  })

  it('answers every authenticated route with 401 without credentials', async () => {
    const publicRoutes = new Set(['/api/health', '/api/procedures/package.schema.json'])
    for (const r of routes.filter((r) => !publicRoutes.has(r.path) && !r.path.startsWith('/api/public/'))) {
      const response = await t.app.inject({ method: r.method, url: r.path.replace('{id}', MISSING).replace('{year}', '2027').replace('{version}', '1').replace('{document}', '0') })
      expectProblem(response, 401, 'auth.unauthenticated', `${r.method} ${r.path}`)
    }
  })
})

describe('domain validation', () => {
  it('refuses a period that ends before it starts, a kind of the wrong level and a duplicate user name', async () => {
    const province = await t.unitId('Tỉnh An Thịnh')
    const period = await t.app.inject({ method: 'POST', url: '/api/units', headers: admin, payload: { code: '99960', name: 'Xã X', level: 'commune', kind: 'commune', parentId: province, validFrom: '2026-05-01', validTo: '2026-01-01' } })
    expectProblem(period, 400, 'unit.invalid_period', 'period')
    const kind = await t.app.inject({ method: 'POST', url: '/api/units', headers: admin, payload: { code: '99961', name: 'Xã Y', level: 'commune', kind: 'district', parentId: province, validFrom: '2026-05-01' } })
    expectProblem(kind, 400, 'request.invalid', 'kind')
    const agencyId = await t.agencyId('Sở Nội vụ tỉnh An Thịnh')
    const duplicate = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'quantri.binhlac', displayName: 'X', agencyId, password: 'long enough password', roles: [] } })
    expectProblem(duplicate, 409, 'user.username_taken', 'duplicate')
    const badCode = await t.app.inject({ method: 'POST', url: `/api/agencies/${agencyId}/identity-codes`, headers: admin, payload: { code: 'H99.1', validFrom: '2026-01-01' } })
    expectProblem(badCode, 400, 'request.invalid', 'identity code format')
  })
})
