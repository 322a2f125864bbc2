import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql, type Transaction } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, createTestDatabase, type TestApp } from '../test/test-app.ts'
import { canonicalJson, recordAudit, verifyAuditChain } from './audit.ts'
import type { DB } from './db/schema.ts'
import { openDatabase } from './db/database.ts'
import { migrate } from './db/migrate.ts'
import { seedDemoIfEmpty } from '../seed/demo.ts'
import { fixedClock } from './clock.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

/** A change made around the privileges, as a superuser (the tests connect as one): only the hash chain can find it. */
async function tamper(statement: string) {
  await sql.raw(statement).execute(t.database.db)
}

class RolledBack extends Error {}

/**
 * Runs `work` in a transaction as a fresh role that owns the audit tables and holds no superuser
 * right (as the application's role does in production: it migrated, so it owns them), then rolls
 * everything back, the role included.
 */
async function asOwningRole(work: (trx: Transaction<DB>) => Promise<unknown>): Promise<void> {
  const role = `cchc_audit_owner_${randomBytes(4).toString('hex')}`
  await t.database.db.transaction().execute(async (trx) => {
    await sql.raw(`create role ${role} nologin`).execute(trx)
    // Ownership moves with the table's privileges as they stand: the owner's are the revoked ones.
    await sql.raw(`alter table audit_entries owner to ${role}`).execute(trx)
    await sql.raw(`alter table audit_chain_heads owner to ${role}`).execute(trx)
    await sql.raw(`grant select on all tables in schema public to ${role}`).execute(trx)
    await sql.raw(`set local role ${role}`).execute(trx)
    await work(trx)
    throw new RolledBack()
  })
}

describe('audit trail', () => {
  it('writes an entry for a change in the same transaction, with who, what, request id and address', async () => {
    const admin = await t.signIn('quantri')
    const agencyId = await t.agencyId('Sở Tư pháp tỉnh An Thịnh')
    const response = await t.app.inject({ method: 'PATCH', url: `/api/agencies/${agencyId}`, headers: admin, payload: { shortName: 'STP' }, remoteAddress: '10.1.2.3' })
    expect(response.statusCode).toBe(200)
    const entry = await t.database.db.selectFrom('audit_entries').selectAll().where('action', '=', 'agency.updated').where('subject_id', '=', agencyId).executeTakeFirstOrThrow()
    expect(entry.actor_name).toBe('Nguyễn Văn Quản')
    expect(entry.request_id).toBe(response.headers['x-request-id'])
    expect(entry.ip).toBe('10.1.2.3')
    expect(entry.changes).toEqual({ before: { short_name: 'Sở Tư pháp' }, after: { short_name: 'STP' } })
  })

  it('leaves neither the change nor its entry when the change fails', async () => {
    const admin = await t.signIn('quantri')
    const before = await t.database.db.selectFrom('audit_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    const parentId = await t.agencyId('Ủy ban nhân dân tỉnh An Thịnh')
    const unitId = await t.unitId('Tỉnh An Thịnh')
    // The identity code is taken by the People's Committee: the whole creation must roll back.
    const response = await t.app.inject({ method: 'POST', url: '/api/agencies', headers: admin, payload: { unitId, parentId, name: 'Sở Mới', kind: 'department', identityCode: '000.00.00.H99', validFrom: '2026-01-01' } })
    expect(response.json().code).toBe('agency.code_taken')
    const after = await t.database.db.selectFrom('audit_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
    expect(await t.database.db.selectFrom('agencies').select('id').where('name', '=', 'Sở Mới').executeTakeFirst()).toBeUndefined()
  })

  it('holds UPDATE, DELETE and TRUNCATE of entries from every role, by privileges (no trigger: Citus, ADR 0015)', async () => {
    const privileges = async (table: string) =>
      (await sql<{ privilege: string }>`select distinct a.privilege_type as privilege from pg_class c, aclexplode(c.relacl) a where c.relname = ${table} and c.relnamespace = 'public'::regnamespace order by 1`.execute(t.database.db)).rows.map((r) => r.privilege)
    // (PostgreSQL 17 and later, PGlite among them, list MAINTAIN too.)
    const entries = await privileges('audit_entries')
    expect(entries).toEqual(expect.arrayContaining(['INSERT', 'SELECT']))
    for (const refused of ['UPDATE', 'DELETE', 'TRUNCATE']) expect(entries).not.toContain(refused)
    const heads = await privileges('audit_chain_heads')
    expect(heads).toEqual(expect.arrayContaining(['INSERT', 'SELECT', 'UPDATE']))
    for (const refused of ['DELETE', 'TRUNCATE']) expect(heads).not.toContain(refused)
    const triggers = await sql<{ n: number }>`select count(*)::int as n from pg_trigger where tgrelid = 'audit_entries'::regclass and not tgisinternal`.execute(t.database.db)
    expect(triggers.rows[0]!.n).toBe(0)
  })

  it('refuses UPDATE, DELETE and TRUNCATE of entries to the role that owns them, and lets it append', async () => {
    for (const statement of ["update audit_entries set actor_name = 'x'", 'delete from audit_entries', 'truncate audit_entries', 'delete from audit_chain_heads', 'truncate audit_chain_heads']) {
      await expect(asOwningRole((trx) => sql.raw(statement).execute(trx)), statement).rejects.toThrow(/permission denied for table audit_(entries|chain_heads)/)
    }
    const unitId = await t.unitId('Tỉnh An Thịnh')
    await expect(
      asOwningRole(async (trx) => {
        await recordAudit(trx, t.clock, { actor: null, requestId: null, ip: null }, { unitId, agencyId: null, action: 'probe.appended', subjectType: 'probe', subjectId: 'p' })
        const entry = await trx.selectFrom('audit_entries').select('seq').where('action', '=', 'probe.appended').executeTakeFirst()
        expect(entry).toBeDefined()
      }),
    ).rejects.toThrow(RolledBack)
    expect(await t.database.db.selectFrom('audit_entries').select('seq').where('action', '=', 'probe.appended').executeTakeFirst()).toBeUndefined()
  })

  it('verifies an intact chain', async () => {
    const result = await verifyAuditChain(t.database.db)
    expect(result.firstBreak).toBeNull()
    expect(result.entries).toBeGreaterThan(40)
  })

  it('names the first entry changed by hand', async () => {
    const victim = await t.database.db.selectFrom('audit_entries').select(['unit_id', 'seq']).where('action', '=', 'agency.created').orderBy('seq').limit(1).offset(1).executeTakeFirstOrThrow()
    await tamper(`update audit_entries set actor_name = 'someone else' where unit_id = '${victim.unit_id}' and seq = ${victim.seq}`)
    const result = await verifyAuditChain(t.database.db)
    expect(result.firstBreak).toMatchObject({ unitId: victim.unit_id, seq: victim.seq })
    expect(result.firstBreak!.reason).toMatch(/changed/)
  })

  it('detects a deleted entry and a deleted chain tail', async () => {
    const db = await createTestDatabase()
    try {
      const chain = await db.db.selectFrom('audit_entries').select(['unit_id']).groupBy('unit_id').having((eb) => eb.fn.countAll(), '>', 3).executeTakeFirstOrThrow()
      await sql.raw(`delete from audit_entries where unit_id = '${chain.unit_id}' and seq = 2`).execute(db.db)
      expect((await verifyAuditChain(db.db)).firstBreak).toMatchObject({ unitId: chain.unit_id, seq: 2 })
      const last = await db.db.selectFrom('audit_chain_heads').select('last_seq').where('unit_id', '=', chain.unit_id).executeTakeFirstOrThrow()
      await sql.raw(`delete from audit_entries where unit_id = '${chain.unit_id}' and seq >= 2`).execute(db.db)
      const result = await verifyAuditChain(db.db)
      expect(result.firstBreak).toMatchObject({ unitId: chain.unit_id, seq: 2 })
      expect(result.firstBreak!.reason).toContain(String(last.last_seq))
    } finally {
      await db.close()
    }
  })

  it('hashes canonical JSON, independent of key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}')
  })
})

describe('npm run audit:verify', () => {
  it('exits 0 on an intact embedded database and 1 naming the entry after a hand edit', { timeout: 90_000 }, async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cchc-audit-'))
    try {
      const db = await openDatabase({ dataDir })
      await migrate(db.db)
      await seedDemoIfEmpty(db.db, { password: 'x-password-1', clock: fixedClock('2026-01-01T00:00:00Z') })
      await db.close()
      const run = promisify(execFile)
      const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development' }
      const ok = await run('npx', ['tsx', 'scripts/audit-verify.ts'], { env })
      expect(ok.stdout).toMatch(/audit chain intact: \d+ entries/)

      const db2 = await openDatabase({ dataDir })
      const victim = await db2.db.selectFrom('audit_entries').select(['unit_id', 'seq']).where('action', '=', 'user.created').orderBy('seq').limit(1).executeTakeFirstOrThrow()
      await sql.raw(`update audit_entries set changes = '{"before":null,"after":{"username":"forged"}}' where unit_id = '${victim.unit_id}' and seq = ${victim.seq}`).execute(db2.db)
      await db2.close()
      const broken = await run('npx', ['tsx', 'scripts/audit-verify.ts'], { env }).then(
        () => null,
        (error: { code: number; stderr: string }) => error,
      )
      expect(broken?.code).toBe(1)
      expect(broken?.stderr).toContain(`unit ${victim.unit_id}, entry ${victim.seq}`)
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true })
    }
  })
})
