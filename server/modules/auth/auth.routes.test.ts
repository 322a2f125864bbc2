import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, sessionCookie, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp({ SIGN_IN_LOCK_AFTER: '3' })
})
afterAll(() => t.close())

const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, headers })

describe('sign-in', () => {
  it('opens a session with an HttpOnly SameSite=Strict cookie and returns the official with their agency', async () => {
    const response = await signIn('tiepnhan.binhlac', TEST_PASSWORD)
    expect(response.statusCode).toBe(200)
    const cookie = response.cookies.find((c) => c.name === 'cchc_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Strict')
    const body = response.json()
    expect(body.agency.name).toBe('Trung tâm Phục vụ hành chính công xã Bình Lạc')
    expect(body.permissions).toEqual(['org.read'])
    // A grant over a centre inside the commune carries no unit-level rights (ADR 0008).
    expect(body.unitPermissions).toEqual([])
    const admin = await signIn('quantri.binhlac', TEST_PASSWORD)
    expect(admin.json().unitPermissions).toContain('org.manage')
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: sessionCookie(response) } })
    expect(me.statusCode).toBe(200)
    expect(me.json().username).toBe('tiepnhan.binhlac')
  })

  it('gives a wrong user name and a wrong password the same answer', async () => {
    const unknown = await signIn('khong.ton.tai', 'whatever-password')
    const wrong = await signIn('chutich.phulac', 'whatever-password')
    expect(unknown.statusCode).toBe(401)
    expect(wrong.statusCode).toBe(401)
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined })
    expect(strip(unknown.json())).toEqual(strip(wrong.json()))
    expect(wrong.json().code).toBe('auth.invalid_credentials')
    expect(wrong.headers['set-cookie']).toBeUndefined()
  })

  it('locks an account name after repeated failures, even for the right password, and says when to retry', async () => {
    for (let i = 0; i < 3; i++) expect((await signIn('chuyenvien.binhlac', 'wrong-password')).statusCode).toBe(401)
    const locked = await signIn('chuyenvien.binhlac', TEST_PASSWORD)
    expect(locked.statusCode).toBe(429)
    expect(locked.json().code).toBe('auth.locked')
    expect(locked.json().retryAfterSeconds).toBeGreaterThan(0)
    // Unknown names lock the same way, so locking reveals nothing.
    for (let i = 0; i < 3; i++) await signIn('ghost.user', 'wrong-password')
    expect((await signIn('ghost.user', 'wrong-password')).json().code).toBe('auth.locked')
    // After the lock expires, the right password works again.
    t.clock.advance(16 * 60_000)
    expect((await signIn('chuyenvien.binhlac', TEST_PASSWORD)).statusCode).toBe(200)
    t.clock.advance(-16 * 60_000)
  })

  it('refuses a disabled account with the same answer as a wrong password', async () => {
    await t.database.db.updateTable('users').set({ status: 'disabled' }).where('username', '=', 'tiepnhan.phulac').execute()
    const response = await signIn('tiepnhan.phulac', TEST_PASSWORD)
    expect(response.statusCode).toBe(401)
    expect(response.json().code).toBe('auth.invalid_credentials')
  })

  it('answers in English when asked', async () => {
    const response = await signIn('nobody.here', 'x', { 'accept-language': 'en-US,en;q=0.9' })
    expect(response.json().title).toBe('Wrong user name or password')
    expect(response.headers['content-type']).toContain('application/problem+json')
  })
})

describe('sessions and CSRF', () => {
  it('refuses a cookie-authenticated write without the CSRF token, accepts it with', async () => {
    const session = await t.signIn('quantri')
    const body = { name: 'Phòng thử nghiệm', kind: 'other' }
    const agencyId = await t.agencyId('Sở Xây dựng tỉnh An Thịnh')
    const withoutToken = await t.app.inject({ method: 'PATCH', url: `/api/agencies/${agencyId}`, headers: { cookie: session.cookie }, payload: body })
    expect(withoutToken.statusCode).toBe(403)
    expect(withoutToken.json().code).toBe('auth.csrf_failed')
    const wrongToken = await t.app.inject({ method: 'PATCH', url: `/api/agencies/${agencyId}`, headers: { cookie: session.cookie, 'x-csrf-token': 'nope' }, payload: body })
    expect(wrongToken.json().code).toBe('auth.csrf_failed')
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/agencies/${agencyId}`, headers: session, payload: { name: 'Sở Xây dựng tỉnh An Thịnh' } })
    expect(ok.statusCode).toBe(200)
  })

  it('expires a session after the idle time', async () => {
    const session = await t.signIn('lanhdao.tinh')
    // The idle limit (60 min) plus the at most one minute by which last_seen_at may lag.
    t.clock.advance(62 * 60_000)
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session })
    expect(response.statusCode).toBe(401)
    t.clock.advance(-62 * 60_000)
  })

  it('signs out of this session, and of all sessions', async () => {
    const first = await t.signIn('chutich.binhlac')
    const second = await t.signIn('chutich.binhlac')
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: first })
    expect(out.statusCode).toBe(204)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: first })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: second })).statusCode).toBe(200)
    const third = await t.signIn('chutich.binhlac')
    const all = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out-everywhere', headers: third })
    expect(all.json().sessionsClosed).toBe(2)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: second })).statusCode).toBe(401)
  })

  it('changes the password, ends the other sessions and refuses a weak one', async () => {
    const session = await t.signIn('truongphong.tuphap')
    const other = await t.signIn('truongphong.tuphap')
    const weak = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: session, payload: { currentPassword: TEST_PASSWORD, newPassword: 'short' } })
    expect(weak.json().code).toBe('auth.weak_password')
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: session, payload: { currentPassword: 'not-it', newPassword: 'a much better passphrase' } })
    expect(wrong.json().code).toBe('auth.wrong_password')
    const ok = await t.app.inject({ method: 'POST', url: '/api/auth/password', headers: session, payload: { currentPassword: TEST_PASSWORD, newPassword: 'a much better passphrase' } })
    expect(ok.statusCode).toBe(204)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: other })).statusCode).toBe(401)
    expect((await signIn('truongphong.tuphap', TEST_PASSWORD)).statusCode).toBe(401)
    expect((await signIn('truongphong.tuphap', 'a much better passphrase')).statusCode).toBe(200)
  })

  it('stores argon2id hashes, never the password', async () => {
    const row = await t.database.db.selectFrom('users').select('password_hash').where('username', '=', 'quantri').executeTakeFirstOrThrow()
    expect(row.password_hash).toMatch(/^\$argon2id\$/)
    const sessions = await t.database.db.selectFrom('sessions').select('token_hash').execute()
    for (const s of sessions) expect(s.token_hash).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('API tokens', () => {
  it('authenticates a machine client with a scoped token until it is revoked', async () => {
    const admin = await t.signIn('quantri.binhlac')
    const agencyId = await t.agencyId('Ủy ban nhân dân xã Bình Lạc')
    const created = await t.app.inject({ method: 'POST', url: '/api/api-tokens', headers: admin, payload: { name: 'dashboard', agencyId, permissions: ['org.read'] } })
    expect(created.statusCode).toBe(201)
    const { secret, token } = created.json()
    // cchc_<prefix>.<unit>.<secret>: the unit of its rows, so its lookup reads one shard (credentials.ts).
    expect(secret).toMatch(new RegExp(`^cchc_[A-Za-z0-9_-]{8}\\.${await t.unitId('Xã Bình Lạc')}\\.[A-Za-z0-9_-]{43}$`))
    expect(secret.startsWith(token.tokenPrefix)).toBe(true)
    const stored = await t.database.db.selectFrom('api_tokens').select('token_hash').where('id', '=', token.id).executeTakeFirstOrThrow()
    expect(stored.token_hash).not.toContain(secret)

    const bearer = { authorization: `Bearer ${secret}` }
    const agencies = await t.app.inject({ method: 'GET', url: '/api/agencies', headers: bearer })
    expect(agencies.statusCode).toBe(200)
    expect(agencies.json().map((a: { name: string }) => a.name).sort()).toEqual(['Trung tâm Phục vụ hành chính công xã Bình Lạc', 'Ủy ban nhân dân xã Bình Lạc'].sort())
    // The token holds org.read only.
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer })).statusCode).toBe(403)

    const revoke = await t.app.inject({ method: 'DELETE', url: `/api/api-tokens/${token.id}`, headers: admin })
    expect(revoke.statusCode).toBe(204)
    expect((await t.app.inject({ method: 'GET', url: '/api/agencies', headers: bearer })).statusCode).toBe(401)
  })

  it('refuses to issue a token with a permission the issuer does not hold', async () => {
    const admin = await t.signIn('quantri.binhlac')
    const agencyId = await t.agencyId('Ủy ban nhân dân tỉnh An Thịnh')
    const outOfScope = await t.app.inject({ method: 'POST', url: '/api/api-tokens', headers: admin, payload: { name: 'x', agencyId, permissions: ['org.read'] } })
    expect(outOfScope.statusCode).toBe(404)
  })
})

describe('API tokens follow their issuer', () => {
  it('loses a permission when its issuer loses the role that carried it', async () => {
    const provinceAdmin = await t.signIn('quantri')
    const issuerId = await t.userId('quantri.phulac')
    const agencyId = await t.agencyId('Ủy ban nhân dân xã Phú Lạc')
    const issuer = await t.signIn('quantri.phulac')
    const created = await t.app.inject({ method: 'POST', url: '/api/api-tokens', headers: issuer, payload: { name: 'sync', agencyId, permissions: ['user.read'] } })
    const bearer = { authorization: `Bearer ${created.json().secret}` }
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer })).statusCode).toBe(200)
    const demoted = await t.app.inject({ method: 'PUT', url: `/api/users/${issuerId}/roles`, headers: provinceAdmin, payload: { roles: [{ role: 'specialist', scopeAgencyId: agencyId }] } })
    expect(demoted.statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer })).statusCode).toBe(403)
  })
})
