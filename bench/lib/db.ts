/**
 * The benchmark's own PostgreSQL database. The server comes from DATABASE_URL when set, otherwise
 * the local server CI uses (postgres@127.0.0.1:5432, trust auth). The database itself is always a
 * dedicated one (`cchc_bench`, or BENCH_DB_NAME), dropped and created through the `postgres`
 * maintenance database, so a run never touches any other data.
 */
import pg from 'pg'

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

export interface BenchDatabase {
  /** URL of the dedicated benchmark database. */
  url: string
  name: string
  /** URL of the maintenance database on the same server. */
  adminUrl: string
  /** A password-free description for logs. */
  describe: string
  /** The server is on this machine (a remote one adds network latency to every query). */
  isLocal: boolean
}

export function benchDatabase(env: NodeJS.ProcessEnv = process.env): BenchDatabase {
  const name = env.BENCH_DB_NAME?.trim() || 'cchc_bench'
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`BENCH_DB_NAME must be a plain lower-case identifier, got "${name}"`)
  const server = new URL(env.DATABASE_URL?.trim() || DEFAULT_SERVER_URL)
  const at = (database: string) => {
    const url = new URL(server)
    url.pathname = `/${database}`
    return url.toString()
  }
  return {
    url: at(name),
    name,
    adminUrl: at('postgres'),
    describe: `${server.hostname}:${server.port || 5432}/${name}`,
    isLocal: ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(server.hostname),
  }
}

async function withAdmin<T>(db: BenchDatabase, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: db.adminUrl, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

async function dropIfExists(client: pg.Client, name: string): Promise<void> {
  await client.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name])
  await client.query(`drop database if exists "${name}"`)
}

/** Drops and creates the benchmark database; returns the server's version string. */
export async function recreateDatabase(db: BenchDatabase): Promise<string> {
  return withAdmin(db, async (client) => {
    await dropIfExists(client, db.name)
    await client.query(`create database "${db.name}"`)
    const { rows } = await client.query<{ server_version: string }>('show server_version')
    return rows[0]?.server_version ?? 'unknown'
  })
}

export async function dropDatabase(db: BenchDatabase): Promise<void> {
  await withAdmin(db, (client) => dropIfExists(client, db.name))
}
