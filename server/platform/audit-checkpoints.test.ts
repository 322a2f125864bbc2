import { execFile } from 'node:child_process'
import { createPrivateKey, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest'
import { loadConfig } from '../config.ts'
import { createTestDatabase } from '../test/test-app.ts'
import { databaseUrlFor } from '../test/global-setup.ts'
import { recordAudit, verifyAuditChain } from './audit.ts'
import {
  checkpointFileName,
  checkpointHash,
  generateAuditKeyPem,
  headsDigest,
  resolveAuditSigner,
  resolveAuditVerifyKey,
  signerFromPrivateKey,
  startAuditCheckpoints,
  verifyAuditCheckpoints,
  writeAuditCheckpoint,
  type AuditCheckpoint,
  type CheckpointLog,
} from './audit-checkpoints.ts'
import { fixedClock } from './clock.ts'
import { openDatabase, type Database } from './db/database.ts'

const tempDirs: string[] = []
async function tempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix))
  tempDirs.push(dir)
  return dir
}
afterAll(async () => {
  for (const dir of tempDirs) await fs.rm(dir, { recursive: true, force: true })
})

function recordingLog() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = []
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, fields: fields as Record<string, unknown>, message })
  const log: CheckpointLog = { info: at('info'), warn: at('warn'), error: at('error') }
  return { log, lines }
}

/** A fresh copy of the seeded database, a checkpoint folder and a key the database never sees. */
async function setUp() {
  const database = await createTestDatabase()
  const dir = await tempDir('cchc-checkpoints-')
  const signer = signerFromPrivateKey(createPrivateKey(generateAuditKeyPem()))
  const clock = fixedClock('2026-03-02T02:00:00Z')
  const { log, lines } = recordingLog()
  return {
    database,
    db: database.db,
    dir,
    signer,
    clock,
    lines,
    checkpoint: () => {
      clock.advance(15 * 60_000)
      return writeAuditCheckpoint({ db: database.db, clock, signer, dir, log })
    },
    verify: () => verifyAuditCheckpoints({ db: database.db, dir, verifyKey: signer.publicKey }),
    /** A change through the audited path, on the chain of `unitId`. */
    audit: (unitId: string, action = 'unit.updated') =>
      database.db.transaction().execute((trx) =>
        recordAudit(trx, clock, { actor: null, requestId: null, ip: null }, { unitId, agencyId: null, action, subjectType: 'admin_unit', subjectId: unitId, after: { note: randomBytes(4).toString('hex') } }),
      ),
  }
}
type Setup = Awaited<ReturnType<typeof setUp>>

let open: Database[] = []
afterEach(async () => {
  for (const database of open) await database.close()
  open = []
})
async function fresh(): Promise<Setup> {
  const s = await setUp()
  open.push(s.database)
  return s
}

/** As an owner of the database: around the append-only triggers. */
async function asOwner(db: Setup['db'], statements: string) {
  await sql.raw(`alter table audit_entries disable trigger user; ${statements}; alter table audit_entries enable trigger user`).execute(db)
}

/** A chain with at least four entries, and its head. */
async function longChain(db: Setup['db'], offset = 0) {
  return db.selectFrom('audit_chain_heads').selectAll().where('last_seq', '>=', 4).orderBy('unit_id').offset(offset).limit(1).executeTakeFirstOrThrow()
}

/** Deletes the last two entries of the chain and moves its head back to the entry before them. */
async function truncateChain(db: Setup['db'], unitId: string, lastSeq: number) {
  const keep = await db.selectFrom('audit_entries').select('hash').where('unit_id', '=', unitId).where('seq', '=', lastSeq - 2).executeTakeFirstOrThrow()
  await asOwner(
    db,
    `delete from audit_entries where unit_id = '${unitId}' and seq > ${lastSeq - 2};
     update audit_chain_heads set last_seq = ${lastSeq - 2}, last_hash = '${keep.hash}' where unit_id = '${unitId}'`,
  )
}

async function readCheckpoint(dir: string, number: number): Promise<AuditCheckpoint> {
  return JSON.parse(await fs.readFile(path.join(dir, checkpointFileName(number)), 'utf8')) as AuditCheckpoint
}

describe('audit checkpoints', () => {
  it('writes a signed checkpoint of every chain head, only when a head changed, each linked to the one before', async () => {
    const s = await fresh()
    const heads = await s.db.selectFrom('audit_chain_heads').selectAll().execute()
    const first = await s.checkpoint()
    expect(first.written).toBe(true)
    const onDisk = await readCheckpoint(s.dir, 1)
    expect(onDisk.number).toBe(1)
    expect(onDisk.heads).toHaveLength(heads.length)
    expect(onDisk.heads.map((h) => h.unitId)).toEqual([...heads.map((h) => h.unit_id)].sort())
    expect(onDisk.keyId).toBe(s.signer.keyId)
    // The log line is the second witness: it carries the digest of the heads.
    expect(s.lines).toContainEqual(expect.objectContaining({ level: 'info', message: 'audit checkpoint written', fields: expect.objectContaining({ checkpoint: 1, headsDigest: onDisk.headsDigest }) }))

    expect((await s.checkpoint()).written).toBe(false)
    expect(await fs.readdir(s.dir)).toEqual([checkpointFileName(1)])

    await s.audit(heads[0]!.unit_id)
    const second = await s.checkpoint()
    expect(second.written).toBe(true)
    expect(second.checkpoint!.previous).toBe(checkpointHash(onDisk))

    const result = await s.verify()
    expect(result.problems).toEqual([])
    expect(result).toMatchObject({ checkpoints: 2, latest: { number: 2, chains: heads.length, headsDigest: second.checkpoint!.headsDigest } })
  })

  it('with no checkpoint reports none, and no problem', async () => {
    const s = await fresh()
    expect(await s.verify()).toEqual({ checkpoints: 0, latest: null, problems: [] })
  })

  it('finds the newest entries of a chain deleted and its head moved back, which the chains alone cannot', async () => {
    const s = await fresh()
    const victim = await longChain(s.db)
    await s.checkpoint()
    await truncateChain(s.db, victim.unit_id, victim.last_seq)

    // The limit of the hash chains: a consistent truncation verifies.
    expect((await verifyAuditChain(s.db)).firstBreak).toBeNull()

    const result = await s.verify()
    expect(result.problems).toEqual([{ unitId: victim.unit_id, seq: victim.last_seq, reason: expect.stringMatching(/missing.*removed after the checkpoint/) }])
  })

  it('finds a truncated chain extended again with other entries at the same numbers', async () => {
    const s = await fresh()
    const victim = await longChain(s.db)
    await s.checkpoint()
    await truncateChain(s.db, victim.unit_id, victim.last_seq)
    await s.audit(victim.unit_id, 'unit.renamed')
    await s.audit(victim.unit_id, 'unit.renamed')
    expect((await verifyAuditChain(s.db)).firstBreak).toBeNull()
    expect((await s.verify()).problems).toEqual([{ unitId: victim.unit_id, seq: victim.last_seq, reason: expect.stringMatching(/not the one recorded.*rewritten/) }])
  })

  it('finds a whole chain deleted together with its head, which the chains alone cannot', async () => {
    const s = await fresh()
    const victim = await longChain(s.db, 1)
    await s.checkpoint()
    await asOwner(s.db, `delete from audit_entries where unit_id = '${victim.unit_id}'; delete from audit_chain_heads where unit_id = '${victim.unit_id}'`)

    expect((await verifyAuditChain(s.db)).firstBreak).toBeNull()

    const result = await s.verify()
    expect(result.problems).toEqual([{ unitId: victim.unit_id, seq: victim.last_seq, reason: expect.stringMatching(/chain is gone/) }])
  })

  it('a checkpoint written after the tampering reports it and does not hide it', async () => {
    const s = await fresh()
    const victim = await longChain(s.db)
    await s.checkpoint()
    await truncateChain(s.db, victim.unit_id, victim.last_seq)
    const next = await s.checkpoint()
    expect(next.written).toBe(true)
    expect(next.regressions).toEqual([{ unitId: victim.unit_id, seq: victim.last_seq, reason: expect.stringMatching(/moved back/) }])
    expect(s.lines).toContainEqual(expect.objectContaining({ level: 'error', fields: { unitId: victim.unit_id, seq: victim.last_seq } }))
    // The earlier checkpoint keeps the evidence.
    expect((await s.verify()).problems).toEqual([{ unitId: victim.unit_id, seq: victim.last_seq, reason: expect.stringMatching(/recorded in checkpoint 1/) }])
  })

  it('refuses a checkpoint file whose content was changed under its signature', async () => {
    const s = await fresh()
    const victim = await longChain(s.db)
    await s.checkpoint()
    // Someone truncates the chain and edits the checkpoint to match, keeping the signature.
    await truncateChain(s.db, victim.unit_id, victim.last_seq)
    const file = await readCheckpoint(s.dir, 1)
    const head = file.heads.find((h) => h.unitId === victim.unit_id)!
    head.seq = victim.last_seq - 2
    head.hash = (await s.db.selectFrom('audit_chain_heads').select('last_hash').where('unit_id', '=', victim.unit_id).executeTakeFirstOrThrow()).last_hash
    file.headsDigest = headsDigest(file.heads)
    await fs.writeFile(path.join(s.dir, checkpointFileName(1)), JSON.stringify(file))

    const result = await s.verify()
    expect(result.problems).toEqual([{ file: checkpointFileName(1), reason: expect.stringMatching(/signature does not match/) }])

    // Without recomputing the digest, the change is named as such.
    file.headsDigest = '0'.repeat(64)
    await fs.writeFile(path.join(s.dir, checkpointFileName(1)), JSON.stringify(file))
    expect((await s.verify()).problems).toEqual([{ file: checkpointFileName(1), reason: expect.stringMatching(/heads digest/) }])
  })

  it('refuses a checkpoint signed by another key', async () => {
    const s = await fresh()
    await s.checkpoint()
    const other = signerFromPrivateKey(createPrivateKey(generateAuditKeyPem()))
    const result = await verifyAuditCheckpoints({ db: s.db, dir: s.dir, verifyKey: other.publicKey })
    expect(result.problems).toEqual([{ file: checkpointFileName(1), reason: expect.stringContaining(`signed by key ${s.signer.keyId}`) }])
    // And the server does not chain its next checkpoint to a file it cannot verify.
    await expect(writeAuditCheckpoint({ db: s.db, clock: s.clock, signer: other, dir: s.dir })).rejects.toThrow(/cannot be extended/)
  })

  it('reports checkpoints that cannot be verified without a key', async () => {
    const s = await fresh()
    await s.checkpoint()
    const result = await verifyAuditCheckpoints({ db: s.db, dir: s.dir, verifyKey: null })
    expect(result.problems).toEqual([{ reason: expect.stringMatching(/no verification key/) }])
  })

  it('finds a deleted checkpoint in the middle, and a deleted first one', async () => {
    const s = await fresh()
    const unit = await longChain(s.db)
    await s.checkpoint()
    await s.audit(unit.unit_id)
    await s.checkpoint()
    await s.audit(unit.unit_id)
    await s.checkpoint()
    expect((await s.verify()).problems).toEqual([])

    await fs.rm(path.join(s.dir, checkpointFileName(2)))
    expect((await s.verify()).problems).toEqual([{ file: checkpointFileName(3), reason: 'checkpoint 2 is missing (deleted) before checkpoint 3' }])

    await fs.rm(path.join(s.dir, checkpointFileName(1)))
    expect((await s.verify()).problems).toEqual([{ file: checkpointFileName(3), reason: 'checkpoints 1 to 2 are missing (deleted) before checkpoint 3' }])
  })

  it('cannot see the newest checkpoint deleted: the log line is the witness of that one', async () => {
    const s = await fresh()
    const unit = await longChain(s.db)
    await s.checkpoint()
    await s.audit(unit.unit_id)
    await s.checkpoint()
    await fs.rm(path.join(s.dir, checkpointFileName(2)))
    const result = await s.verify()
    expect(result.problems).toEqual([])
    // What it shows, to compare with the log: the latest checkpoint left is number 1.
    expect(result.latest?.number).toBe(1)
    expect(s.lines.filter((l) => l.message === 'audit checkpoint written').map((l) => l.fields.checkpoint)).toEqual([1, 2])
  })
})

describe('audit signing key', () => {
  it('outside production generates a key once, in a private file under DATA_DIR, and verifies with it', async () => {
    const dataDir = await tempDir('cchc-key-')
    const config = loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir })
    expect(config.auditLocalKeyFile).toBe(path.join(dataDir, 'audit-signing-key.pem'))
    const first = await resolveAuditSigner(config)
    const second = await resolveAuditSigner(config)
    expect(first?.keyId).toMatch(/^[0-9a-f]{16}$/)
    expect(second?.keyId).toBe(first?.keyId)
    expect((await fs.stat(config.auditLocalKeyFile!)).mode & 0o777).toBe(0o600)
    const verifyKey = await resolveAuditVerifyKey(config)
    expect(verifyKey?.export({ type: 'spki', format: 'pem' })).toEqual(first!.publicKey.export({ type: 'spki', format: 'pem' }))
  })

  it('in production without AUDIT_SIGNING_KEY has no key, and the server warns that checkpoints are off', async () => {
    const dataDir = await tempDir('cchc-key-')
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://db/cchc', DATA_DIR: dataDir })
    expect(await resolveAuditSigner(config)).toBeNull()
    expect(await resolveAuditVerifyKey(config)).toBeNull()
    const { log, lines } = recordingLog()
    const timer = await startAuditCheckpoints({ db: null as never, clock: fixedClock('2026-03-02T02:00:00Z'), config, log })
    await timer.stop()
    expect(lines).toEqual([{ level: 'warn', fields: {}, message: expect.stringMatching(/checkpoints are off: AUDIT_SIGNING_KEY is not set/) }])
    expect(await fs.readdir(dataDir)).toEqual([])
  })

  it('the server timer writes a checkpoint at start and a last one on stop when a head changed', async () => {
    const s = await fresh()
    const dataDir = await tempDir('cchc-timer-')
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, AUDIT_SIGNING_KEY: s.signer.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() })
    const { log, lines } = recordingLog()
    const timer = await startAuditCheckpoints({ db: s.db, clock: s.clock, config, log })
    await expect.poll(() => fs.readdir(config.auditCheckpointDir).catch(() => [])).toEqual([checkpointFileName(1)])
    await s.audit((await longChain(s.db)).unit_id)
    await timer.stop()
    expect(await fs.readdir(config.auditCheckpointDir)).toEqual([checkpointFileName(1), checkpointFileName(2)])
    expect(lines.filter((l) => l.level !== 'info')).toEqual([])
    expect((await verifyAuditCheckpoints({ db: s.db, dir: config.auditCheckpointDir, verifyKey: s.signer.publicKey })).problems).toEqual([])
  })
})

describe('npm run audit:checkpoint and npm run audit:verify', () => {
  /** The seeded test database as the scripts see it: a PostgreSQL URL, or a PGlite DATA_DIR. */
  async function scriptDatabase(dataDir: string): Promise<{ env: Record<string, string>; open: () => Promise<Database>; drop: () => Promise<void> }> {
    const postgres = inject('postgresTemplate')
    if (postgres) {
      const name = `cchc_t_${process.ppid}_${randomBytes(6).toString('hex')}`
      const admin = new pg.Client({ connectionString: postgres.serverUrl })
      await admin.connect()
      await admin.query(`create database ${name} template ${postgres.database}`)
      const url = databaseUrlFor(postgres.serverUrl, name)
      return {
        env: { DATABASE_URL: url },
        open: () => openDatabase({ databaseUrl: url, poolSize: 2 }),
        drop: async () => {
          await admin.query(`drop database if exists ${name} with (force)`)
          await admin.end()
        },
      }
    }
    const template = inject('pgliteTemplate')!
    const seeded = await openDatabase({ dataDir, loadDataDir: new Blob([await fs.readFile(template)]) })
    await seeded.close()
    return { env: { DATABASE_URL: '' }, open: () => openDatabase({ dataDir }), drop: async () => {} }
  }

  it('exits 1 naming the unit and entry of a truncated chain that the chains alone call intact', { timeout: 120_000 }, async () => {
    const dataDir = await tempDir('cchc-audit-scripts-')
    const emptyDir = await tempDir('cchc-no-checkpoints-')
    const target = await scriptDatabase(dataDir)
    try {
      const env = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development', ...target.env }
      const run = (script: string, extra: Record<string, string> = {}) =>
        promisify(execFile)('npx', ['tsx', script], { env: { ...env, ...extra } }).then(
          ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
          (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
        )

      const written = await run('scripts/audit-checkpoint.ts')
      expect(written.code, written.stderr).toBe(0)
      expect(written.stdout).toMatch(/"msg":"audit checkpoint written"/)
      expect(await fs.readdir(path.join(dataDir, 'audit-checkpoints'))).toEqual([checkpointFileName(1)])
      await expect(fs.stat(path.join(dataDir, 'audit-signing-key.pem'))).resolves.toBeTruthy()
      expect((await run('scripts/audit-checkpoint.ts')).stdout).toMatch(/nothing written/)

      const intact = await run('scripts/audit-verify.ts')
      expect(intact.code, intact.stderr).toBe(0)
      expect(intact.stdout).toMatch(/audit checkpoints intact: 1 checkpoints; the latest, number 1/)

      const database = await target.open()
      const victim = await longChain(database.db)
      try {
        await truncateChain(database.db, victim.unit_id, victim.last_seq)
      } finally {
        await database.close()
      }

      // Without checkpoints the truncation passes, and the script says what it cannot see.
      const blind = await run('scripts/audit-verify.ts', { AUDIT_CHECKPOINT_DIR: emptyDir })
      expect(blind.code, blind.stderr).toBe(0)
      expect(blind.stdout).toMatch(/audit chain intact/)
      expect(blind.stdout).toMatch(/no checkpoints in .*: deletions of the newest entries cannot be detected/)

      const broken = await run('scripts/audit-verify.ts')
      expect(broken.code).toBe(1)
      expect(broken.stderr).toContain(`audit checkpoints BROKEN at unit ${victim.unit_id}, entry ${victim.last_seq}: entry ${victim.last_seq}, recorded in checkpoint 1, is missing`)
    } finally {
      await target.drop()
    }
  })
})
