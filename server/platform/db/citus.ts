/**
 * Citus: the rules a schema must keep to be placed as `distribution.ts` says, checked against the
 * live catalog, and the plan that places it (`npm run db:distribute`, docs/DISTRIBUTED.md,
 * ADR 0015). Nothing here needs Citus to run except applying the plan.
 *
 * The rules (each is a refusal Citus would give, found before Citus gives it):
 * - every table of the schema is placed: a reference table or a table distributed by the
 *   distribution column, never both, none forgotten, none named that does not exist;
 * - no trigger on a placed table (Citus refuses to distribute a table with triggers, and a
 *   trigger that writes another table fails on a shard);
 * - a distributed table has the distribution column, not null, of one type across all of them
 *   (they are colocated), and a primary key that leads with it;
 * - every primary key, unique constraint and unique index of a distributed table has the
 *   distribution column among its key columns;
 * - every exclusion constraint of a distributed table compares the distribution column with `=`;
 * - a foreign key from a distributed table to another distributed table (all colocated) includes
 *   the distribution column on both sides, in the same position; it may point at any reference
 *   table; it never points at an unplaced table;
 * - a foreign key of a distributed table that includes the distribution column has no
 *   `ON DELETE SET NULL / SET DEFAULT` and no `ON UPDATE CASCADE / SET NULL / SET DEFAULT`;
 * - no foreign key from a reference table to a distributed table.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from './schema.ts'

export interface Placement {
  reference: readonly string[]
  distributed: readonly string[]
  column: string
}

interface Constraint {
  table: string
  name: string
  type: 'p' | 'u' | 'f' | 'x'
  columns: string[]
  referencedTable: string | null
  referencedColumns: string[] | null
  /** Exclusion constraints: the operator of each element. */
  operators: string[] | null
  /** Foreign keys: confdeltype and confupdtype ('a' no action, 'r' restrict, 'c' cascade, 'n' set null, 'd' set default). */
  onDelete: string
  onUpdate: string
}

export interface SchemaCatalog {
  tables: string[]
  columns: Array<{ table: string; column: string; type: string; notNull: boolean }>
  constraints: Constraint[]
  /** Every unique index (those behind primary keys and unique constraints too), by key column; '' for an expression. */
  uniqueIndexes: Array<{ table: string; name: string; keyColumns: string[] }>
  triggers: Array<{ table: string; name: string }>
}

type Executor = Kysely<DB> | Transaction<DB>

/** Reads what the rules need from pg_catalog, for one schema. */
export async function readSchemaCatalog(db: Executor, schema = 'public'): Promise<SchemaCatalog> {
  const tables = (await sql<{ name: string }>`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p') and not c.relispartition order by 1`.execute(db)).rows.map((r) => r.name)
  const columns = (
    await sql<{ table: string; column: string; type: string; not_null: boolean }>`
      select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`.execute(db)
  ).rows.map((r) => ({ table: r.table, column: r.column, type: r.type, notNull: r.not_null }))
  const constraints = (
    await sql<{ table: string; name: string; type: Constraint['type']; columns: Array<string | null>; referenced_table: string | null; referenced_columns: string[] | null; operators: string[] | null; on_delete: string; on_update: string }>`
      select rel.relname as table, con.conname as name, con.contype as type,
        array(select att.attname::text from unnest(con.conkey) with ordinality k(attnum, ord) left join pg_attribute att on att.attrelid = con.conrelid and att.attnum = k.attnum order by k.ord) as columns,
        ref.relname as referenced_table,
        case when con.confrelid = 0 then null else array(select att.attname::text from unnest(con.confkey) with ordinality k(attnum, ord) join pg_attribute att on att.attrelid = con.confrelid and att.attnum = k.attnum order by k.ord) end as referenced_columns,
        case when con.contype = 'x' then array(select op.oprname::text from unnest(con.conexclop) with ordinality e(oid, ord) join pg_operator op on op.oid = e.oid order by e.ord) end as operators,
        con.confdeltype::text as on_delete, con.confupdtype::text as on_update
      from pg_constraint con
      join pg_class rel on rel.oid = con.conrelid
      join pg_namespace n on n.oid = rel.relnamespace
      left join pg_class ref on ref.oid = con.confrelid
      where n.nspname = ${schema} and con.contype in ('p', 'u', 'f', 'x')
      order by 1, 2`.execute(db)
  ).rows.map((r) => ({
    table: r.table,
    name: r.name,
    type: r.type,
    columns: r.columns.map((c) => c ?? ''),
    referencedTable: r.referenced_table,
    referencedColumns: r.referenced_columns,
    operators: r.operators,
    onDelete: r.on_delete.trim(),
    onUpdate: r.on_update.trim(),
  }))
  const uniqueIndexes = (
    await sql<{ table: string; name: string; key_columns: Array<string | null> }>`
      select t.relname as table, i.relname as name,
        array(select a.attname::text from unnest(ix.indkey::int2[]) with ordinality k(attnum, ord)
              left join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.attnum
              where k.ord <= ix.indnkeyatts order by k.ord) as key_columns
      from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_class t on t.oid = ix.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = ${schema} and ix.indisunique
      order by 1, 2`.execute(db)
  ).rows.map((r) => ({ table: r.table, name: r.name, keyColumns: r.key_columns.map((c) => c ?? '') }))
  const triggers = (
    await sql<{ table: string; name: string }>`
      select c.relname as table, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema} and not t.tgisinternal order by 1, 2`.execute(db)
  ).rows
  return { tables, columns, constraints, uniqueIndexes, triggers }
}

const ACTION_NAMES: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' }

/** Every way the schema breaks the rules for this placement; empty when Citus would accept it. */
export function citusProblems(catalog: SchemaCatalog, placement: Placement): string[] {
  const problems: string[] = []
  const reference = new Set(placement.reference)
  const distributed = new Set(placement.distributed)
  const column = placement.column
  const existing = new Set(catalog.tables)

  for (const table of catalog.tables) {
    if (!reference.has(table) && !distributed.has(table)) problems.push(`table ${table} is in neither list of distribution.ts`)
    if (reference.has(table) && distributed.has(table)) problems.push(`table ${table} is in both lists of distribution.ts`)
  }
  for (const table of [...reference, ...distributed]) if (!existing.has(table)) problems.push(`distribution.ts names ${table}, which does not exist`)

  for (const trigger of catalog.triggers) {
    if (reference.has(trigger.table) || distributed.has(trigger.table)) problems.push(`${trigger.table} has trigger ${trigger.name}: Citus refuses to place a table with triggers`)
  }

  const types = new Set<string>()
  for (const table of distributed) {
    if (!existing.has(table)) continue
    const col = catalog.columns.find((c) => c.table === table && c.column === column)
    if (!col) {
      problems.push(`distributed table ${table} has no ${column} column`)
      continue
    }
    if (!col.notNull) problems.push(`${table}.${column} may be null`)
    types.add(col.type)
    const pk = catalog.constraints.find((c) => c.table === table && c.type === 'p')
    if (!pk) problems.push(`distributed table ${table} has no primary key`)
    else if (pk.columns[0] !== column) problems.push(`${table} primary key (${pk.columns.join(', ')}) does not lead with ${column}`)
  }
  if (types.size > 1) problems.push(`the ${column} columns of the distributed tables differ in type (${[...types].join(', ')}): they cannot be colocated`)

  // Unique constraints and primary keys each have their unique index: one check covers all three.
  for (const index of catalog.uniqueIndexes.filter((i) => distributed.has(i.table))) {
    if (!index.keyColumns.includes(column)) problems.push(`unique index ${index.table}.${index.name} (${index.keyColumns.map((c) => c || '<expression>').join(', ')}) does not include ${column}`)
  }
  for (const c of catalog.constraints) {
    if (c.type === 'x' && distributed.has(c.table)) {
      const position = c.columns.indexOf(column)
      if (position < 0 || c.operators?.[position] !== '=') problems.push(`exclusion constraint ${c.table}.${c.name} does not compare ${column} with =`)
    }
    if (c.type !== 'f') continue
    const target = c.referencedTable ?? ''
    if (reference.has(c.table) && distributed.has(target)) problems.push(`foreign key ${c.table}.${c.name}: reference table ${c.table} points at distributed table ${target}`)
    if (!distributed.has(c.table)) continue
    if (!reference.has(target) && !distributed.has(target)) problems.push(`foreign key ${c.table}.${c.name} points at ${target}, which is not placed`)
    if (distributed.has(target)) {
      const position = c.columns.indexOf(column)
      if (position < 0) problems.push(`foreign key ${c.table}.${c.name} between distributed tables does not include ${column}`)
      else if (c.referencedColumns?.[position] !== column) problems.push(`foreign key ${c.table}.${c.name} does not match ${column} with ${target}.${column}`)
    }
    if (c.columns.includes(column)) {
      if (c.onDelete === 'n' || c.onDelete === 'd') problems.push(`foreign key ${c.table}.${c.name} includes ${column} and has ON DELETE ${ACTION_NAMES[c.onDelete]}, which Citus refuses`)
      if (c.onUpdate === 'c' || c.onUpdate === 'n' || c.onUpdate === 'd') problems.push(`foreign key ${c.table}.${c.name} includes ${column} and has ON UPDATE ${ACTION_NAMES[c.onUpdate]}, which Citus refuses`)
    }
  }
  return problems
}

/** How Citus has placed a table (pg_dist_partition); citus local tables (on the coordinator only) count as not placed. */
export interface PlacedTable {
  kind: 'reference' | 'distributed' | 'local'
  column: string | null
  colocationId: number
}

/** True when the session's role is a superuser: privileges (the audit trail's append-only rule) do not bind it. */
export async function connectedAsSuperuser(db: Executor): Promise<boolean> {
  const row = (await sql<{ superuser: boolean }>`select rolsuper as superuser from pg_roles where rolname = current_user`.execute(db)).rows[0]
  return row?.superuser ?? false
}

/** True when the citus extension is installed in this database. */
export async function hasCitus(db: Executor): Promise<boolean> {
  const row = (await sql<{ one: number }>`select 1 as one from pg_extension where extname = 'citus'`.execute(db)).rows[0]
  return row !== undefined
}

/** The tables of the schema Citus has placed, by name (only call where the citus extension exists). */
export async function readPlacedTables(db: Executor, schema = 'public'): Promise<Map<string, PlacedTable>> {
  const rows = (
    await sql<{ table: string; partmethod: string; repmodel: string; column: string | null; colocationid: number }>`
      select c.relname as table, p.partmethod::text as partmethod, p.repmodel::text as repmodel, p.colocationid::int as colocationid,
        case when p.partkey is null then null else column_to_column_name(p.logicalrelid, p.partkey) end as column
      from pg_dist_partition p join pg_class c on c.oid = p.logicalrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = ${schema}`.execute(db)
  ).rows
  return new Map(
    rows.map((r) => [
      r.table,
      {
        // Reference tables: no partition key, replicated by two-phase commit ('t'); citus local tables: no key, 's'.
        kind: r.partmethod === 'h' ? 'distributed' : r.repmodel === 't' ? 'reference' : 'local',
        column: r.column,
        colocationId: r.colocationid,
      },
    ]),
  )
}

export interface DistributionStep {
  table: string
  kind: 'reference' | 'distributed'
  /** The statement to run, e.g. `select create_reference_table('public.admin_units')`. */
  statement: string
  /** The distributed table this one is colocated with; null for reference tables and the first distributed table. */
  colocateWith: string | null
}

export interface DistributionPlan {
  /** Every table, in the order to place it: reference tables first, then distributed ones. */
  order: DistributionStep[]
  /** What remains to run: the steps of `order` whose table is not yet placed so. */
  pending: DistributionStep[]
  /** Placements that disagree with distribution.ts (a plan with problems must not run). */
  problems: string[]
}

const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`

/**
 * Orders tables so that each comes after the tables it points at (foreign keys inside the group);
 * otherwise in the order given. A cycle keeps the given order for its members.
 */
function byDependencies(tables: readonly string[], constraints: SchemaCatalog['constraints']): string[] {
  const inGroup = new Set(tables)
  const needs = new Map(tables.map((t) => [t, new Set<string>()]))
  for (const c of constraints) {
    if (c.type === 'f' && inGroup.has(c.table) && c.referencedTable && inGroup.has(c.referencedTable) && c.referencedTable !== c.table) needs.get(c.table)!.add(c.referencedTable)
  }
  const done: string[] = []
  const placed = new Set<string>()
  while (done.length < tables.length) {
    const next = tables.find((t) => !placed.has(t) && [...needs.get(t)!].every((n) => placed.has(n))) ?? tables.find((t) => !placed.has(t))!
    placed.add(next)
    done.push(next)
  }
  return done
}

/**
 * The statements that place every table as `placement` says: `create_reference_table` for each
 * reference table (in foreign-key order), then `create_distributed_table` by the distribution
 * column for each distributed table, all colocated with the first one. `placed` is what Citus
 * already holds (readPlacedTables): tables placed as wanted are left out, so a second run is empty.
 */
export function planDistribution(catalog: SchemaCatalog, placement: Placement, placed: ReadonlyMap<string, PlacedTable>, schema = 'public'): DistributionPlan {
  const problems: string[] = []
  const qualified = (table: string) => `${schema}.${table}`
  const references = byDependencies(placement.reference, catalog.constraints)
  const distributed = byDependencies(placement.distributed, catalog.constraints)
  // The colocation group: the first distributed table already placed, or else the first in order.
  const anchor = distributed.find((t) => placed.get(t)?.kind === 'distributed') ?? distributed[0] ?? null
  const anchorGroup = anchor ? placed.get(anchor)?.colocationId : undefined
  const order: DistributionStep[] = []
  const pending: DistributionStep[] = []

  for (const table of references) {
    const step: DistributionStep = { table, kind: 'reference', statement: `select create_reference_table(${quoteLiteral(qualified(table))})`, colocateWith: null }
    order.push(step)
    const now = placed.get(table)
    if (!now || now.kind === 'local') pending.push(step)
    else if (now.kind !== 'reference') problems.push(`${table} is a distributed table, but distribution.ts makes it a reference table: undistribute_table('${qualified(table)}') first`)
  }
  for (const table of distributed) {
    const colocateWith = table === anchor ? null : anchor
    const statement = `select create_distributed_table(${quoteLiteral(qualified(table))}, ${quoteLiteral(placement.column)}, colocate_with => ${quoteLiteral(colocateWith ? qualified(colocateWith) : 'none')})`
    const step: DistributionStep = { table, kind: 'distributed', statement, colocateWith }
    order.push(step)
    const now = placed.get(table)
    if (!now || now.kind === 'local') pending.push(step)
    else if (now.kind === 'reference') problems.push(`${table} is a reference table, but distribution.ts distributes it: undistribute_table('${qualified(table)}') first`)
    else if (now.column !== placement.column) problems.push(`${table} is distributed by ${now.column ?? '?'}, not ${placement.column}: alter_distributed_table('${qualified(table)}', distribution_column => '${placement.column}')`)
    else if (anchorGroup !== undefined && now.colocationId !== anchorGroup) {
      problems.push(`${table} is not colocated with ${anchor}: update_distributed_table_colocation('${qualified(table)}', colocate_with => '${qualified(anchor!)}')`)
    }
  }
  return { order, pending, problems }
}

export class DistributionRefused extends Error {
  override name = 'DistributionRefused'
}

/**
 * Applies the plan on a Citus coordinator, in one transaction with sequential shard modification
 * (Citus's way to distribute tables linked by foreign keys in one transaction). Before each
 * statement pg_dist_partition is read again, and a table already placed so is skipped: running
 * it twice, or after a run that stopped, places each table once. Returns the statements it ran.
 */
export async function applyDistribution(db: Kysely<DB>, placement: Placement, schema = 'public'): Promise<string[]> {
  if (!(await hasCitus(db))) {
    throw new DistributionRefused('the citus extension is not installed in this database: connect to the Citus coordinator (CREATE EXTENSION citus; see docs/DISTRIBUTED.md)')
  }
  const catalog = await readSchemaCatalog(db, schema)
  const rules = citusProblems(catalog, placement)
  if (rules.length) throw new DistributionRefused(`the schema breaks the Citus rules:\n- ${rules.join('\n- ')}`)
  const plan = planDistribution(catalog, placement, await readPlacedTables(db, schema), schema)
  if (plan.problems.length) throw new DistributionRefused(`the database is placed otherwise than distribution.ts:\n- ${plan.problems.join('\n- ')}`)
  return db.transaction().execute(async (trx) => {
    await sql`set local citus.multi_shard_modify_mode to 'sequential'`.execute(trx)
    const ran: string[] = []
    for (const step of plan.pending) {
      const now = (await readPlacedTables(trx, schema)).get(step.table)
      if (now && now.kind === step.kind) continue
      await sql.raw(step.statement).execute(trx)
      ran.push(step.statement)
    }
    return ran
  })
}

/**
 * What `npm run db:distribute --print` shows: the statements that would run, as SQL one could pipe
 * to psql, after comments naming anything that would stop the run. Without Citus every table is
 * shown as not yet placed. `ok` is false when the schema or the placement would stop the run
 * (a database without Citus is only noted: printing the plan there is how it is reviewed).
 */
export async function describeDistribution(db: Kysely<DB>, placement: Placement, schema = 'public'): Promise<{ ok: boolean; citus: boolean; lines: string[] }> {
  const citus = await hasCitus(db)
  const catalog = await readSchemaCatalog(db, schema)
  const rules = citusProblems(catalog, placement)
  const plan = planDistribution(catalog, placement, citus ? await readPlacedTables(db, schema) : new Map(), schema)
  const lines: string[] = []
  if (!citus) lines.push('-- the citus extension is not installed here: the plan assumes no table is placed yet, and db:distribute would refuse to run')
  for (const problem of rules) lines.push(`-- refused, the schema breaks a Citus rule: ${problem}`)
  for (const problem of plan.problems) lines.push(`-- refused, placed otherwise than distribution.ts: ${problem}`)
  const placed = plan.order.length - plan.pending.length
  lines.push(`-- ${plan.pending.length} of ${plan.order.length} tables to place${placed ? ` (${placed} already placed)` : ''}; one transaction:`)
  lines.push('begin;', "set local citus.multi_shard_modify_mode to 'sequential';")
  for (const step of plan.pending) lines.push(`${step.statement};`)
  lines.push('commit;')
  return { ok: rules.length === 0 && plan.problems.length === 0, citus, lines }
}
