/**
 * Builds one migrated, seeded template database before the test files run; each file then
 * starts from a copy of it (a PGlite dump, or a PostgreSQL database created from a template).
 * `TEST_DATABASE_URL` selects a PostgreSQL server; without it, PGlite.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { fixedClock } from '../platform/clock.ts'
import { openDatabase } from '../platform/db/database.ts'
import { migrate } from '../platform/db/migrate.ts'
import { seedDemoIfEmpty } from '../seed/demo.ts'
import { ensureOfficialCalendar } from '../modules/calendar/index.ts'
import { seedDemoCatalogueIfEmpty } from '../modules/procedures/index.ts'
import { TEST_PASSWORD } from './constants.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string | null
    postgresTemplate: { serverUrl: string; database: string } | null
  }
}

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL
  const clock = fixedClock('2026-03-02T02:00:00Z')
  if (serverUrl) {
    const database = `cchc_template_${process.pid}`
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`drop database if exists ${database}`)
    await admin.query(`create database ${database}`)
    const templateDb = await openDatabase({ databaseUrl: databaseUrlFor(serverUrl, database), poolSize: 2 })
    await migrate(templateDb.db)
    await ensureOfficialCalendar(templateDb.db)
    await seedDemoIfEmpty(templateDb.db, { password: TEST_PASSWORD, clock })
    await seedDemoCatalogueIfEmpty(templateDb.db, clock)
    await templateDb.close()
    project.provide('postgresTemplate', { serverUrl, database })
    project.provide('pgliteTemplate', null)
    return async () => {
      // Drop the per-file copies and the template.
      const copies = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'cchc_t_${process.pid}_%'`)
      for (const row of copies.rows) await admin.query(`drop database if exists ${row.datname} with (force)`)
      await admin.query(`drop database if exists ${database} with (force)`)
      await admin.end()
    }
  }
  const template = await openDatabase({ dataDir: 'memory://' })
  await migrate(template.db)
  await ensureOfficialCalendar(template.db)
  await seedDemoIfEmpty(template.db, { password: TEST_PASSWORD, clock })
  await seedDemoCatalogueIfEmpty(template.db, clock)
  const dump = await template.pglite!.dumpDataDir('gzip')
  await template.close()
  const file = path.join(os.tmpdir(), `cchc-test-template-${process.pid}.tar.gz`)
  await fs.writeFile(file, Buffer.from(await dump.arrayBuffer()))
  project.provide('pgliteTemplate', file)
  project.provide('postgresTemplate', null)
  return async () => {
    await fs.rm(file, { force: true })
  }
}
