/**
 * Opens the one database the platform uses: PostgreSQL when a URL is given, otherwise PGlite
 * (PostgreSQL compiled to WebAssembly, in process) with its files under the data folder. Both
 * are driven through the same Kysely instance, so every query and migration is the same SQL.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import type { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { PGliteDialect } from './pglite-dialect.ts'
import type { DB } from './schema.ts'

export const DATABASE_TIME_ZONE = 'Asia/Ho_Chi_Minh'

export interface DatabaseOptions {
  /** postgres:// URL; when absent, PGlite under `dataDir`. */
  databaseUrl?: string | undefined
  /** Folder of the embedded database's files (PGlite only). `memory://` keeps it in memory. */
  dataDir?: string | undefined
  poolSize?: number | undefined
  /** PGlite only: start from this dump of a data directory (tests use a migrated, seeded template). */
  loadDataDir?: Blob | undefined
}

export interface Database {
  readonly db: Kysely<DB>
  readonly kind: 'postgres' | 'pglite'
  /** The embedded instance, when the database is PGlite (for dumps in tests and tools). */
  readonly pglite?: PGlite
  /** Runs `select 1`; throws when the database cannot answer. */
  ping(): Promise<void>
  close(): Promise<void>
}

// Identical result types on both drivers: bigint as number (counts and sequence numbers stay far
// below 2^53), `date` as its 'yyyy-MM-dd' text (never a Date shifted by the host time zone).
const INT8 = 20
const DATE = 1082
const parseInt8 = (value: string) => Number(value)
const keepText = (value: string) => value

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10)
  return openPGlite(options.dataDir ?? 'data', options.loadDataDir)
}

async function openPostgres(connectionString: string, poolSize: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    // A server that does not answer fails the request (503) instead of holding it open.
    connectionTimeoutMillis: 5_000,
    options: `-c TimeZone=${DATABASE_TIME_ZONE}`,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === INT8) return parseInt8
        if (oid === DATE) return keepText
        return pg.types.getTypeParser(oid, format)
      }) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {})
  // Nor may a client that is checked out when its connection drops: pg then fails the query *and*
  // emits 'error' on the client, which (with no listener) is an uncaught exception. The query's
  // own rejection is what reports the failure (as a 503, server/platform/http/problem.ts).
  pool.on('connect', (client) => client.on('error', () => {}))
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    kind: 'postgres',
    ping: async () => {
      await sql`select 1`.execute(db)
    },
    close: () => db.destroy(),
  }
}

async function openPGlite(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  let location = dataDir
  if (!dataDir.startsWith('memory://')) {
    location = path.join(dataDir, 'pglite')
    await fs.mkdir(location, { recursive: true })
  }
  // Loaded only when used: a PostgreSQL deployment never pays for the WebAssembly build.
  const { PGlite } = await import('@electric-sql/pglite')
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent')
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist')
  const pglite = await PGlite.create(location, {
    relaxedDurability: false,
    // The contrib modules the migrations use (diacritic-blind search; exclusion constraints over periods).
    extensions: { unaccent, pg_trgm, btree_gist },
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [INT8]: parseInt8, [DATE]: keepText },
  })
  await pglite.exec(`set time zone '${DATABASE_TIME_ZONE}'`)
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) })
  return {
    db,
    kind: 'pglite',
    pglite,
    ping: async () => {
      await sql`select 1`.execute(db)
    },
    close: () => db.destroy(),
  }
}
