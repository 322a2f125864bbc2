/**
 * SQL of catalogue import and export. Every function takes the caller's executor: an import
 * runs all its writes inside one transaction (Kysely transactions do not nest, so the procedure
 * service's own transactional functions cannot be reused here).
 */
import { sql } from 'kysely'
import type { ProcedureContent } from '../../../../contracts/procedures.ts'
import { catalogueQuery, findOrCreateField, type Executor } from '../procedures.repository.ts'

const CHUNK = 1000

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK))
  return out
}

/** Serialises imports: two at once could both create the same new national code. */
export async function lockCatalogueImports(trx: Executor): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('cchc.procedure-catalogue-import'))`.execute(trx)
}

/** Procedures by national code. */
export async function proceduresByCode(trx: Executor, codes: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (const part of chunks(codes)) {
    if (!part.length) continue
    const rows = await trx.selectFrom('procedures').select(['id', 'national_code']).where('national_code', 'in', part).execute()
    for (const row of rows) found.set(row.national_code!, row.id)
  }
  return found
}

/** Procedures without a national code, by the names of their versions (a name may point at several). */
export async function codelessProceduresByName(trx: Executor, names: string[]): Promise<Map<string, Set<string>>> {
  const found = new Map<string, Set<string>>()
  for (const part of chunks(names)) {
    if (!part.length) continue
    const rows = await trx
      .selectFrom('procedure_versions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
      .select(['p.id', 'v.name'])
      .where('p.national_code', 'is', null)
      .where('v.name', 'in', part)
      .execute()
    for (const row of rows) found.set(row.name, (found.get(row.name) ?? new Set()).add(row.id))
  }
  return found
}

export interface ExistingVersion {
  id: string
  procedure_id: string
  version: number
  status: 'draft' | 'published' | 'withdrawn'
  effective_from: string
  content: ProcedureContent
}

export async function versionsOfProcedures(trx: Executor, procedureIds: string[]): Promise<Map<string, ExistingVersion[]>> {
  const byProcedure = new Map<string, ExistingVersion[]>()
  for (const part of chunks(procedureIds)) {
    if (!part.length) continue
    const rows = await trx
      .selectFrom('procedure_versions')
      .select(['id', 'procedure_id', 'version', 'status', 'effective_from', 'content'])
      .where('procedure_id', 'in', part)
      .orderBy('version')
      .execute()
    for (const row of rows) byProcedure.set(row.procedure_id, [...(byProcedure.get(row.procedure_id) ?? []), { ...row, content: row.content as ProcedureContent }])
  }
  return byProcedure
}

export async function insertProcedure(trx: Executor, nationalCode: string | null, now: Date): Promise<string> {
  const row = await trx.insertInto('procedures').values({ national_code: nationalCode, created_at: now }).returning('id').executeTakeFirstOrThrow()
  return row.id
}

/**
 * Field ids by name, created on first use; the cache lives for one import. A field code already
 * given to another field is a conflict (field codes are unique), not a database error.
 */
export function fieldResolver(trx: Executor) {
  const cache = new Map<string, string>()
  return async (field: ProcedureContent['field']): Promise<{ id: string } | { conflict: string }> => {
    const key = `${field.name}\u0000${field.code ?? ''}`
    const cached = cache.get(key)
    if (cached) return { id: cached }
    if (field.code) {
      const other = await trx.selectFrom('procedure_fields').select('name').where('code', '=', field.code).where('name', '<>', field.name).executeTakeFirst()
      if (other) return { conflict: other.name }
    }
    const id = await findOrCreateField(trx, field)
    cache.set(key, id)
    return { id }
  }
}

export async function insertVersion(
  trx: Executor,
  values: { procedureId: string; version: number; status: 'draft' | 'published'; effectiveFrom: string; content: ProcedureContent; fieldId: string; createdBy: string | null; now: Date },
): Promise<{ id: string }> {
  return trx
    .insertInto('procedure_versions')
    .values({
      procedure_id: values.procedureId,
      version: values.version,
      status: values.status,
      effective_from: values.effectiveFrom,
      name: values.content.name,
      field_id: values.fieldId,
      content: JSON.stringify(values.content),
      created_by: values.createdBy,
      created_at: values.now,
      published_at: values.status === 'published' ? values.now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

export async function publishVersion(trx: Executor, versionId: string, now: Date): Promise<void> {
  await trx.updateTable('procedure_versions').set({ status: 'published', published_at: now }).where('id', '=', versionId).where('status', '=', 'draft').execute()
}

/** The version in force on `day` of every procedure, in a stable order (national code, then name). */
export async function versionsInForce(db: Executor, day: string): Promise<Array<{ procedureId: string; version: number; effectiveFrom: string; content: ProcedureContent }>> {
  const { query } = catalogueQuery(db, { day, words: [], phrase: '' })
  const rows = await query
    .select(['v.procedure_id', 'v.version', 'v.effective_from', 'v.content'])
    .orderBy(sql`p.national_code nulls last`)
    .orderBy('v.name')
    .orderBy('v.procedure_id')
    .execute()
  return rows.map((r) => ({ procedureId: r.procedure_id, version: r.version, effectiveFrom: r.effective_from, content: r.content as ProcedureContent }))
}

export async function findVersionRow(db: Executor, procedureId: string, version: number) {
  return db.selectFrom('procedure_versions').select(['id', 'procedure_id', 'version', 'status', 'effective_from', 'content']).where('procedure_id', '=', procedureId).where('version', '=', version).executeTakeFirst()
}

export async function publishedVersionsOf(db: Executor, procedureId: string) {
  return db.selectFrom('procedure_versions').select(['version', 'status', 'effective_from', 'content']).where('procedure_id', '=', procedureId).execute()
}
