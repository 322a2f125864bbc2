/**
 * Forward-only SQL migrations: every `server/migrations/*.sql` file, in name order, applied once.
 * All pending files run in one transaction under an advisory lock, so two servers starting at
 * once never apply a file twice and a failed file leaves nothing half applied. An applied file
 * whose content has changed stops the start: merged migrations are never edited.
 *
 * Each file is sent one statement at a time (Citus refuses some DDL on distributed and reference
 * tables inside a multi-statement query string), and on a Citus coordinator the transaction runs
 * with `citus.multi_shard_modify_mode` sequential, so DDL after a write to a distributed table in
 * the same transaction does not fail over parallel shard connections (ADR 0015).
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import type { DB } from './schema.ts'
import { splitSqlStatements } from './sql-statements.ts'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url))

/** Lock key shared by every process that migrates this database (an arbitrary constant). */
const MIGRATION_LOCK_KEY = 7_361_902_114

export class MigrationError extends Error {
  override name = 'MigrationError'
}

export interface MigrationFile {
  name: string
  sql: string
  /** The file's statements, in order, each sent on its own. */
  statements: string[]
  checksum: string
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await fs.readdir(dir)).filter((name) => name.endsWith('.sql')).sort()
  return Promise.all(
    names.map(async (name) => {
      const text = await fs.readFile(path.join(dir, name), 'utf8')
      let statements: string[]
      try {
        statements = splitSqlStatements(text)
      } catch (error) {
        throw new MigrationError(`Migration ${name} cannot be read: ${(error as Error).message}`)
      }
      return { name, sql: text, statements, checksum: createHash('sha256').update(text).digest('hex') }
    }),
  )
}

/** Applies pending migrations; returns the names applied now. */
export async function migrate(db: Kysely<DB>, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = await readMigrations(dir)
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx)
    // Present only where the citus extension is loaded (null elsewhere).
    const citus = await sql<{ mode: string | null }>`select current_setting('citus.multi_shard_modify_mode', true) as mode`.execute(trx)
    if (citus.rows[0]?.mode) await sql`set local citus.multi_shard_modify_mode to 'sequential'`.execute(trx)
    await sql`create table if not exists schema_migrations (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx)
    const applied = new Map(
      (await trx.selectFrom('schema_migrations').select(['name', 'checksum']).execute()).map((row) => [row.name, row.checksum]),
    )
    const known = new Set(files.map((file) => file.name))
    for (const name of applied.keys()) {
      if (!known.has(name)) throw new MigrationError(`Migration ${name} is applied in the database but missing from ${dir}`)
    }
    const done: string[] = []
    for (const file of files) {
      const checksum = applied.get(file.name)
      if (checksum !== undefined) {
        if (checksum !== file.checksum) {
          throw new MigrationError(`Migration ${file.name} was changed after it was applied; write a new migration instead`)
        }
        continue
      }
      for (const [index, statement] of file.statements.entries()) {
        try {
          await sql.raw(statement).execute(trx)
        } catch (error) {
          throw new MigrationError(`Migration ${file.name} failed at statement ${index + 1} of ${file.statements.length}: ${(error as Error).message}`)
        }
      }
      await trx.insertInto('schema_migrations').values({ name: file.name, checksum: file.checksum }).execute()
      done.push(file.name)
    }
    return done
  })
}
