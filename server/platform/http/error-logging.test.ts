/**
 * No personal data in logs, whatever fails: a database error carries the query's parameters
 * (PGlite) and the failing row (PostgreSQL's `detail`), which held a new official's full name,
 * e-mail and argon2id hash when a 500 was logged. The log is read back and searched.
 */
import { Writable } from 'node:stream'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app.ts'
import { fixedClock } from '../clock.ts'
import { createTestDatabase, sessionCookie, testConfig, TEST_PASSWORD } from '../../test/test-app.ts'
import type { Database } from '../db/database.ts'
import { serializeError } from '../logger.ts'
import type { FastifyInstance } from 'fastify'

let database: Database
let app: FastifyInstance
const lines: string[] = []

beforeAll(async () => {
  database = await createTestDatabase()
  const sink = new Writable({ write(chunk, _encoding, done) { lines.push(String(chunk)); done() } })
  app = await buildApp({ config: testConfig({ LOG_LEVEL: 'info' }), database, clock: fixedClock('2026-03-02T02:00:00Z'), logStream: sink })
  await app.ready()
})
afterAll(async () => {
  await app.close()
  await database.close()
})

describe('error logging', () => {
  it('logs a 500 from the database without the name, e-mail or password hash it was writing', async () => {
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'quantri', password: TEST_PASSWORD } })
    const headers = { cookie: sessionCookie(signIn), 'x-csrf-token': signIn.json().csrfToken as string }
    // A constraint the service does not know about turns the insert into an unexpected database error.
    await sql`alter table users add constraint users_no_secret_agent check (display_name <> 'Nguyễn Thị Bí Mật')`.execute(database.db)
    const agencyId = (await database.db.selectFrom('agencies').select('id').where('name', '=', 'Sở Xây dựng tỉnh An Thịnh').executeTakeFirstOrThrow()).id
    const response = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers,
      payload: { username: 'bimat.nguyen', displayName: 'Nguyễn Thị Bí Mật', email: 'bimat.nguyen@example.vn', password: 'a long secret passphrase', agencyId, roles: [] },
    })
    expect(response.statusCode).toBe(500)
    expect(response.json().code).toBe('server.internal')
    const log = lines.join('')
    // The failure is logged, with what locates it ...
    expect(log).toContain('unhandled error')
    expect(log).toContain('23514')
    expect(log).toContain('users_no_secret_agent')
    // ... and nothing of the person.
    for (const secret of ['Bí Mật', 'bimat.nguyen@example.vn', 'bimat.nguyen', '$argon2id$', 'a long secret passphrase']) expect(log, secret).not.toContain(secret)
  })

  it('masks the values PostgreSQL quotes in data-exception messages, keeps causes and drops unknown fields', () => {
    const inner = Object.assign(new Error('invalid input syntax for type uuid: "Trần Văn Lộ"'), { code: '22P02', params: ['Trần Văn Lộ'] })
    const outer = Object.assign(new Error('query failed', { cause: inner }), { detail: 'Key (email)=(lo@example.vn) already exists.', code: '23505', constraint: 'users_email_key' })
    const text = JSON.stringify(serializeError(outer))
    expect(text).toContain('users_email_key')
    expect(text).toContain('22P02')
    expect(text).toContain('invalid input syntax for type uuid')
    expect(text).not.toContain('Trần Văn Lộ')
    expect(text).not.toContain('lo@example.vn')
  })
})
