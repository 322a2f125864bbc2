/**
 * Raw-driver baseline for GET /api/me/agency: bare Fastify and `pg` directly, answering the same
 * question with the least work: one SQL statement that resolves the session cookie (by its keyed
 * hash, as the real server stores it) and selects the session user's agency with its unit name
 * and current identity code. No Kysely, no grants, no plugins.
 *
 * Reads PORT, HOST, DATABASE_URL and SESSION_SECRET (the same value the real server was given).
 */
import Fastify from 'fastify'
import pg from 'pg'
import { keyedHash } from '../server/platform/auth/tokens.ts'

const databaseUrl = process.env.DATABASE_URL
const sessionSecret = process.env.SESSION_SECRET
if (!databaseUrl || !sessionSecret) throw new Error('DATABASE_URL and SESSION_SECRET are required')

// Same pool size and session time zone as the real server's defaults (server/platform/db/database.ts).
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, options: '-c TimeZone=Asia/Ho_Chi_Minh' })
pool.on('error', () => {})

const ME_AGENCY_SQL = `
  select a.id, a.unit_id, au.name as unit_name, a.parent_id, a.name, a.short_name, a.kind,
         a.valid_from::text as valid_from, a.valid_to::text as valid_to,
         (select c.code from agency_identity_codes c where c.agency_id = a.id order by c.valid_from desc limit 1) as identity_code
    from sessions s
    join users u on u.id = s.user_id
    join agencies a on a.id = u.agency_id
    join admin_units au on au.id = a.unit_id
   where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now() and u.status = 'active'`

interface Row {
  id: string
  unit_id: string
  unit_name: string
  parent_id: string | null
  name: string
  short_name: string | null
  kind: string
  valid_from: string
  valid_to: string | null
  identity_code: string | null
}

const app = Fastify({ logger: { level: 'warn' } })

app.get('/api/health', async () => ({ status: 'ok', database: 'postgres', version: 'raw-pg' }))

app.get('/api/me/agency', async (request, reply) => {
  const token = /(?:^|;\s*)cchc_session=([^;]+)/.exec(request.headers.cookie ?? '')?.[1]
  if (!token) return reply.code(401).send({ code: 'auth.unauthenticated' })
  const { rows } = await pool.query<Row>(ME_AGENCY_SQL, [keyedHash(sessionSecret, `session:${token}`)])
  const row = rows[0]
  if (!row) return reply.code(401).send({ code: 'auth.unauthenticated' })
  return {
    id: row.id,
    unitId: row.unit_id,
    unitName: row.unit_name,
    parentId: row.parent_id,
    name: row.name,
    shortName: row.short_name,
    kind: row.kind,
    identityCode: row.identity_code,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  }
})

await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' })

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app.close().then(() => pool.end()).then(() => process.exit(0))
  })
}
