/**
 * Writer process for the durability test (durability.test.ts), run as its own process so the test
 * can SIGKILL it: `node --import tsx server/test/durability/ack-server.ts`.
 *
 * It uses the platform's real database layer (`openDatabase`, `migrate`) and audit writer
 * (`recordAudit`), so what is tested is the code path every real write takes: a Kysely
 * transaction, on PGlite through server/platform/db/pglite-dialect.ts.
 *
 *   POST /ack {token}  inserts the token into `durability_probe` AND appends an audit entry for it,
 *                      in one transaction; replies 201 only after that transaction committed.
 *   GET  /state        every stored token, every token with an audit entry, and the result of
 *                      `verifyAuditChain` (read after a restart).
 *
 * Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (PGlite folder); PORT (0 picks a free port).
 * Prints `ready <port>` on stdout once listening on 127.0.0.1.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import Fastify from 'fastify'
import { sql } from 'kysely'
import { recordAudit, verifyAuditChain, type AuditContext } from '../../platform/audit.ts'
import { systemClock } from '../../platform/clock.ts'
import { openDatabase } from '../../platform/db/database.ts'
import { migrate } from '../../platform/db/migrate.ts'

const SYSTEM: AuditContext = { actor: null, requestId: null, ip: null }
const PROBE_UNIT_CODE = '98'

const databaseUrl = process.env.DATABASE_URL || undefined
const dataDir = process.env.DATA_DIR || undefined
if (!databaseUrl && !dataDir) {
  console.error('ack-server: set DATABASE_URL or DATA_DIR')
  process.exit(2)
}
const port = Number(process.env.PORT ?? 0)

// PGlite only: first start from a dump of a migrated data directory (the test suite's template)
// instead of running initdb, which costs several seconds and ~850 MB.
const loadDataDir = process.env.LOAD_DATA_DIR ? new Blob([await fs.readFile(process.env.LOAD_DATA_DIR)]) : undefined

const database = await openDatabase({ databaseUrl, dataDir, poolSize: 10, loadDataDir })
const { db } = database
await migrate(db)
// The probe table belongs to this test only: plain SQL, never a project migration.
await sql`create table if not exists durability_probe (token text primary key)`.execute(db)

// The unit whose audit chain receives the probe entries: an existing one, or one made here.
const unitId = await db.transaction().execute(async (trx) => {
  const existing = await trx.selectFrom('admin_units').select('id').orderBy('code').limit(1).executeTakeFirst()
  if (existing) return existing.id
  const id = randomUUID()
  const now = systemClock.now()
  await trx
    .insertInto('admin_units')
    .values({ id, code: PROBE_UNIT_CODE, name: 'Durability probe province', level: 'province', kind: 'province', parent_id: null, path: `/${id}/`, valid_from: '2020-01-01', created_at: now, updated_at: now })
    .execute()
  await recordAudit(trx, systemClock, SYSTEM, { unitId: id, agencyId: null, action: 'unit.created', subjectType: 'admin_unit', subjectId: id, after: { code: PROBE_UNIT_CODE, source: 'durability-test' } })
  return id
})

const app = Fastify({ logger: false, bodyLimit: 16 * 1024 * 1024 })

app.post<{ Body: { token: string } }>(
  '/ack',
  { schema: { body: { type: 'object', required: ['token'], properties: { token: { type: 'string', minLength: 1, maxLength: 200 } } } } },
  async (request, reply) => {
    const { token } = request.body
    await db.transaction().execute(async (trx) => {
      await sql`insert into durability_probe (token) values (${token})`.execute(trx)
      await recordAudit(trx, systemClock, { actor: null, requestId: request.id, ip: null }, { unitId, agencyId: null, action: 'durability.probe', subjectType: 'durability_probe', subjectId: token, after: { token } })
    })
    // Only reached after COMMIT returned.
    return reply.code(201).send({ token })
  },
)

app.get('/state', async () => {
  const tokens = await sql<{ token: string }>`select token from durability_probe`.execute(db)
  const audited = await db.selectFrom('audit_entries').select('subject_id').where('action', '=', 'durability.probe').execute()
  const verification = await verifyAuditChain(db)
  return { kind: database.kind, tokens: tokens.rows.map((row) => row.token), auditedTokens: audited.map((row) => row.subject_id), verification }
})

const shutdown = async () => {
  await app.close()
  await database.close()
  process.exit(0)
}
process.once('SIGTERM', () => void shutdown())
process.once('SIGINT', () => void shutdown())

await app.listen({ host: '127.0.0.1', port })
const address = app.server.address()
console.log(`ready ${typeof address === 'object' && address ? address.port : port}`)
