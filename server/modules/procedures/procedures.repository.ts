/** SQL of the procedure catalogue. */
import { AppError } from '../../platform/errors.ts'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { ProcedureContent } from '../../../contracts/procedures.ts'
import type { DB } from '../../platform/db/schema.ts'

export type Executor = Kysely<DB> | Transaction<DB>

/** The field's id, created on first use. Throws `procedure.field_code_taken` when its code already belongs to another field (codes are unique). */
export async function findOrCreateField(trx: Executor, field: ProcedureContent['field']): Promise<string> {
  if (field.code) {
    const other = await trx.selectFrom('procedure_fields').select('name').where('code', '=', field.code).where('name', '<>', field.name).executeTakeFirst()
    if (other) {
      throw new AppError('procedure.field_code_taken', { vi: `Mã lĩnh vực ${field.code} đã thuộc lĩnh vực "${other.name}"`, en: `Field code ${field.code} already belongs to the field "${other.name}"` }, { errors: [{ field: '/body/content/field/code', message: `already belongs to the field "${other.name}"` }] })
    }
  }
  const existing = await trx.selectFrom('procedure_fields').select(['id', 'code']).where('name', '=', field.name).executeTakeFirst()
  if (existing) {
    if (field.code && !existing.code) await trx.updateTable('procedure_fields').set({ code: field.code }).where('id', '=', existing.id).execute()
    return existing.id
  }
  // Two writers may create one new field at once: the later one takes the field the first created.
  const created = await trx.insertInto('procedure_fields').values({ name: field.name, code: field.code }).onConflict((oc) => oc.column('name').doNothing()).returning('id').executeTakeFirst()
  if (created) return created.id
  return (await trx.selectFrom('procedure_fields').select('id').where('name', '=', field.name).executeTakeFirstOrThrow()).id
}

/**
 * Moves the catalogue's revision counter on, inside the changing transaction: every server reloads
 * its in-memory catalogue when it sees the counter move (procedures.service.ts). Every write to
 * procedures, procedure_versions, procedure_fields or procedure_agencies calls this once, last, so
 * the one counter row is always the last lock such a transaction takes (no lock-order deadlock).
 * Not a trigger: Citus refuses tables with triggers (ADR 0015).
 */
export async function bumpCatalogueRevision(trx: Transaction<DB>): Promise<void> {
  await trx.updateTable('catalogue_revision').set({ revision: sql`revision + 1` }).where('id', '=', 1).execute()
}

export function versionsOf(db: Executor, procedureId: string) {
  return db.selectFrom('procedure_versions').selectAll().where('procedure_id', '=', procedureId).orderBy('version', 'desc').execute()
}

export type VersionRecord = Awaited<ReturnType<typeof versionsOf>>[number]

/**
 * Published versions in force on `day`, one per procedure, matching the filters: the catalogue as
 * the portal sees it. `words` are unaccented; every word must occur (any order) — or, with
 * `fuzzy`, the whole query must be close to a name (typos).
 */
export function catalogueQuery(db: Executor, options: { day: string; words: string[]; phrase: string; fuzzy?: boolean; field?: string | undefined; level?: string | undefined; agencyId?: string | undefined; onlineLevel?: string | undefined }) {
  const unaccented = sql<string>`v.search_name`
  let query = db
    .selectFrom('procedure_versions as v')
    .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
    .innerJoin('procedure_fields as f', 'f.id', 'v.field_id')
    .where('v.status', '=', 'published')
    .where('v.effective_from', '<=', options.day)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('procedure_versions as newer')
            .select(sql`1`.as('one'))
            .whereRef('newer.procedure_id', '=', 'v.procedure_id')
            .where('newer.status', '=', 'published')
            .where('newer.effective_from', '<=', options.day)
            .where(sql<boolean>`(newer.effective_from, newer.version) > (v.effective_from, v.version)`),
        ),
      ),
    )
  if (options.words.length) {
    const patterns = options.words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    query = options.fuzzy ? query.where(sql<boolean>`${options.phrase} <% ${unaccented}`) : query.where(sql<boolean>`${unaccented} like all (${sql.val(patterns)}::text[])`)
  }
  if (options.field) query = query.where('f.name', '=', options.field)
  if (options.level) query = query.where(sql<boolean>`v.content->'levels' ? ${options.level}`)
  if (options.onlineLevel) query = query.where(sql<boolean>`v.content->>'onlineLevel' = ${options.onlineLevel}`)
  if (options.agencyId) {
    query = query.where((eb) =>
      eb.exists(eb.selectFrom('procedure_agencies as pa').select(sql`1`.as('one')).whereRef('pa.procedure_id', '=', 'v.procedure_id').where('pa.agency_id', '=', options.agencyId!).where('pa.active', '=', true)),
    )
  }
  return { query, unaccented }
}
