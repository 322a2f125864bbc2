/**
 * Sign-in throttling: attempts are counted atomically before the password is checked (parallel
 * guesses cannot slip past the lock), the lock holds a name × source pair (a stranger elsewhere
 * cannot lock an official out), an administrator can unlock, and every lockout is audited.
 * On PostgreSQL (TEST_DATABASE_URL) the parallel requests really run in parallel transactions;
 * THROTTLE_RACE_ROUNDS repeats the race (CI runs it several times there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts'

let t: TestApp
const LOCK_AFTER = 5
const ROUNDS = Math.max(1, Number(process.env.THROTTLE_RACE_ROUNDS ?? 1))

beforeAll(async () => {
  t = await buildTestApp({ SIGN_IN_LOCK_AFTER: String(LOCK_AFTER), PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' })
})
afterAll(() => t.close())

const signIn = (username: string, password: string, remoteAddress = '198.51.100.7') =>
  t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password }, remoteAddress })

async function auditOf(userId: string, action: string) {
  return t.database.db.selectFrom('audit_entries').selectAll().where('subject_id', '=', userId).where('action', '=', action).execute()
}

describe('sign-in throttle', () => {
  it('lets at most SIGN_IN_LOCK_AFTER of 24 parallel attempts be checked, so the right password sent last is refused', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const source = `203.0.113.${round + 1}`
      const attempts = [...Array(23).fill('wrong-password'), TEST_PASSWORD].map((password) => signIn('chuyenvien.tuphap', password, source))
      const responses = await Promise.all(attempts)
      const statuses = responses.map((r) => r.statusCode)
      const checked = statuses.filter((s) => s === 200 || s === 401).length
      expect(checked, `round ${round}: ${statuses.join(',')}`).toBeLessThanOrEqual(LOCK_AFTER)
      expect(statuses.filter((s) => s === 429).length, `round ${round}`).toBe(24 - checked)
      expect(responses.filter((r) => r.statusCode === 429).every((r) => r.json().code === 'auth.locked')).toBe(true)
      // Whatever the interleaving, the last (right) attempt saw more than LOCK_AFTER attempts before it unless it was among the first five.
      if (statuses[23] !== 200) expect(statuses[23]).toBe(429)
    }
    // One lockout per source, each audited once.
    const userId = await t.userId('chuyenvien.tuphap')
    const entries = await auditOf(userId, 'user.sign_in_locked')
    const lockedSources = new Set(entries.map((e) => (e.changes as { after: { source: string } }).after.source))
    expect(entries.length).toBe(lockedSources.size)
  })

  it('locks a name only for the source that guessed: the official signs in from elsewhere', async () => {
    const attacker = '192.0.2.66'
    for (let i = 0; i < LOCK_AFTER; i++) expect((await signIn('chutich.phulac', `guess-${i}`, attacker)).statusCode).toBe(401)
    const locked = await signIn('chutich.phulac', TEST_PASSWORD, attacker)
    expect(locked.statusCode).toBe(429)
    expect(locked.json().retryAfterSeconds).toBeGreaterThan(0)
    // The victim at the office is not locked out, now or when the attacker re-locks at each expiry.
    for (let cycle = 0; cycle < 3; cycle++) {
      expect((await signIn('chutich.phulac', TEST_PASSWORD, '10.20.30.40')).statusCode).toBe(200)
      t.clock.advance(16 * 60_000)
      for (let i = 0; i < LOCK_AFTER + 1; i++) await signIn('chutich.phulac', `again-${cycle}-${i}`, attacker)
    }
    t.clock.advance(-48 * 60_000)
    // IPv6 clients are counted by /64: rotating addresses inside one network does not reset the count.
    for (let i = 0; i < LOCK_AFTER; i++) await signIn('chutich.phulac', `v6-${i}`, `2001:db8:77:1::${i + 1}`)
    expect((await signIn('chutich.phulac', TEST_PASSWORD, '2001:db8:77:1::abcd')).statusCode).toBe(429)
  })

  it('audits the lockout once, without the account name or password', async () => {
    const userId = await t.userId('tiepnhan.phulac')
    for (let i = 0; i < LOCK_AFTER + 3; i++) await signIn('tiepnhan.phulac', `nope-${i}`, '192.0.2.99')
    const entries = await auditOf(userId, 'user.sign_in_locked')
    expect(entries).toHaveLength(1)
    expect(entries[0]!.actor_type).toBe('system')
    const text = JSON.stringify(entries[0])
    expect(text).not.toContain('nope-')
    expect(text).not.toContain('tiepnhan.phulac')
  })

  it('lets an administrator see and end the lock, and a password reset ends it too', async () => {
    const admin = await t.signIn('quantri.phulac', TEST_PASSWORD)
    const userId = await t.userId('tiepnhan.phulac')
    expect((await signIn('tiepnhan.phulac', TEST_PASSWORD, '192.0.2.99')).statusCode).toBe(429)
    const before = await t.app.inject({ method: 'GET', url: `/api/users/${userId}`, headers: admin })
    expect(before.json().signInLocked).toBe(true)
    const unlocked = await t.app.inject({ method: 'POST', url: `/api/users/${userId}/sign-in-unlock`, headers: admin })
    expect(unlocked.statusCode, unlocked.body).toBe(200)
    expect(unlocked.json().signInLocked).toBe(false)
    expect((await auditOf(userId, 'user.sign_in_unlocked'))).toHaveLength(1)
    expect((await signIn('tiepnhan.phulac', TEST_PASSWORD, '192.0.2.99')).statusCode).toBe(200)

    for (let i = 0; i < LOCK_AFTER + 1; i++) await signIn('tiepnhan.phulac', `again-${i}`, '192.0.2.99')
    expect((await signIn('tiepnhan.phulac', TEST_PASSWORD, '192.0.2.99')).statusCode).toBe(429)
    const reset = await t.app.inject({ method: 'POST', url: `/api/users/${userId}/password`, headers: admin, payload: { newPassword: 'a fresh passphrase 2026' } })
    expect(reset.statusCode, reset.body).toBe(204)
    expect((await signIn('tiepnhan.phulac', 'a fresh passphrase 2026', '192.0.2.99')).statusCode).toBe(200)
  })

  it('refuses to unlock an official outside the administrator\'s scope', async () => {
    const outsider = await t.signIn('quantri.binhlac', TEST_PASSWORD)
    const userId = await t.userId('tiepnhan.phulac')
    const response = await t.app.inject({ method: 'POST', url: `/api/users/${userId}/sign-in-unlock`, headers: outsider })
    expect(response.statusCode).toBe(404)
  })

  it('counts failures of a name from every source (they lengthen the delay), without locking it', async () => {
    for (let i = 0; i < 8; i++) await signIn('truongphong.tuphap', `spread-${i}`, `198.18.0.${i + 1}`)
    const userId = await t.userId('truongphong.tuphap')
    const rows = await t.database.db.selectFrom('sign_in_throttle').selectAll().where('user_id', '=', userId).execute()
    const byName = rows.filter((r) => r.scope === 'name')
    expect(byName).toHaveLength(1)
    expect(byName[0]!.failures).toBe(8)
    expect(byName[0]!.locked_until).toBeNull()
    expect(rows.filter((r) => r.scope === 'name_source' && r.locked_until !== null)).toEqual([])
    expect((await signIn('truongphong.tuphap', TEST_PASSWORD, '198.18.0.200')).statusCode).toBe(200)
  })
})

describe('session idle timeout', () => {
  it('never ends a session early although last_seen_at is written at most once a minute', async () => {
    const session = await t.signIn('lanhdao.tinh', TEST_PASSWORD)
    const start = t.clock.now().getTime()
    // A request 59 s after sign-in does not rewrite last_seen_at ...
    t.clock.set(new Date(start + 59_000))
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session })).statusCode).toBe(200)
    // ... so 59 min 59 s after that request, last_seen_at is 60 min 58 s old: still within the idle limit.
    t.clock.set(new Date(start + 59_000 + 60 * 60_000 - 1000))
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session })).statusCode).toBe(200)
    // And more than 61 minutes without a request ends it.
    t.clock.set(new Date(start + 59_000 + 60 * 60_000 - 1000 + 61 * 60_000 + 1000))
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: session })).statusCode).toBe(401)
    t.clock.set(new Date(start))
  })
})
