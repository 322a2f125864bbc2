/**
 * Reads the live catalog of the migrated schema and fails on anything Citus would refuse when
 * `distribution.ts` is applied (server/platform/db/citus.ts lists the rules; ADR 0015). Every table
 * is covered, whatever migration adds it. The rules are also shown to bite, on tables built to
 * break each one, and the plan of `npm run db:distribute` is checked over the real catalog.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/test-app.ts'
import { applyDistribution, citusProblems, describeDistribution, DistributionRefused, planDistribution, readSchemaCatalog, type PlacedTable, type SchemaCatalog } from './citus.ts'
import type { Database } from './database.ts'
import { DISTRIBUTED_TABLES, DISTRIBUTION_COLUMN, REFERENCE_TABLES } from './distribution.ts'

const placement = { reference: REFERENCE_TABLES, distributed: DISTRIBUTED_TABLES, column: DISTRIBUTION_COLUMN }

let database: Database
let catalog: SchemaCatalog
beforeAll(async () => {
  database = await createTestDatabase()
  catalog = await readSchemaCatalog(database.db)
})
afterAll(() => database.close())

describe('the migrated schema on Citus', () => {
  it('breaks no rule: every table placed, no trigger, every key and foreign key acceptable', () => {
    expect(citusProblems(catalog, placement)).toEqual([])
  })

  it('reads the catalog it judges (tables, keys, foreign keys, unique indexes)', () => {
    // A rule over an empty read would pass by accident.
    expect(catalog.tables).toEqual(expect.arrayContaining(['admin_units', 'sessions', 'audit_entries', 'procedure_versions']))
    expect(catalog.constraints.find((c) => c.table === 'sessions' && c.type === 'p')?.columns).toEqual(['unit_id', 'id'])
    expect(catalog.constraints.some((c) => c.table === 'sessions' && c.type === 'f' && c.referencedTable === 'users')).toBe(true)
    expect(catalog.uniqueIndexes.find((i) => i.name === 'users_username_key')?.keyColumns).toEqual(['username'])
    expect(catalog.constraints.find((c) => c.name === 'agency_identity_codes_period_excl')?.operators).toEqual(['=', '&&'])
  })
})

describe('the rules bite', () => {
  const schema = 'citus_probe'
  let probe: SchemaCatalog
  const probePlacement = {
    reference: ['units', 'ref_to_distributed', 'in_both'],
    distributed: ['good', 'pk_without_unit', 'unique_without_unit', 'index_without_unit', 'fk_without_unit', 'fk_misaligned', 'exclusion_without_unit', 'with_trigger', 'set_null', 'no_key', 'text_unit', 'to_stray', 'in_both', 'ghost'],
    column: 'unit_id',
  }
  beforeAll(async () => {
    await sql.raw(`
      begin;
      create schema ${schema};
      set local search_path to ${schema}, public;
      create table units (id uuid primary key);
      create table good (unit_id uuid not null references units (id), id uuid not null, code text, primary key (unit_id, id), unique (unit_id, code));
      create unique index good_code_idx on good (unit_id, lower(code));
      create table pk_without_unit (unit_id uuid not null, id uuid primary key);
      create table unique_without_unit (unit_id uuid not null, id uuid not null, code text unique, primary key (unit_id, id));
      create table index_without_unit (unit_id uuid not null, id uuid not null, code text, primary key (unit_id, id));
      create unique index index_without_unit_code on index_without_unit (code) where unit_id is not null;
      create table fk_without_unit (unit_id uuid not null, id uuid not null, good_unit uuid, good_id uuid, primary key (unit_id, id), foreign key (good_unit, good_id) references good (unit_id, id));
      create table fk_misaligned (unit_id uuid not null, id uuid not null, primary key (unit_id, id), constraint fk_misaligned_good foreign key (id, unit_id) references good (unit_id, id));
      create table exclusion_without_unit (unit_id uuid not null, id uuid not null, code text, primary key (unit_id, id), exclude using gist (code with =));
      create table with_trigger (unit_id uuid not null, id uuid not null, primary key (unit_id, id));
      create function probe_refuse() returns trigger language plpgsql as $$ begin return null; end $$;
      create trigger with_trigger_refuse before delete on with_trigger for each row execute function probe_refuse();
      create table set_null (unit_id uuid not null, id uuid not null, primary key (unit_id, id), constraint set_null_unit foreign key (unit_id) references units (id) on delete set null);
      create table no_key (unit_id uuid);
      create table text_unit (unit_id text not null, id integer not null, primary key (unit_id, id));
      create table stray (id uuid primary key);
      create table to_stray (unit_id uuid not null, id uuid not null, primary key (unit_id, id), constraint to_stray_stray foreign key (id) references stray (id));
      create table ref_to_distributed (id uuid primary key, unit_id uuid, good_id uuid, constraint ref_to_distributed_good foreign key (unit_id, good_id) references good (unit_id, id));
      create table in_both (unit_id uuid not null, id uuid not null, primary key (unit_id, id));
      commit;
    `).execute(database.db)
    probe = await readSchemaCatalog(database.db, schema)
  })

  it('finds each break, and nothing on the table that keeps the rules', () => {
    const problems = citusProblems(probe, probePlacement)
    const expected = [
      'table stray is in neither list of distribution.ts',
      'table in_both is in both lists of distribution.ts',
      'distribution.ts names ghost, which does not exist',
      'with_trigger has trigger with_trigger_refuse: Citus refuses to place a table with triggers',
      'pk_without_unit primary key (id) does not lead with unit_id',
      'unique index pk_without_unit.pk_without_unit_pkey (id) does not include unit_id',
      'unique index unique_without_unit.unique_without_unit_code_key (code) does not include unit_id',
      'unique index index_without_unit.index_without_unit_code (code) does not include unit_id',
      'foreign key fk_without_unit.fk_without_unit_good_unit_good_id_fkey between distributed tables does not include unit_id',
      'foreign key fk_misaligned.fk_misaligned_good does not match unit_id with good.unit_id',
      'exclusion constraint exclusion_without_unit.exclusion_without_unit_code_excl does not compare unit_id with =',
      'foreign key set_null.set_null_unit includes unit_id and has ON DELETE SET NULL, which Citus refuses',
      'no_key.unit_id may be null',
      'distributed table no_key has no primary key',
      'the unit_id columns of the distributed tables differ in type (uuid, text): they cannot be colocated',
      'foreign key to_stray.to_stray_stray points at stray, which is not placed',
      'foreign key ref_to_distributed.ref_to_distributed_good: reference table ref_to_distributed points at distributed table good',
    ]
    for (const problem of expected) expect(problems, problem).toContain(problem)
    expect(problems.filter((p) => /\bgood\b/.test(p) && !/points at distributed table good|with good\.unit_id|references good/.test(p))).toEqual([])
    expect(problems, problems.join('\n')).toHaveLength(expected.length)
  })
})

describe('the plan of npm run db:distribute', () => {
  const nothing = new Map<string, PlacedTable>()
  const everything = () =>
    new Map<string, PlacedTable>([
      ...REFERENCE_TABLES.map((t) => [t, { kind: 'reference', column: null, colocationId: 10 }] as const),
      ...DISTRIBUTED_TABLES.map((t) => [t, { kind: 'distributed', column: DISTRIBUTION_COLUMN, colocationId: 7 }] as const),
    ])

  it('places reference tables first, each after the tables it points at, then colocates the distributed ones', () => {
    const plan = planDistribution(catalog, placement, nothing)
    expect(plan.problems).toEqual([])
    expect(plan.pending).toEqual(plan.order)
    expect(plan.order.map((s) => s.table).sort()).toEqual([...REFERENCE_TABLES, ...DISTRIBUTED_TABLES].sort())
    const kinds = plan.order.map((s) => s.kind)
    expect(kinds.lastIndexOf('reference')).toBeLessThan(kinds.indexOf('distributed'))
    const position = new Map(plan.order.map((s, i) => [s.table, i]))
    for (const fk of catalog.constraints.filter((c) => c.type === 'f' && c.table !== c.referencedTable && position.has(c.table))) {
      const kindOf = (t: string) => plan.order[position.get(t)!]!.kind
      if (kindOf(fk.table) === kindOf(fk.referencedTable!)) expect(position.get(fk.referencedTable!), `${fk.table} → ${fk.referencedTable}`).toBeLessThan(position.get(fk.table)!)
    }
    expect(position.get('admin_units')).toBeLessThan(position.get('agencies')!)
    expect(position.get('agencies')).toBeLessThan(position.get('users')!)
    const [first, ...rest] = plan.order.filter((s) => s.kind === 'distributed')
    expect(first!.statement).toBe(`select create_distributed_table('public.${first!.table}', 'unit_id', colocate_with => 'none')`)
    for (const step of rest) expect(step.statement).toBe(`select create_distributed_table('public.${step.table}', 'unit_id', colocate_with => 'public.${first!.table}')`)
    expect(plan.order.find((s) => s.table === 'admin_units')!.statement).toBe("select create_reference_table('public.admin_units')")
  })

  it('is empty once everything is placed (a second run does nothing)', () => {
    const plan = planDistribution(catalog, placement, everything())
    expect(plan.pending).toEqual([])
    expect(plan.problems).toEqual([])
  })

  it('places only what is missing, colocated with the table already distributed, and takes citus local tables as unplaced', () => {
    const placed = everything()
    const anchor = DISTRIBUTED_TABLES[1]
    for (const table of DISTRIBUTED_TABLES) if (table !== anchor) placed.delete(table)
    placed.set('users', { kind: 'local', column: null, colocationId: 0 })
    const plan = planDistribution(catalog, placement, placed)
    expect(plan.problems).toEqual([])
    expect(plan.pending.map((s) => s.table)).toEqual(['users', ...plan.order.filter((s) => s.kind === 'distributed' && s.table !== anchor).map((s) => s.table)])
    for (const step of plan.pending.filter((s) => s.kind === 'distributed')) expect(step.colocateWith).toBe(anchor)
  })

  it('refuses placements that disagree with distribution.ts', () => {
    const placed = everything()
    placed.set('admin_units', { kind: 'distributed', column: 'id', colocationId: 3 })
    placed.set(DISTRIBUTED_TABLES[0], { kind: 'reference', column: null, colocationId: 10 })
    placed.set(DISTRIBUTED_TABLES[1], { kind: 'distributed', column: 'id', colocationId: 7 })
    placed.set(DISTRIBUTED_TABLES[2], { kind: 'distributed', column: DISTRIBUTION_COLUMN, colocationId: 8 })
    const plan = planDistribution(catalog, placement, placed)
    expect(plan.problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^admin_units is a distributed table, but distribution.ts makes it a reference table/),
      expect.stringMatching(new RegExp(`^${DISTRIBUTED_TABLES[0]} is a reference table, but distribution.ts distributes it`)),
      expect.stringMatching(new RegExp(`^${DISTRIBUTED_TABLES[1]} is distributed by id, not unit_id`)),
      expect.stringMatching(new RegExp(`^${DISTRIBUTED_TABLES[2]} is not colocated with`)),
    ]))
  })

  it('prints the statements it would run, as one transaction, noting the missing extension', async () => {
    const { ok, citus, lines } = await describeDistribution(database.db, placement)
    expect(ok).toBe(true)
    expect(citus).toBe(false)
    expect(lines[0]).toMatch(/citus extension is not installed/)
    const statements = lines.filter((l) => !l.startsWith('--'))
    expect(statements.slice(0, 2)).toEqual(['begin;', "set local citus.multi_shard_modify_mode to 'sequential';"])
    expect(statements.at(-1)).toBe('commit;')
    expect(statements.slice(2, -1)).toEqual(planDistribution(catalog, placement, nothing).order.map((s) => `${s.statement};`))
  })

  it('refuses to apply without the citus extension, saying so', async () => {
    await expect(applyDistribution(database.db, placement)).rejects.toThrow(DistributionRefused)
    await expect(applyDistribution(database.db, placement)).rejects.toThrow(/citus extension is not installed/)
  })
})
