/**
 * The migration runner: one statement at a time inside the migration transaction, sequential
 * shard modification where Citus is loaded, nothing half applied, checksums enforced. Each test
 * uses an empty scratch database (PGlite in memory, or a new database on TEST_DATABASE_URL's server).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely'
import pg from 'pg'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { databaseUrlFor } from '../../test/global-setup.ts'
import { openDatabase, type Database } from './database.ts'
import { MigrationError, migrate } from './migrate.ts'

const opened: Array<{ database: Database; dir: string }> = []
afterEach(async () => {
  for (const { database, dir } of opened.splice(0)) {
    await database.close()
    await fs.rm(dir, { recursive: true, force: true })
  }
})

/** An empty database on one connection, and a folder of migration files. */
async function scratch(files: Record<string, string>): Promise<{ database: Database; dir: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cchc-migrate-'))
  for (const [name, text] of Object.entries(files)) await fs.writeFile(path.join(dir, name), text)
  const postgres = inject('postgresTemplate')
  let database: Database
  if (postgres) {
    const name = `cchc_t_${process.ppid}_${randomBytes(6).toString('hex')}`
    const admin = new pg.Client({ connectionString: postgres.serverUrl })
    await admin.connect()
    try {
      await admin.query(`create database ${name}`)
    } finally {
      await admin.end()
    }
    database = await openDatabase({ databaseUrl: databaseUrlFor(postgres.serverUrl, name), poolSize: 1 })
  } else database = await openDatabase({ dataDir: 'memory://' })
  opened.push({ database, dir })
  return { database, dir }
}

/** Records the text of every query sent through the instance. */
function recorder(): { plugin: KyselyPlugin; sent: string[] } {
  const sent: string[] = []
  const plugin: KyselyPlugin = {
    transformQuery({ node }) {
      const raw = node as RootOperationNode & { sqlFragments?: readonly string[] }
      if (raw.kind === 'RawNode' && raw.sqlFragments) sent.push(raw.sqlFragments.join('$?'))
      return node
    },
    transformResult: async ({ result }) => result,
  }
  return { plugin, sent }
}

const FUNCTION_FILE = `-- a function whose body holds semicolons
create table counters (id integer primary key, n integer not null);
insert into counters values (1, 0);
create function bump() returns void language plpgsql as $$
begin
  update counters set n = n + 1 where id = 1; -- inside the body
end
$$;
select bump(); select bump();
`

describe('migrate', () => {
  it('sends each statement of a file on its own, in order', async () => {
    const { database, dir } = await scratch({ '20990101T0000_first.sql': FUNCTION_FILE, '20990101T0100_second.sql': "insert into counters values (2, 7); -- ; not a statement\n" })
    const { plugin, sent } = recorder()
    expect(await migrate(database.db.withPlugin(plugin), dir)).toEqual(['20990101T0000_first.sql', '20990101T0100_second.sql'])
    const fileStatements = sent.filter((text) => !/pg_advisory_xact_lock|current_setting|create table if not exists schema_migrations/.test(text))
    expect(fileStatements.map((text) => text.split('\n').find((line) => line && !line.startsWith('--')))).toEqual([
      'create table counters (id integer primary key, n integer not null)',
      'insert into counters values (1, 0)',
      'create function bump() returns void language plpgsql as $$',
      'select bump()',
      'select bump()',
      'insert into counters values (2, 7)',
    ])
    const rows = await database.db.selectFrom('schema_migrations' as never).select(sql<string>`name`.as('name')).orderBy(sql`name`).execute()
    expect(rows.map((r) => r.name)).toEqual(['20990101T0000_first.sql', '20990101T0100_second.sql'])
    expect((await sql<{ n: number }>`select n from counters where id = 1`.execute(database.db)).rows[0]!.n).toBe(2)
    // Applied once: a second run sends nothing of the files.
    expect(await migrate(database.db, dir)).toEqual([])
  })

  it('leaves nothing applied when a statement fails, and names the file and statement', async () => {
    const { database, dir } = await scratch({ '20990101T0000_ok.sql': 'create table a (x integer);', '20990101T0100_bad.sql': 'create table b (x integer);\ninsert into nowhere values (1);' })
    await expect(migrate(database.db, dir)).rejects.toThrow(/Migration 20990101T0100_bad\.sql failed at statement 2 of 2: .*nowhere/)
    const tables = await sql<{ n: number }>`select count(*)::int as n from pg_class where relname in ('a', 'b', 'schema_migrations') and relkind = 'r'`.execute(database.db)
    expect(tables.rows[0]!.n).toBe(0)
  })

  it('refuses a file changed after it was applied, and a file it cannot split', async () => {
    const { database, dir } = await scratch({ '20990101T0000_a.sql': 'create table a (x integer);' })
    await migrate(database.db, dir)
    await fs.writeFile(path.join(dir, '20990101T0000_a.sql'), 'create table a (x integer, y integer);')
    await expect(migrate(database.db, dir)).rejects.toThrow(MigrationError)
    await fs.writeFile(path.join(dir, '20990101T0000_a.sql'), 'create table a (x integer);')
    await fs.writeFile(path.join(dir, '20990101T0100_b.sql'), "select 'open")
    await expect(migrate(database.db, dir)).rejects.toThrow(/20990101T0100_b\.sql cannot be read: unterminated string literal/)
  })

  it("runs with citus.multi_shard_modify_mode sequential where the setting exists, and leaves it as it was after", async () => {
    const { database, dir } = await scratch({ '20990101T0000_mode.sql': "create table modes as select current_setting('citus.multi_shard_modify_mode', true) as mode;" })
    // Without Citus the setting does not exist: nothing is set.
    const plain = await scratch({ '20990101T0000_mode.sql': "create table modes as select current_setting('citus.multi_shard_modify_mode', true) as mode;" })
    await migrate(plain.database.db, plain.dir)
    expect((await sql<{ mode: string | null }>`select mode from modes`.execute(plain.database.db)).rows[0]!.mode).toBeNull()
    // Where it exists (as on a Citus coordinator, here a placeholder of the same name on the one connection).
    await sql`set citus.multi_shard_modify_mode to 'parallel'`.execute(database.db)
    await migrate(database.db, dir)
    expect((await sql<{ mode: string }>`select mode from modes`.execute(database.db)).rows[0]!.mode).toBe('sequential')
    expect((await sql<{ mode: string }>`select current_setting('citus.multi_shard_modify_mode') as mode`.execute(database.db)).rows[0]!.mode).toBe('parallel')
  })
})
