/**
 * Forward-only SQL migrations: every `server/migrations/*.sql` file, in name order, applied once.
 * All pending files run in one transaction under an advisory lock, so two servers starting at
 * once never apply a file twice and a failed file leaves nothing half applied. An applied file
 * whose content has changed stops the start: merged migrations are never edited.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import type { DB } from './schema.ts'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url))

/** Lock key shared by every process that migrates this database (an arbitrary constant). */
const MIGRATION_LOCK_KEY = 7_361_902_114

export class MigrationError extends Error {
  override name = 'MigrationError'
}

export interface MigrationFile {
  name: string
  sql: string
  checksum: string
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const names = (await fs.readdir(dir)).filter((name) => name.endsWith('.sql')).sort()
  return Promise.all(
    names.map(async (name) => {
      const text = await fs.readFile(path.join(dir, name), 'utf8')
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') }
    }),
  )
}

/** Applies pending migrations; returns the names applied now. */
export async function migrate(db: Kysely<DB>, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = await readMigrations(dir)
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx)
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
      try {
        await sql.raw(file.sql).execute(trx)
      } catch (error) {
        throw new MigrationError(`Migration ${file.name} failed: ${(error as Error).message}`)
      }
      await trx.insertInto('schema_migrations').values({ name: file.name, checksum: file.checksum }).execute()
      done.push(file.name)
    }
    return done
  })
}
