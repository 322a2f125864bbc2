/**
 * Reads the live catalog and fails on any table that would stop the schema from being
 * distributed with Citus by `unit_id` (docs/adr/0004-database-and-query-layer.md).
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/test-app.ts'
import type { Database } from './database.ts'
import { DISTRIBUTED_TABLES, DISTRIBUTION_COLUMN, REFERENCE_TABLES } from './distribution.ts'

interface Constraint {
  table: string
  name: string
  type: 'p' | 'u' | 'f'
  columns: string[]
  referencedTable: string | null
  referencedColumns: string[] | null
}

let database: Database
let tables: string[]
let constraints: Constraint[]
let uniqueIndexes: Array<{ table: string; name: string; definition: string }>

beforeAll(async () => {
  database = await createTestDatabase()
  tables = (await sql<{ name: string }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`.execute(database.db)).rows.map((r) => r.name)
  constraints = (
    await sql<{ table: string; name: string; type: 'p' | 'u' | 'f'; columns: string[]; referenced_table: string | null; referenced_columns: string[] | null }>`
      select rel.relname as table, con.conname as name, con.contype as type,
        array(select att.attname::text from unnest(con.conkey) with ordinality k(attnum, ord) join pg_attribute att on att.attrelid = con.conrelid and att.attnum = k.attnum order by k.ord) as columns,
        ref.relname as referenced_table,
        case when con.confrelid = 0 then null else array(select att.attname::text from unnest(con.confkey) with ordinality k(attnum, ord) join pg_attribute att on att.attrelid = con.confrelid and att.attnum = k.attnum order by k.ord) end as referenced_columns
      from pg_constraint con
      join pg_class rel on rel.oid = con.conrelid
      join pg_namespace n on n.oid = rel.relnamespace
      left join pg_class ref on ref.oid = con.confrelid
      where n.nspname = 'public' and con.contype in ('p', 'u', 'f')`.execute(database.db)
  ).rows.map((r) => ({ table: r.table, name: r.name, type: r.type, columns: r.columns, referencedTable: r.referenced_table, referencedColumns: r.referenced_columns }))
  uniqueIndexes = (
    await sql<{ table: string; name: string; definition: string }>`
      select t.relname as table, i.relname as name, pg_get_indexdef(ix.indexrelid) as definition
      from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_class t on t.oid = ix.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and ix.indisunique and not ix.indisprimary
        and not exists (select 1 from pg_constraint c where c.conindid = ix.indexrelid)`.execute(database.db)
  ).rows
})
afterAll(() => database.close())

const reference = new Set<string>(REFERENCE_TABLES)
const distributed = new Set<string>(DISTRIBUTED_TABLES)

describe('Citus-ready schema', () => {
  it('places every table: reference or distributed, never both, none forgotten', () => {
    for (const table of tables) {
      expect(reference.has(table) || distributed.has(table), `table ${table} is in neither list of distribution.ts`).toBe(true)
      expect(reference.has(table) && distributed.has(table), `table ${table} is in both lists`).toBe(false)
    }
    for (const table of [...reference, ...distributed]) expect(tables, `distribution.ts names ${table}, which does not exist`).toContain(table)
  })

  it(`leads the primary key of every distributed table with ${DISTRIBUTION_COLUMN}`, () => {
    for (const table of distributed) {
      const pk = constraints.find((c) => c.table === table && c.type === 'p')
      expect(pk, `${table} has no primary key`).toBeDefined()
      expect(pk!.columns[0], `${table} primary key (${pk!.columns.join(', ')})`).toBe(DISTRIBUTION_COLUMN)
    }
  })

  it(`includes ${DISTRIBUTION_COLUMN} in every unique key of a distributed table`, () => {
    for (const c of constraints.filter((c) => distributed.has(c.table) && c.type === 'u')) {
      expect(c.columns, `${c.table}.${c.name}`).toContain(DISTRIBUTION_COLUMN)
    }
    for (const index of uniqueIndexes.filter((i) => distributed.has(i.table))) {
      expect(index.definition, `${index.table}.${index.name}`).toMatch(new RegExp(`\\b${DISTRIBUTION_COLUMN}\\b`))
    }
  })

  it('joins distributed tables to each other only on the distribution column', () => {
    for (const fk of constraints.filter((c) => c.type === 'f' && distributed.has(c.table) && distributed.has(c.referencedTable ?? ''))) {
      const position = fk.columns.indexOf(DISTRIBUTION_COLUMN)
      expect(position, `${fk.table}.${fk.name} must include ${DISTRIBUTION_COLUMN}`).toBeGreaterThanOrEqual(0)
      expect(fk.referencedColumns![position], `${fk.table}.${fk.name}`).toBe(DISTRIBUTION_COLUMN)
    }
  })

  it('never points a reference table at a distributed one', () => {
    for (const fk of constraints.filter((c) => c.type === 'f' && reference.has(c.table))) {
      expect(distributed.has(fk.referencedTable ?? ''), `${fk.table}.${fk.name} → ${fk.referencedTable}`).toBe(false)
    }
  })
})
