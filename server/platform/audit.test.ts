import { execFile } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, createTestDatabase, type TestApp } from '../test/test-app.ts'
import { canonicalJson, verifyAuditChain } from './audit.ts'
import { openDatabase } from './db/database.ts'
import { migrate } from './db/migrate.ts'
import { seedDemoIfEmpty } from '../seed/demo.ts'
import { fixedClock } from './clock.ts'

let t: TestApp
beforeAll(async () => {
  t = await buildTestApp()
})
afterAll(() => t.close())

async function tamper(statement: string) {
  await sql.raw(`alter table audit_entries disable trigger audit_entries_append_only; ${statement}; alter table audit_entries enable trigger audit_entries_append_only`).execute(t.database.db)
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

  it('refuses UPDATE and DELETE on entries', async () => {
    await expect(sql`update audit_entries set actor_name = 'x'`.execute(t.database.db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_entries`.execute(t.database.db)).rejects.toThrow(/append-only/)
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
      await sql.raw(`alter table audit_entries disable trigger user; delete from audit_entries where unit_id = '${chain.unit_id}' and seq = 2`).execute(db.db)
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
      await sql.raw(`alter table audit_entries disable trigger user; update audit_entries set changes = '{"before":null,"after":{"username":"forged"}}' where unit_id = '${victim.unit_id}' and seq = ${victim.seq}`).execute(db2.db)
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
