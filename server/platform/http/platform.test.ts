import { Writable } from 'node:stream'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts'
import { REDACTED_PATHS, loggerOptions } from '../logger.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '5' })
})
afterAll(() => t.close())

describe('platform', () => {
  it('answers health with the database kind once migrations are applied', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ status: 'ok', database: t.database.kind, version: expect.any(String), dependencies: { database: 'up' } })
  })

  it('publishes an OpenAPI 3.1 document built from the route schemas, and a browsable UI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json()
    expect(spec.openapi).toBe('3.1.0')
    expect(spec.paths['/api/agencies/{id}'].patch.requestBody).toBeDefined()
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(ui.statusCode).toBe(200)
    expect(ui.headers['content-type']).toContain('text/html')
  })

  it('sends security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(response.headers['content-security-policy']).toContain("default-src 'self'")
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('marks every API answer no-store, the CSRF-bearing /api/auth/me and problems included, unless a route says otherwise', async () => {
    const session = await t.signIn('quantri')
    for (const url of ['/api/auth/me', '/api/agencies', '/api/health', '/api/nowhere']) {
      const response = await t.app.inject({ method: 'GET', url, headers: session, remoteAddress: '10.8.8.8' })
      expect(response.headers['cache-control'], url).toBe('no-store')
    }
    const refused = await t.app.inject({ method: 'GET', url: '/api/agencies' })
    expect(refused.statusCode).toBe(401)
    expect(refused.headers['cache-control']).toBe('no-store')
    // A public, versioned document may be cached: its route says so.
    const schema = await t.app.inject({ method: 'GET', url: '/api/procedures/package.schema.json', remoteAddress: '10.8.8.9' })
    expect(schema.headers['cache-control']).toBe('public, max-age=3600')
  })

  it('rate-limits public routes with a problem answer', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) statuses.push((await t.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.9.9.9' })).statusCode)
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200])
    const limited = await t.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.9.9.9' })
    expect(limited.statusCode).toBe(429)
    expect(limited.json().code).toBe('request.rate_limited')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    // Another client is not affected.
    expect((await t.app.inject({ method: 'GET', url: '/api/health', remoteAddress: '10.9.9.10' })).statusCode).toBe(200)
  })

  it('keeps passwords, cookies, tokens and names out of the logs', async () => {
    const lines: string[] = []
    const sink = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done() } })
    const logger = pino(loggerOptions('info') as pino.LoggerOptions, sink)
    logger.info({ req: { method: 'POST', url: '/api/auth/sign-in?username=quantri', id: 'r1', headers: { cookie: 'cchc_session=secret', authorization: 'Bearer cchc_x' } } }, 'incoming')
    logger.info({ body: { username: 'quantri', password: TEST_PASSWORD, email: 'a@b.vn', fullName: 'Nguyễn Văn A' } }, 'payload')
    const text = lines.join('')
    for (const secret of ['quantri', TEST_PASSWORD, 'a@b.vn', 'Nguyễn Văn A', 'cchc_session=secret', 'Bearer cchc_x']) expect(text).not.toContain(secret)
    expect(REDACTED_PATHS).toContain('*.password')
  })
})
