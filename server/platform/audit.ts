/**
 * The audit trail. `recordAudit` is called inside the transaction of the change it describes, so
 * the entry exists exactly when the change does. Entries form one hash chain per unit: each hash
 * covers the entry's content and the previous hash, so editing, deleting or reordering an entry
 * breaks every later link. The table refuses UPDATE and DELETE (a trigger); `verifyAuditChain`
 * finds tampering done around the trigger. The chain heads are witnessed outside the database by
 * signed checkpoints (`audit-checkpoints.ts`), which find entries removed from a chain's end.
 */
import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Actor } from './auth/actor.ts'
import type { Clock } from './clock.ts'
import { invalidateReadCaches } from './cache/read-cache.ts'
import type { AuditEntryRow, DB } from './db/schema.ts'

export const GENESIS_HASH = '0'.repeat(64)

export interface AuditInput {
  /** The unit whose chain receives the entry (the distribution key of the changed record). */
  unitId: string
  /** Agency subtree the change belongs to, for scoped reading; null for unit-level records. */
  agencyId: string | null
  /** Dotted verb, e.g. `user.created`, `agency.identity_code_assigned`. */
  action: string
  subjectType: string
  subjectId: string
  /** A summary of the change: what it was and what it became. Never passwords or secrets. */
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

export interface AuditContext {
  actor: Pick<Actor, 'type' | 'userId' | 'tokenId' | 'name'> | null
  requestId: string | null
  ip: string | null
}

/** JSON with object keys sorted at every depth: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value))
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value instanceof Date) return value.toISOString()
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    )
  }
  return value
}

type HashedFields = Omit<AuditEntryRow, 'hash'>

/** The hash of an entry: SHA-256 over its canonical content, previous hash included. */
export function hashAuditEntry(entry: HashedFields): string {
  const content = [
    entry.unit_id,
    entry.seq,
    new Date(entry.occurred_at).toISOString(),
    entry.actor_type,
    entry.actor_id,
    entry.actor_name,
    entry.action,
    entry.subject_type,
    entry.subject_id,
    entry.agency_id,
    sortKeys(entry.changes),
    entry.request_id,
    entry.ip,
    entry.prev_hash,
  ]
  return createHash('sha256').update(JSON.stringify(content)).digest('hex')
}

/** Appends one entry to the unit's chain, inside the caller's transaction. */
export async function recordAudit(trx: Transaction<DB>, clock: Clock, context: AuditContext, input: AuditInput): Promise<void> {
  await trx
    .insertInto('audit_chain_heads')
    .values({ unit_id: input.unitId, last_seq: 0, last_hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('unit_id').doNothing())
    .execute()
  // The row lock serialises writers of one unit's chain until this transaction ends.
  const head = await trx
    .selectFrom('audit_chain_heads')
    .select(['last_seq', 'last_hash'])
    .where('unit_id', '=', input.unitId)
    .forUpdate()
    .executeTakeFirstOrThrow()

  const actor = context.actor
  const entry: HashedFields = {
    unit_id: input.unitId,
    seq: head.last_seq + 1,
    // Millisecond precision survives the round trip through timestamptz exactly.
    occurred_at: new Date(clock.now().getTime()),
    actor_type: actor?.type ?? 'system',
    actor_id: actor ? (actor.type === 'api_token' ? actor.tokenId : actor.userId) : null,
    actor_name: actor?.name ?? 'system',
    action: input.action,
    subject_type: input.subjectType,
    subject_id: input.subjectId,
    agency_id: input.agencyId,
    changes: JSON.parse(canonicalJson({ before: input.before ?? null, after: input.after ?? null })),
    request_id: context.requestId,
    ip: context.ip,
    prev_hash: head.last_hash,
  }
  const hash = hashAuditEntry(entry)
  await trx
    .insertInto('audit_entries')
    .values({ ...entry, changes: JSON.stringify(entry.changes), hash })
    .execute()
  await trx
    .updateTable('audit_chain_heads')
    .set({ last_seq: entry.seq, last_hash: hash })
    .where('unit_id', '=', input.unitId)
    .execute()
  // Every audited change empties this process's read caches of its subject (ADR 0018).
  invalidateReadCaches(input.subjectType)
}

export interface AuditBreak {
  unitId: string
  seq: number
  reason: string
}

export interface AuditVerification {
  entries: number
  chains: number
  firstBreak: AuditBreak | null
}

/** Walks every chain in order and reports the first entry whose link or content does not hold. */
export async function verifyAuditChain(db: Kysely<DB>, batchSize = 5000): Promise<AuditVerification> {
  const heads = await db.selectFrom('audit_chain_heads').selectAll().orderBy('unit_id').execute()
  const chainUnits = new Set(heads.map((head) => head.unit_id))
  const orphan = await db
    .selectFrom('audit_entries')
    .select(['unit_id', 'seq'])
    .where('unit_id', 'not in', heads.length ? [...chainUnits] : ['00000000-0000-0000-0000-000000000000'])
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst()
  if (orphan) return { entries: 0, chains: heads.length, firstBreak: { unitId: orphan.unit_id, seq: orphan.seq, reason: 'entry without a chain head' } }

  let entries = 0
  for (const head of heads) {
    let expectedSeq = 1
    let prevHash = GENESIS_HASH
    for (;;) {
      const rows = await db
        .selectFrom('audit_entries')
        .selectAll()
        .where('unit_id', '=', head.unit_id)
        .where('seq', '>=', expectedSeq)
        .orderBy('seq')
        .limit(batchSize)
        .execute()
      for (const row of rows) {
        const fail = (reason: string) => ({ entries, chains: heads.length, firstBreak: { unitId: head.unit_id, seq: row.seq, reason } })
        if (row.seq !== expectedSeq) return { entries, chains: heads.length, firstBreak: { unitId: head.unit_id, seq: expectedSeq, reason: `entry ${expectedSeq} is missing` } }
        if (row.prev_hash !== prevHash) return fail('previous-hash link does not match the entry before it')
        const { hash, ...fields } = row
        if (hashAuditEntry(fields) !== hash) return fail('content does not match its hash (the entry was changed)')
        prevHash = hash
        expectedSeq += 1
        entries += 1
      }
      if (rows.length < batchSize) break
    }
    if (head.last_seq !== expectedSeq - 1 || head.last_hash !== prevHash) {
      return { entries, chains: heads.length, firstBreak: { unitId: head.unit_id, seq: expectedSeq, reason: `chain ends at ${expectedSeq - 1} but its head records ${head.last_seq} (entries were removed)` } }
    }
  }
  return { entries, chains: heads.length, firstBreak: null }
}
