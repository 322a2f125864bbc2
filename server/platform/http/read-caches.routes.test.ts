/**
 * The per-request read caches (ADR 0018) as a second server process experiences them: a change
 * written to the database behind this process's back (here: straight SQL, as another process
 * would) is seen once the entry is READ_CACHE_SECONDS old, never later; a change made through
 * this process is seen at once (the other route tests cover sign-out, password changes and role
 * changes that way).
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../test/test-app.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp({ READ_CACHE_SECONDS: '5' })
})
afterAll(() => t.close())

describe('read caches seen from another process', () => {
  it('a session revoked elsewhere stops working within READ_CACHE_SECONDS', async () => {
    const headers = await t.signIn('tiepnhan.binhlac')
    const me = () => t.app.inject({ method: 'GET', url: '/api/auth/me', headers })
    expect((await me()).statusCode).toBe(200)
    await sql`update sessions set revoked_at = now() where user_id = ${await t.userId('tiepnhan.binhlac')}`.execute(t.database.db)
    // Still the cached actor: this process has not been told.
    expect((await me()).statusCode).toBe(200)
    t.clock.advance(5000)
    expect((await me()).statusCode).toBe(401)
  })

  it("an official's own agency renamed elsewhere is read again within READ_CACHE_SECONDS", async () => {
    const headers = await t.signIn('chutich.binhlac')
    const own = async () => (await t.app.inject({ method: 'GET', url: '/api/me/agency', headers })).json() as { id: string; name: string }
    const before = await own()
    await sql`update agencies set name = ${before.name + ' (đổi tên)'} where id = ${before.id}`.execute(t.database.db)
    expect((await own()).name).toBe(before.name)
    t.clock.advance(5000)
    expect((await own()).name).toBe(before.name + ' (đổi tên)')
  })

  it('a rename through this server is seen at once', async () => {
    const headers = await t.signIn('quantri.binhlac')
    const own = await t.app.inject({ method: 'GET', url: '/api/me/agency', headers })
    const agency = own.json() as { id: string; name: string }
    const detail = await t.app.inject({ method: 'GET', url: `/api/agencies/${agency.id}`, headers })
    expect(detail.statusCode).toBe(200)
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/agencies/${agency.id}`,
      headers: { ...headers, 'if-match': detail.headers.etag as string },
      payload: { name: agency.name + ' mới' },
    })
    expect(renamed.statusCode).toBe(200)
    const after = await t.app.inject({ method: 'GET', url: '/api/me/agency', headers })
    expect(after.json().name).toBe(agency.name + ' mới')
  })
})
