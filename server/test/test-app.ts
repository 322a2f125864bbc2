/**
 * Test helpers: a fresh copy of the seeded template database per call, the real app built on it,
 * and signing in as a demo official. Requests go through `app.inject` (no network).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { inject } from 'vitest'
import { buildApp } from '../app.ts'
import { loadConfig, type Config } from '../config.ts'
import { fixedClock } from '../platform/clock.ts'
import { openDatabase, type Database } from '../platform/db/database.ts'
import { TEST_PASSWORD } from './constants.ts'
import { databaseUrlFor } from './global-setup.ts'

export { TEST_PASSWORD }

/** A new database holding the migrated demo province, isolated from every other test. */
export async function createTestDatabase(): Promise<Database> {
  const postgres = inject('postgresTemplate')
  if (postgres) {
    const name = `cchc_t_${process.ppid}_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: postgres.serverUrl })
    await admin.connect()
    try {
      await admin.query(`create database ${name} template ${postgres.database}`)
    } finally {
      await admin.end()
    }
    return openDatabase({ databaseUrl: databaseUrlFor(postgres.serverUrl, name), poolSize: 4 })
  }
  const file = inject('pgliteTemplate')
  if (!file) throw new Error('the test template database was not built (global setup)')
  const dump = new Blob([await fs.readFile(file)])
  return openDatabase({ dataDir: 'memory://', loadDataDir: dump })
}

/** One scratch data folder per test process (stored files, audit checkpoints), never the repository's data/. */
let scratchDataDir: string | undefined

export function testConfig(overrides: Record<string, string> = {}): Config {
  if (!scratchDataDir) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cchc-test-data-'))
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }))
    scratchDataDir = dir
  }
  return loadConfig({ NODE_ENV: 'test', SIGN_IN_DELAY_BASE_MS: '0', LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent', DATA_DIR: scratchDataDir, ...overrides })
}

export interface TestApp {
  app: FastifyInstance
  database: Database
  clock: ReturnType<typeof fixedClock>
  config: Config
  /** Signs in as a demo official; returns headers for later requests (cookie and CSRF token). */
  signIn(username: string, password?: string): Promise<SessionHeaders>
  /** Id of a seeded agency by its exact name. */
  agencyId(name: string): Promise<string>
  /** Id of a seeded unit by its exact name. */
  unitId(name: string): Promise<string>
  userId(username: string): Promise<string>
  close(): Promise<void>
}

export type SessionHeaders = Record<string, string> & {
  cookie: string
  'x-csrf-token': string
}

export async function buildTestApp(configOverrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase()
  const clock = fixedClock('2026-03-02T02:00:00Z')
  const config = testConfig(configOverrides)
  const app = await buildApp({ config, database, clock })
  await app.ready()
  // Every schema compiles (as the server does right after it listens), so a bad one fails here.
  await app.warmSchemas()
  return {
    app,
    database,
    clock,
    config,
    async signIn(username, password = TEST_PASSWORD) {
      const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } })
      if (response.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${response.body}`)
      return { cookie: sessionCookie(response), 'x-csrf-token': response.json().csrfToken as string }
    },
    async agencyId(name) {
      return (await database.db.selectFrom('agencies').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
    },
    async unitId(name) {
      return (await database.db.selectFrom('admin_units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id
    },
    async userId(username) {
      return (await database.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id
    },
    async close() {
      await app.close()
      await database.close()
    },
  }
}

/** `name=value` of the session cookie set by a response. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name.endsWith('cchc_session'))
  if (!cookie) throw new Error('no session cookie in the response')
  return `${cookie.name}=${cookie.value}`
}
