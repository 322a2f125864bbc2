/**
 * Signed audit checkpoints: a witness of the audit chains kept outside the database (ADR 0006).
 *
 * The hash chains prove that no entry was changed or removed in the middle of a chain, but the
 * chain heads live in the same database: someone who can disable the trigger can delete the newest
 * entries of a chain and move its head back, or delete a whole chain with its head, and the chains
 * still verify. A checkpoint lists every chain head (unit, seq, hash) at one time, is signed with an
 * Ed25519 key the database never holds, carries the hash of the checkpoint before it, and is written
 * as a file outside the database (and logged). Verification then requires every entry a checkpoint
 * recorded to still exist with the recorded hash.
 *
 * `writeAuditCheckpoint` is a plain function so that a scheduler (today a timer started by
 * `startAuditCheckpoints`, later a job queue) or `npm run audit:checkpoint` can call it.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Kysely } from 'kysely'
import type { Config } from '../config.ts'
import { canonicalJson, GENESIS_HASH } from './audit.ts'
import type { Clock } from './clock.ts'
import type { DB } from './db/schema.ts'

export const CHECKPOINT_FORMAT = 'cchc.audit-checkpoint.v1'
const FILE_PATTERN = /^audit-checkpoint-(\d{8})\.json$/

export interface CheckpointHead {
  unitId: string
  seq: number
  hash: string
}

/** What is signed: every field of the file but the signature, as canonical JSON. */
export interface CheckpointBody {
  format: typeof CHECKPOINT_FORMAT
  /** 1, 2, 3, … with no gaps: a missing number is a deleted checkpoint. */
  number: number
  createdAt: string
  /** Short id of the public key that verifies the signature (SHA-256 of its SPKI form). */
  keyId: string
  /** Hash of the previous checkpoint's body (`checkpointHash`); GENESIS_HASH for number 1. */
  previous: string
  /** Every chain head at `createdAt`, by unit id. */
  heads: CheckpointHead[]
  /** SHA-256 of the canonical JSON of `heads`; also logged, as a second witness. */
  headsDigest: string
}

export interface AuditCheckpoint extends CheckpointBody {
  /** Ed25519 signature of the canonical JSON of the body, base64. */
  signature: string
}

/** Minimal logger: pino's and the scripts' console adapter both fit. */
export interface CheckpointLog {
  info(fields: object, message: string): void
  warn(fields: object, message: string): void
  error(fields: object, message: string): void
}

export interface AuditSigner {
  privateKey: KeyObject
  publicKey: KeyObject
  keyId: string
}

export function checkpointFileName(number: number): string {
  return `audit-checkpoint-${String(number).padStart(8, '0')}.json`
}

export function publicKeyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16)
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export function headsDigest(heads: CheckpointHead[]): string {
  return sha256(canonicalJson(heads))
}

function bodyOf(checkpoint: AuditCheckpoint): CheckpointBody {
  const { signature: _signature, ...body } = checkpoint
  return body
}

/** The hash the next checkpoint links to. */
export function checkpointHash(checkpoint: AuditCheckpoint | CheckpointBody): string {
  return sha256(canonicalJson('signature' in checkpoint ? bodyOf(checkpoint) : checkpoint))
}

export function signerFromPrivateKey(privateKey: KeyObject): AuditSigner {
  const publicKey = createPublicKey(privateKey)
  return { privateKey, publicKey, keyId: publicKeyId(publicKey) }
}

/** A new Ed25519 key pair, the private key as PKCS8 PEM (for tests and the local development key). */
export function generateAuditKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519')
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
}

type KeySettings = Pick<Config, 'auditSigningKey' | 'auditVerifyKey' | 'auditLocalKeyFile'>

/**
 * The signing key: AUDIT_SIGNING_KEY when set; otherwise, outside production, a key generated once
 * and kept in `auditLocalKeyFile` (under DATA_DIR, outside the database); otherwise null
 * (production without a key: no checkpoints).
 */
export async function resolveAuditSigner(config: KeySettings): Promise<AuditSigner | null> {
  if (config.auditSigningKey) return signerFromPrivateKey(createPrivateKey(config.auditSigningKey))
  if (!config.auditLocalKeyFile) return null
  await fs.mkdir(path.dirname(config.auditLocalKeyFile), { recursive: true })
  try {
    // `wx`: never replace an existing key, even when two processes start at once.
    await fs.writeFile(config.auditLocalKeyFile, generateAuditKeyPem(), { mode: 0o600, flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
  return signerFromPrivateKey(createPrivateKey(await fs.readFile(config.auditLocalKeyFile, 'utf8')))
}

/** The key that verifies checkpoints: AUDIT_VERIFY_KEY, or the public half of the signing key. */
export async function resolveAuditVerifyKey(config: KeySettings): Promise<KeyObject | null> {
  if (config.auditVerifyKey) return createPublicKey(config.auditVerifyKey)
  if (config.auditSigningKey) return createPublicKey(createPrivateKey(config.auditSigningKey))
  if (config.auditLocalKeyFile) {
    const pem = await fs.readFile(config.auditLocalKeyFile, 'utf8').catch(() => null)
    if (pem) return createPublicKey(createPrivateKey(pem))
  }
  return null
}

export interface LoadedCheckpoint {
  file: string
  checkpoint: AuditCheckpoint
}

export interface CheckpointProblem {
  /** The checkpoint file concerned, when the problem is in a file. */
  file?: string
  /** The unit and entry concerned, when the problem is in the database. */
  unitId?: string
  seq?: number
  reason: string
}

function parseCheckpoint(text: string): AuditCheckpoint | string {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return 'is not JSON'
  }
  const c = value as Partial<AuditCheckpoint>
  if (!c || typeof c !== 'object' || c.format !== CHECKPOINT_FORMAT) return `is not a ${CHECKPOINT_FORMAT} file`
  const validHead = (h: unknown) => {
    const head = h as Partial<CheckpointHead>
    return !!head && typeof head.unitId === 'string' && Number.isSafeInteger(head.seq) && typeof head.hash === 'string'
  }
  if (
    !Number.isSafeInteger(c.number) ||
    typeof c.createdAt !== 'string' ||
    typeof c.keyId !== 'string' ||
    typeof c.previous !== 'string' ||
    typeof c.headsDigest !== 'string' ||
    typeof c.signature !== 'string' ||
    !Array.isArray(c.heads) ||
    !c.heads.every(validHead)
  ) {
    return 'lacks a field or has one of the wrong type'
  }
  return c as AuditCheckpoint
}

/** Every checkpoint file of the folder, in number order; files that cannot be read are problems. */
export async function readAuditCheckpoints(dir: string): Promise<{ loaded: LoadedCheckpoint[]; problems: CheckpointProblem[] }> {
  const names = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[]
    throw error
  })
  const loaded: LoadedCheckpoint[] = []
  const problems: CheckpointProblem[] = []
  for (const name of names.filter((n) => FILE_PATTERN.test(n)).sort()) {
    const parsed = parseCheckpoint(await fs.readFile(path.join(dir, name), 'utf8'))
    if (typeof parsed === 'string') problems.push({ file: name, reason: `checkpoint file ${parsed}` })
    else if (checkpointFileName(parsed.number) !== name) problems.push({ file: name, reason: `checkpoint file holds number ${parsed.number}, not the one in its name` })
    else loaded.push({ file: name, checkpoint: parsed })
  }
  return { loaded, problems }
}

/** Checks one checkpoint's own content: digest of its heads and its signature. */
function checkpointIntegrity(checkpoint: AuditCheckpoint, verifyKey: KeyObject): string | null {
  if (headsDigest(checkpoint.heads) !== checkpoint.headsDigest) return 'its heads do not match its heads digest (the file was changed)'
  const signed = Buffer.from(canonicalJson(bodyOf(checkpoint)))
  let valid = false
  try {
    valid = verify(null, signed, verifyKey, Buffer.from(checkpoint.signature, 'base64'))
  } catch {
    valid = false
  }
  if (!valid) {
    return checkpoint.keyId === publicKeyId(verifyKey)
      ? 'its signature does not match its content (the file was changed or forged)'
      : `it is signed by key ${checkpoint.keyId}, not by the verification key ${publicKeyId(verifyKey)}`
  }
  return null
}

async function currentHeads(db: Kysely<DB>): Promise<CheckpointHead[]> {
  const rows = await db.selectFrom('audit_chain_heads').select(['unit_id', 'last_seq', 'last_hash']).orderBy('unit_id').execute()
  return rows.map((row) => ({ unitId: row.unit_id, seq: row.last_seq, hash: row.last_hash }))
}

async function fsyncPath(target: string): Promise<void> {
  const handle = await fs.open(target, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Writes `text` to `target` durably and without ever replacing an existing file. */
async function writeFileOnce(target: string, text: string): Promise<boolean> {
  const temp = path.join(path.dirname(target), `.tmp-${path.basename(target)}-${process.pid}-${Date.now()}`)
  const handle = await fs.open(temp, 'wx', 0o644)
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    // A hard link is an atomic rename that fails instead of replacing: two writers racing for the
    // same number cannot overwrite each other's checkpoint.
    await fs.link(temp, target)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error
    // A file system without hard links (some network shares): check, then rename (not race-free).
    if (await fs.access(target).then(() => true, () => false)) return false
    await fs.rename(temp, target)
  } finally {
    await fs.rm(temp, { force: true })
  }
  await fsyncPath(path.dirname(target))
  return true
}

export interface CheckpointWriteResult {
  /** False when no head changed since the latest checkpoint (or there are no chains yet). */
  written: boolean
  /** The checkpoint written, or the latest one when nothing was written. */
  checkpoint: AuditCheckpoint | null
  file: string | null
  /**
   * Chains that went backwards since the latest checkpoint (a head lower, a different hash at the
   * same seq, or a chain gone): tampering. The checkpoint is still written, as a witness of what is
   * there now; the earlier checkpoint keeps the evidence and `verifyAuditCheckpoints` reports it.
   */
  regressions: CheckpointProblem[]
}

export interface WriteCheckpointOptions {
  db: Kysely<DB>
  clock: Clock
  signer: AuditSigner
  dir: string
  log?: CheckpointLog | undefined
}

/**
 * Writes a signed checkpoint of every chain head to `dir`, linked to the latest checkpoint there,
 * when some head changed since it. Logs one info line with the heads digest.
 */
export async function writeAuditCheckpoint({ db, clock, signer, dir, log }: WriteCheckpointOptions): Promise<CheckpointWriteResult> {
  await fs.mkdir(dir, { recursive: true })
  for (let attempt = 0; ; attempt++) {
    const { loaded } = await readAuditCheckpoints(dir)
    const latest = loaded.at(-1)?.checkpoint ?? null
    if (latest) {
      const problem = checkpointIntegrity(latest, signer.publicKey)
      // Chaining to a file this key did not sign would vouch for it; refuse, loudly.
      if (problem) throw new Error(`latest audit checkpoint ${checkpointFileName(latest.number)} cannot be extended: ${problem}`)
    }
    const heads = await currentHeads(db)
    const digest = headsDigest(heads)
    if ((latest && latest.headsDigest === digest) || (!latest && heads.length === 0)) {
      return { written: false, checkpoint: latest, file: latest ? checkpointFileName(latest.number) : null, regressions: [] }
    }

    const regressions: CheckpointProblem[] = []
    if (latest) {
      const now = new Map(heads.map((head) => [head.unitId, head]))
      for (const before of latest.heads) {
        const after = now.get(before.unitId)
        if (!after) regressions.push({ unitId: before.unitId, seq: before.seq, reason: `chain listed in checkpoint ${latest.number} no longer exists` })
        else if (after.seq < before.seq) regressions.push({ unitId: before.unitId, seq: before.seq, reason: `chain head moved back from ${before.seq} to ${after.seq}` })
        else if (after.seq === before.seq && after.hash !== before.hash) regressions.push({ unitId: before.unitId, seq: before.seq, reason: `head hash changed at ${before.seq}` })
      }
    }

    const body: CheckpointBody = {
      format: CHECKPOINT_FORMAT,
      number: (latest?.number ?? 0) + 1,
      createdAt: clock.now().toISOString(),
      keyId: signer.keyId,
      previous: latest ? checkpointHash(latest) : GENESIS_HASH,
      heads,
      headsDigest: digest,
    }
    const checkpoint: AuditCheckpoint = { ...body, signature: sign(null, Buffer.from(canonicalJson(body)), signer.privateKey).toString('base64') }
    const file = checkpointFileName(body.number)
    if (!(await writeFileOnce(path.join(dir, file), `${JSON.stringify(checkpoint, null, 2)}\n`))) {
      // Another writer took this number first: read again and chain to its checkpoint.
      if (attempt < 3) continue
      throw new Error(`could not write audit checkpoint ${file}: another writer keeps taking the number`)
    }
    for (const regression of regressions) log?.error({ unitId: regression.unitId, seq: regression.seq }, `audit chain went backwards since the previous checkpoint: ${regression.reason}`)
    log?.info(
      { checkpoint: body.number, createdAt: body.createdAt, chains: heads.length, headsDigest: digest, checkpointHash: checkpointHash(body), keyId: signer.keyId },
      'audit checkpoint written',
    )
    return { written: true, checkpoint, file, regressions }
  }
}

export interface CheckpointVerification {
  /** Checkpoint files found (readable or not). */
  checkpoints: number
  latest: { number: number; createdAt: string; chains: number; headsDigest: string; file: string } | null
  /** Every problem found, files first, then units (the first failing seq of each unit). */
  problems: CheckpointProblem[]
}

export interface VerifyCheckpointsOptions {
  db: Kysely<DB>
  dir: string
  /** Needed as soon as there is a checkpoint; without it every checkpoint is reported unverifiable. */
  verifyKey: KeyObject | null
}

/**
 * Verifies the checkpoint files (signatures, numbering and links) and then that every entry a
 * checkpoint recorded is still in the database with the recorded hash. Together with
 * `verifyAuditChain` this finds entries removed from the end of a chain, a head moved back, and a
 * chain deleted with its head, up to the latest checkpoint.
 */
export async function verifyAuditCheckpoints({ db, dir, verifyKey }: VerifyCheckpointsOptions): Promise<CheckpointVerification> {
  const { loaded, problems } = await readAuditCheckpoints(dir)
  const count = loaded.length + problems.length
  if (count === 0) return { checkpoints: 0, latest: null, problems }
  if (!verifyKey) {
    return { checkpoints: count, latest: null, problems: [...problems, { reason: 'checkpoints exist but no verification key is configured (AUDIT_VERIFY_KEY)' }] }
  }

  // The files: each one signed by the key, numbered 1, 2, 3, … and linked to the one before.
  const trusted: LoadedCheckpoint[] = []
  let previous: AuditCheckpoint | null = null
  let expectedNumber = 1
  for (const item of loaded) {
    const { checkpoint, file } = item
    const integrity = checkpointIntegrity(checkpoint, verifyKey)
    if (integrity) {
      problems.push({ file, reason: `checkpoint ${checkpoint.number} is not valid: ${integrity}` })
      previous = null
      expectedNumber = checkpoint.number + 1
      continue
    }
    if (checkpoint.number !== expectedNumber) {
      const missing = expectedNumber === checkpoint.number - 1 ? `checkpoint ${expectedNumber} is` : `checkpoints ${expectedNumber} to ${checkpoint.number - 1} are`
      problems.push({ file, reason: `${missing} missing (deleted) before checkpoint ${checkpoint.number}` })
    } else if (previous && checkpoint.previous !== checkpointHash(previous)) {
      problems.push({ file, reason: `checkpoint ${checkpoint.number} does not link to checkpoint ${previous.number} (one of them was replaced)` })
    }
    trusted.push(item)
    previous = checkpoint
    expectedNumber = checkpoint.number + 1
  }

  // The database: every (unit, seq) a valid checkpoint recorded must still hold the recorded hash.
  // Unchanged heads repeat from one checkpoint to the next, so each one is looked up once.
  const expected = new Map<string, Map<number, { hash: string; checkpoint: number }>>()
  for (const { checkpoint } of trusted) {
    for (const head of checkpoint.heads) {
      let bySeq = expected.get(head.unitId)
      if (!bySeq) expected.set(head.unitId, (bySeq = new Map()))
      const seen = bySeq.get(head.seq)
      if (seen && seen.hash !== head.hash) {
        problems.push({ unitId: head.unitId, seq: head.seq, reason: `checkpoints ${seen.checkpoint} and ${checkpoint.number} record different hashes for entry ${head.seq} (the chain was rewritten between them)` })
      }
      bySeq.set(head.seq, { hash: head.hash, checkpoint: checkpoint.number })
    }
  }
  const unitIds = [...expected.keys()].sort()
  const headRows = unitIds.length ? await db.selectFrom('audit_chain_heads').select('unit_id').where('unit_id', 'in', unitIds).execute() : []
  const withHead = new Set(headRows.map((row) => row.unit_id))
  for (const unitId of unitIds) {
    const bySeq = expected.get(unitId)!
    const seqs = [...bySeq.keys()].sort((a, b) => a - b)
    const found = new Map<number, string>()
    for (let i = 0; i < seqs.length; i += 1000) {
      const rows = await db.selectFrom('audit_entries').select(['seq', 'hash']).where('unit_id', '=', unitId).where('seq', 'in', seqs.slice(i, i + 1000)).execute()
      for (const row of rows) found.set(row.seq, row.hash)
    }
    if (found.size === 0 && !withHead.has(unitId)) {
      const last = seqs.at(-1)!
      problems.push({ unitId, seq: last, reason: `the chain is gone: checkpoint ${bySeq.get(last)!.checkpoint} recorded it up to entry ${last}, the database has neither its entries nor its head` })
      continue
    }
    for (const seq of seqs) {
      const want = bySeq.get(seq)!
      const have = found.get(seq)
      if (have === undefined) {
        problems.push({ unitId, seq, reason: `entry ${seq}, recorded in checkpoint ${want.checkpoint}, is missing (entries were removed after the checkpoint)` })
        break
      }
      if (have !== want.hash) {
        problems.push({ unitId, seq, reason: `entry ${seq} is not the one recorded in checkpoint ${want.checkpoint} (the chain was rewritten)` })
        break
      }
    }
  }

  const last = loaded.at(-1)
  return {
    checkpoints: count,
    latest: last
      ? { number: last.checkpoint.number, createdAt: last.checkpoint.createdAt, chains: last.checkpoint.heads.length, headsDigest: last.checkpoint.headsDigest, file: last.file }
      : null,
    problems,
  }
}

export interface CheckpointTimer {
  /** Stops the timer, waits for a write in progress, then writes a last checkpoint. */
  stop(): Promise<void>
}

/**
 * Writes a checkpoint now and then every `auditCheckpointMinutes` (skipped when no head changed),
 * and a last one on stop. Production without AUDIT_SIGNING_KEY: no checkpoints, one warning.
 */
export async function startAuditCheckpoints(options: {
  db: Kysely<DB>
  clock: Clock
  config: Pick<Config, 'auditSigningKey' | 'auditVerifyKey' | 'auditLocalKeyFile' | 'auditCheckpointDir' | 'auditCheckpointMinutes'>
  log: CheckpointLog
}): Promise<CheckpointTimer> {
  const { db, clock, config, log } = options
  const off: CheckpointTimer = { stop: async () => {} }
  if (config.auditCheckpointMinutes === 0) {
    log.info({}, 'audit checkpoint timer off (AUDIT_CHECKPOINT_MINUTES=0): run npm run audit:checkpoint from a scheduler')
    return off
  }
  const signer = await resolveAuditSigner(config)
  if (!signer) {
    log.warn({}, 'audit checkpoints are off: AUDIT_SIGNING_KEY is not set, so deletions of the newest audit entries cannot be detected')
    return off
  }
  log.info({ keyId: signer.keyId, dir: config.auditCheckpointDir, minutes: config.auditCheckpointMinutes }, 'audit checkpoints on')
  let running: Promise<void> | null = null
  const tick = (): Promise<void> => {
    running ??= writeAuditCheckpoint({ db, clock, signer, dir: config.auditCheckpointDir, log })
      .then(
        () => {},
        (error: unknown) => log.error({ err: error }, 'audit checkpoint failed'),
      )
      .finally(() => {
        running = null
      })
    return running
  }
  void tick()
  const timer = setInterval(() => void tick(), config.auditCheckpointMinutes * 60_000)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      await running
      await tick()
    },
  }
}
