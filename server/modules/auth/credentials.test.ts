/**
 * Credentials carry their unit, so the per-request lookup reads one shard on Citus (ADR 0015):
 * the lookup filters by unit and hash; a credential of the old formats, with another unit written
 * in, or with no unit at all is refused as unauthenticated (401, never 500), and sessions still
 * need their CSRF token on writes.
 */
import { PostgresQueryCompiler, type KyselyPlugin } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyedHash, randomToken } from '../../platform/auth/tokens.ts'
import { buildTestApp, sessionCookie, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts'
import { findApiToken, findSessionByToken } from './auth.repository.ts'
import { apiTokenUnit, newApiToken, newSessionToken, sessionTokenUnit } from './credentials.ts'

const UNIT = '0b0c4a4e-8a8f-4b8e-9d7c-2f1e5a6b7c8d'

describe('credential formats', () => {
  it('reads the unit back from what it issues', () => {
    const session = newSessionToken(UNIT)
    expect(session).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/)
    expect(sessionTokenUnit(session)).toBe(UNIT)
    const token = newApiToken(UNIT)
    expect(token.secret.startsWith(`${token.prefix}.${UNIT}.`)).toBe(true)
    expect(token.prefix).toMatch(/^cchc_[A-Za-z0-9_-]{8}$/)
    expect(apiTokenUnit(token.secret)).toBe(UNIT)
    expect(newSessionToken(UNIT)).not.toBe(session)
  })

  it('reads no unit from anything else', () => {
    for (const value of ['', randomToken(), `${UNIT}.`, `${UNIT}.${randomToken()}x`, `${UNIT.toUpperCase()}.${randomToken()}`, `not-a-uuid.${randomToken()}`, `${UNIT}.${randomToken()}.${randomToken()}`, `${UNIT}\n.${randomToken()}`]) {
      expect(sessionTokenUnit(value), JSON.stringify(value)).toBeNull()
    }
    const { secret } = newApiToken(UNIT)
    for (const value of ['cchc_', `cchc_${randomToken(6)}_${randomToken(32)}`, secret.replace('cchc_', 'xxxx_'), `${secret}x`, secret.replace(UNIT, 'x'.repeat(36)), `Bearer ${secret}`, newSessionToken(UNIT)]) {
      expect(apiTokenUnit(value), JSON.stringify(value)).toBeNull()
    }
  })
})

describe('credentials over HTTP', () => {
  let t: TestApp
  let otherUnit: string
  beforeAll(async () => {
    t = await buildTestApp()
    otherUnit = await t.unitId('Xã Phú Lạc')
  })
  afterAll(() => t.close())
  const me = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers })
  const hash = (kind: string, value: string) => keyedHash(t.config.sessionSecret, `${kind}:${value}`)

  it("issues a session cookie that carries the unit of the official's agency, and keeps CSRF on writes", async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'tiepnhan.binhlac', password: TEST_PASSWORD } })
    const cookie = sessionCookie(response)
    const value = cookie.slice(cookie.indexOf('=') + 1)
    const unitId = await t.unitId('Xã Bình Lạc')
    expect(sessionTokenUnit(value)).toBe(unitId)
    const stored = await t.database.db.selectFrom('sessions').select(['unit_id', 'token_hash']).where('token_hash', '=', hash('session', value)).executeTakeFirstOrThrow()
    expect(stored.unit_id).toBe(unitId)
    expect((await me({ cookie })).statusCode).toBe(200)
    // A write with the cookie alone is refused; with the session's CSRF token it passes.
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie } })).json().code).toBe('auth.csrf_failed')
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie, 'x-csrf-token': response.json().csrfToken } })).statusCode).toBe(204)
    expect((await me({ cookie })).statusCode).toBe(401)
  })

  it('refuses a session cookie with another unit written in, of the old format, or of no format, with 401', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'tiepnhan.binhlac', password: TEST_PASSWORD } })
    const [name, value] = sessionCookie(response).split('=') as [string, string]
    const secret = value.slice(value.indexOf('.') + 1)
    // The same secret under another unit: its HMAC matches no session.
    const moved = await me({ cookie: `${name}=${otherUnit}.${secret}` })
    expect(moved.statusCode).toBe(401)
    expect(moved.json().code).toBe('auth.unauthenticated')
    // A session of the old format (a bare random token) whose hash is stored: no longer a credential.
    const old = randomToken()
    const session = await t.database.db.selectFrom('sessions').selectAll().where('token_hash', '=', hash('session', value)).executeTakeFirstOrThrow()
    await t.database.db.insertInto('sessions').values({ ...session, id: undefined, token_hash: hash('session', old) } as never).execute()
    expect((await me({ cookie: `${name}=${old}` })).statusCode).toBe(401)
    for (const junk of ['x.y', `nope.${secret}`, `${'f'.repeat(8)}-ffff-ffff-ffff-${'f'.repeat(12)}.${secret}`, '%00', 'a'.repeat(5000)]) {
      const answer = await me({ cookie: `${name}=${junk}` })
      expect(answer.statusCode, junk.slice(0, 40)).toBe(401)
    }
    expect((await me({ cookie: `${name}=${value}` })).statusCode).toBe(200)
  })

  it('issues API tokens carrying their unit and refuses the old format or another unit with 401', async () => {
    const admin = await t.signIn('quantri.binhlac')
    const agencyId = await t.agencyId('Ủy ban nhân dân xã Bình Lạc')
    const created = await t.app.inject({ method: 'POST', url: '/api/api-tokens', headers: admin, payload: { name: 'format', agencyId, permissions: ['org.read'] } })
    expect(created.statusCode).toBe(201)
    const { secret, token } = created.json() as { secret: string; token: { id: string; tokenPrefix: string } }
    expect(apiTokenUnit(secret)).toBe(await t.unitId('Xã Bình Lạc'))
    const agencies = (authorization: string) => t.app.inject({ method: 'GET', url: '/api/agencies', headers: { authorization } })
    expect((await agencies(`Bearer ${secret}`)).statusCode).toBe(200)
    expect((await agencies(`Bearer ${secret.replace(apiTokenUnit(secret)!, otherUnit)}`)).statusCode).toBe(401)
    // An old-format token (cchc_<prefix>_<secret>) whose hash is stored: no longer a credential.
    const old = `${token.tokenPrefix}_${randomToken(32)}`
    await t.database.db.updateTable('api_tokens').set({ token_hash: hash('api-token', old) }).where('id', '=', token.id).execute()
    const refused = await agencies(`Bearer ${old}`)
    expect(refused.statusCode).toBe(401)
    expect(refused.json().code).toBe('auth.unauthenticated')
  })

  it('looks sessions and tokens up by unit and hash: one shard on Citus', async () => {
    const compiled: string[] = []
    const compiler = new PostgresQueryCompiler()
    const plugin: KyselyPlugin = {
      transformQuery({ node, queryId }) {
        compiled.push(compiler.compileQuery(node, queryId).sql)
        return node
      },
      transformResult: async ({ result }) => result,
    }
    const db = t.database.db.withPlugin(plugin)
    await findSessionByToken(db, UNIT, 'h', new Date())
    await findApiToken(db, UNIT, 'h', new Date())
    expect(compiled).toHaveLength(2)
    expect(compiled[0]).toMatch(/where "sessions"\."unit_id" = \$1 and "sessions"\."token_hash" = \$2/)
    expect(compiled[1]).toMatch(/where "api_tokens"\."unit_id" = \$1 and "api_tokens"\."token_hash" = \$2/)
  })
})
