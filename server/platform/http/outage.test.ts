/**
 * A database outage answers 503 with Retry-After and a stable code (never 500), health names the
 * dependency that is down, and the server recovers by itself when the database comes back.
 */
import net from 'node:net'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../app.ts'
import { fixedClock } from '../clock.ts'
import { openDatabase, type Database } from '../db/database.ts'
import { databaseUrlFor } from '../../test/global-setup.ts'
import { testConfig, TEST_PASSWORD } from '../../test/test-app.ts'

const closers: Array<() => Promise<unknown>> = []
afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => {})
})

/** A port on loopback where nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

function expectUnavailable(response: { statusCode: number; headers: Record<string, unknown>; json(): Record<string, unknown> }, label: string) {
  expect(response.statusCode, label).toBe(503)
  expect(String(response.headers['content-type']), label).toContain('application/problem+json')
  expect(response.json().code, label).toBe('server.unavailable')
  expect(Number(response.headers['retry-after']), label).toBeGreaterThan(0)
}

describe('database outage', () => {
  it('answers 503 with Retry-After on every kind of route while the database cannot be reached', async () => {
    const database = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${await closedPort()}/postgres`, poolSize: 2 })
    const app = await buildApp({ config: testConfig(), database, clock: fixedClock('2026-03-02T02:00:00Z') })
    closers.push(() => database.close(), () => app.close())
    await app.ready()

    const health = await app.inject({ method: 'GET', url: '/api/health' })
    expectUnavailable(health, 'health')
    expect(health.json().dependencies).toEqual({ database: 'down' })
    expectUnavailable(await app.inject({ method: 'GET', url: '/api/public/procedures?q=khai%20sinh' }), 'public search')
    expectUnavailable(await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'quantri', password: TEST_PASSWORD } }), 'sign-in')
    // A well-formed session cookie (`<unit id>.<secret>`) cannot be checked either: 503, not "you need to sign in".
    expectUnavailable(await app.inject({ method: 'GET', url: '/api/agencies', headers: { cookie: `cchc_session=00000000-0000-4000-8000-000000000000.${'a'.repeat(43)}` } }), 'authenticated read')
  })

  const postgres = inject('postgresTemplate')
  it.skipIf(!postgres)('recovers without a restart when PostgreSQL returns', async () => {
    // A copy of the template database, reached through a TCP relay the test can cut and restore.
    const name = `cchc_t_outage_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: postgres!.serverUrl })
    await admin.connect()
    await admin.query(`create database ${name} template ${postgres!.database}`)
    closers.push(async () => {
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    })
    const target = new URL(postgres!.serverUrl)
    const sockets = new Set<net.Socket>()
    let up = true
    const relay = net.createServer((client) => {
      if (!up) return client.destroy()
      const server = net.connect(Number(target.port || 5432), target.hostname)
      for (const s of [client, server]) {
        sockets.add(s)
        s.on('close', () => sockets.delete(s))
        s.on('error', () => {})
      }
      client.pipe(server).pipe(client)
    })
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve))
    closers.push(() => new Promise((resolve) => relay.close(resolve)))
    const relayUrl = new URL(databaseUrlFor(postgres!.serverUrl, name))
    relayUrl.hostname = '127.0.0.1'
    relayUrl.port = String((relay.address() as net.AddressInfo).port)

    const database: Database = await openDatabase({ databaseUrl: relayUrl.toString(), poolSize: 2 })
    const app = await buildApp({ config: testConfig(), database, clock: fixedClock('2026-03-02T02:00:00Z') })
    closers.push(() => database.close(), () => app.close())
    await app.ready()
    const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'quantri', password: TEST_PASSWORD } })
    expect(signIn.statusCode).toBe(200)
    const session = { cookie: `${signIn.cookies[0]!.name}=${signIn.cookies[0]!.value}` }
    expect((await app.inject({ method: 'GET', url: '/api/agencies', headers: session })).statusCode).toBe(200)

    up = false
    for (const s of sockets) s.destroy()
    for (let i = 0; i < 3; i++) expectUnavailable(await app.inject({ method: 'GET', url: '/api/agencies', headers: session }), `outage request ${i}`)
    expectUnavailable(await app.inject({ method: 'GET', url: '/api/health' }), 'health during the outage')

    up = true
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
    expect((await app.inject({ method: 'GET', url: '/api/agencies', headers: session })).statusCode).toBe(200)
  })
})
