/**
 * The procedure catalogue: procedures with versions by effective date, per-agency configuration,
 * the portal's diacritic-blind search, and the officials' editing cycle (draft → published →
 * withdrawn; a change to a published procedure is a new version).
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Procedure, ProcedureContent, ProcedureSummary, ProcedureVersion, SearchQuery, SetAgenciesBody } from '../../../contracts/procedures.ts'
import { holdsOverProvince, type RequestContext } from '../../platform/auth/actor.ts'
import { recordAudit } from '../../platform/audit.ts'
import type { EventBus } from '../../platform/events/event-bus.ts'
import type { Clock } from '../../platform/clock.ts'
import type { DB } from '../../platform/db/schema.ts'
import { assertVersion, nextRowVersion, staleWrite } from '../../platform/db/concurrency.ts'
import { AppError } from '../../platform/errors.ts'
import { isoDate, localDay } from '../../platform/time/vietnam-time.ts'
import { compareContents, searchWords, validateContent, versionInForce, type ContentChange } from './procedure-rules.ts'
import * as repo from './procedures.repository.ts'
import { versionTemplates } from './templates.repository.ts'
import { CatalogueIndex, entryFrom } from './catalogue-index.ts'

export interface ProcedureServiceDeps {
  db: Kysely<DB>
  clock: Clock
  /** How long another server's catalogue change may take to reach this server's search. */
  refreshMs?: number
  /** Domain events (outbox): publish and withdraw emit `procedure.version.published` / `.withdrawn`. */
  events?: EventBus
}

export type ProcedureService = ReturnType<typeof createProcedureService>

function toVersion(row: repo.VersionRecord): ProcedureVersion {
  return {
    id: row.id,
    procedureId: row.procedure_id,
    version: row.version,
    status: row.status,
    effectiveFrom: row.effective_from,
    createdAt: row.created_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    content: row.content as ProcedureContent,
    rowVersion: row.row_version,
  }
}

/** Throws procedure.invalid naming every inconsistent field. */
export function assertValidContent(content: ProcedureContent, prefix = '/body/content'): void {
  const issues = validateContent(content)
  if (issues.length) {
    const first = issues[0]!
    throw new AppError('procedure.invalid', { vi: `${prefix}${first.field}: ${first.message}`, en: `${prefix}${first.field}: ${first.message}` }, { errors: issues.map((i) => ({ field: `${prefix}${i.field}`, message: i.message })) })
  }
}

export function createProcedureService({ db, clock, refreshMs = 1000, events }: ProcedureServiceDeps) {
  const today = () => isoDate(localDay(clock.now()))
  let cached: { index: CatalogueIndex; revision: number; day: string; checkedAt: number } | null = null
  let building: Promise<CatalogueIndex> | null = null

  /** The in-memory catalogue, rebuilt when the revision counter or the day has moved (checked at most every `refreshMs`). */
  async function catalogueIndex(): Promise<CatalogueIndex> {
    const day = today()
    const now = Date.now()
    if (cached && cached.day === day && now - cached.checkedAt < refreshMs) return cached.index
    const { revision } = await db.selectFrom('catalogue_revision').select('revision').where('id', '=', 1).executeTakeFirstOrThrow()
    if (cached && cached.day === day && cached.revision === revision) {
      cached.checkedAt = now
      return cached.index
    }
    building ??= (async () => {
      try {
        const { query } = repo.catalogueQuery(db, { day, words: [], phrase: '' })
        const rows = await query.select(['v.procedure_id', 'p.national_code', 'v.name', 'f.name as field_name', 'f.code as field_code', 'v.content', 'v.effective_from', 'v.version']).execute()
        const links = await db.selectFrom('procedure_agencies').select(['procedure_id', 'agency_id']).where('active', '=', true).execute()
        const agencies = new Map<string, Set<string>>()
        for (const link of links) {
          const set = agencies.get(link.procedure_id) ?? new Set<string>()
          set.add(link.agency_id)
          agencies.set(link.procedure_id, set)
        }
        const index = new CatalogueIndex(rows.map((row) => entryFrom(row, agencies.get(row.procedure_id) ?? new Set())))
        cached = { index, revision, day, checkedAt: Date.now() }
        return index
      } finally {
        building = null
      }
    })()
    return building
  }

  function assertCatalogueManager(ctx: RequestContext): void {
    // The catalogue is published by the province: only someone holding catalogue.manage over a whole province edits it.
    if (!holdsOverProvince(ctx.actor, 'catalogue.manage')) throw new AppError('auth.forbidden')
  }

  async function loadProcedure(executor: repo.Executor, id: string, day: string, withHistory: boolean): Promise<Procedure> {
    const procedure = await executor.selectFrom('procedures').selectAll().where('id', '=', id).executeTakeFirst()
    if (!procedure) throw new AppError('procedure.not_found')
    const versions = await repo.versionsOf(executor, id)
    const current = versionInForce(versions.map((v) => ({ ...v, effectiveFrom: v.effective_from })), day)
    if (!withHistory && !current) throw new AppError('procedure.not_found')
    const agencies = await executor
      .selectFrom('procedure_agencies')
      .innerJoin('agencies', 'agencies.id', 'procedure_agencies.agency_id')
      .select(['procedure_agencies.agency_id', 'agencies.name', 'procedure_agencies.local_code', 'procedure_agencies.online_level', 'procedure_agencies.active'])
      .where('procedure_agencies.procedure_id', '=', id)
      .where((eb) => (withHistory ? eb.val(true) : eb('procedure_agencies.active', '=', true)))
      .orderBy('agencies.name')
      .execute()
    return {
      id,
      nationalCode: procedure.national_code,
      current: current ? { ...toVersion(current), templates: await versionTemplates(executor, current) } : null,
      versions: withHistory ? versions.map((v) => ({ id: v.id, version: v.version, status: v.status, effectiveFrom: v.effective_from, name: v.name, publishedAt: v.published_at?.toISOString() ?? null })) : [],
      agencies: agencies.map((a) => ({ agencyId: a.agency_id, agencyName: a.name, localCode: a.local_code, onlineLevel: a.online_level, active: a.active })),
      rowVersion: procedure.row_version,
    }
  }

  async function findVersion(executor: repo.Executor, id: string, version: number, forUpdate = false) {
    const query = executor.selectFrom('procedure_versions').selectAll().where('procedure_id', '=', id).where('version', '=', version)
    const row = await (forUpdate ? query.forUpdate() : query).executeTakeFirst()
    if (!row) throw new AppError('procedure.version_not_found')
    return row
  }

  /**
   * Runs a catalogue change in a transaction that also bumps the catalogue revision (so every
   * server reloads its index), then drops this server's index, so its next search sees it at once.
   */
  async function changing<T>(work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(async (trx) => {
        const result = await work(trx)
        await repo.bumpCatalogueRevision(trx)
        return result
      })
    } finally {
      cached = null
    }
  }

  return {
    /** Drops the in-memory index (after a change made outside this service, e.g. an import). */
    invalidate(): void {
      cached = null
    },

    /**
     * The portal's search: published versions in force today, every word in any order, ranked by
     * relevance (in memory, see catalogue-index.ts). When no name has every word (a typo), the
     * database's trigram similarity finds the closest names.
     */
    async search(query: SearchQuery): Promise<{ items: ProcedureSummary[]; total: number }> {
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const filters = { field: query.field, level: query.level, agencyId: query.agencyId, onlineLevel: query.onlineLevel }
      const found = (await catalogueIndex()).search(query.q ?? '', filters, limit, offset)
      const words = searchWords(query.q ?? '')
      if (found.total > 0 || words.length < 2) return found
      const phrase = words.join(' ')
      const { query: fuzzy, unaccented } = repo.catalogueQuery(db, { day: today(), words, phrase, fuzzy: true, ...filters })
      const rows = await fuzzy
        .select(['v.procedure_id', 'p.national_code', 'v.name', 'f.name as field_name', 'f.code as field_code', 'v.content', 'v.effective_from', 'v.version', sql<number>`word_similarity(${phrase}, ${unaccented})::float8`.as('rank')])
        .orderBy('rank', 'desc')
        .limit(limit)
        .offset(offset)
        .execute()
      // A close-name answer is one page of the nearest names; its total is what was found.
      return { total: rows.length === limit ? offset + rows.length + 1 : offset + rows.length, items: rows.map((row) => ({ ...entryFrom(row, new Set()).summary, rank: Math.round(row.rank * 1000) / 1000 })) }
    },

    /** Draft versions awaiting publication, newest first (officials' work list). */
    async drafts(): Promise<Array<{ procedureId: string; nationalCode: string | null; name: string; version: number; effectiveFrom: string; createdAt: string }>> {
      const rows = await db
        .selectFrom('procedure_versions as v')
        .innerJoin('procedures as p', 'p.id', 'v.procedure_id')
        .select(['v.procedure_id', 'p.national_code', 'v.name', 'v.version', 'v.effective_from', 'v.created_at'])
        .where('v.status', '=', 'draft')
        .orderBy('v.created_at', 'desc')
        .limit(200)
        .execute()
      return rows.map((r) => ({ procedureId: r.procedure_id, nationalCode: r.national_code, name: r.name, version: r.version, effectiveFrom: r.effective_from, createdAt: r.created_at.toISOString() }))
    },

    /** Agencies implementing procedures in force, with how many each (for browsing by agency). */
    async agencies(): Promise<Array<{ id: string; name: string; count: number }>> {
      const counts = (await catalogueIndex()).agencyCounts()
      if (counts.size === 0) return []
      const rows = await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', [...counts.keys()]).execute()
      const collator = new Intl.Collator('vi')
      return rows.map((row) => ({ id: row.id, name: row.name, count: counts.get(row.id) ?? 0 })).sort((a, b) => collator.compare(a.name, b.name))
    },

    /** Fields of the procedures in force, with how many each holds (for browsing). */
    async fields() {
      return (await catalogueIndex()).fields()
    },

    /** A procedure as the portal shows it: the version in force today. */
    getPublic: (id: string) => loadProcedure(db, id, today(), false),

    /** A procedure with its whole history (officials). `on` picks the version in force on another day. */
    getForOfficial: (id: string, on?: string) => loadProcedure(db, id, on ?? today(), true),

    async getVersion(id: string, version: number): Promise<ProcedureVersion> {
      const row = await findVersion(db, id, version)
      return { ...toVersion(row), templates: await versionTemplates(db, row) }
    },

    async compare(id: string, from: number, to: number): Promise<ContentChange[]> {
      const [a, b] = await Promise.all([findVersion(db, id, from), findVersion(db, id, to)])
      return compareContents(a.content as ProcedureContent, b.content as ProcedureContent)
    },

    /** Creates a procedure with its first version, as a draft. */
    async createProcedure(ctx: RequestContext, content: ProcedureContent, effectiveFrom: string): Promise<Procedure> {
      assertCatalogueManager(ctx)
      assertValidContent(content)
      return changing(async (trx) => {
        if (content.nationalCode) {
          const taken = await trx.selectFrom('procedures').select('id').where('national_code', '=', content.nationalCode).executeTakeFirst()
          if (taken) throw new AppError('procedure.code_taken', undefined, { errors: [{ field: '/body/content/nationalCode', message: content.nationalCode }] })
        }
        const procedure = await trx.insertInto('procedures').values({ national_code: content.nationalCode, created_at: clock.now() }).returning('id').executeTakeFirstOrThrow()
        await insertVersion(trx, ctx, procedure.id, 1, content, effectiveFrom)
        return loadProcedure(trx, procedure.id, today(), true)
      })
    },

    /** A new draft version of a procedure, taking effect on a date once published. */
    async createVersion(ctx: RequestContext, id: string, content: ProcedureContent, effectiveFrom: string): Promise<ProcedureVersion> {
      assertCatalogueManager(ctx)
      assertValidContent(content)
      return changing(async (trx) => {
        const procedure = await trx.selectFrom('procedures').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
        if (!procedure) throw new AppError('procedure.not_found')
        if (content.nationalCode !== procedure.national_code) {
          throw new AppError('procedure.invalid', { vi: 'Không đổi được mã thủ tục giữa các phiên bản', en: 'The national code cannot change between versions' }, { errors: [{ field: '/body/content/nationalCode', message: 'must stay the same' }] })
        }
        const last = await trx.selectFrom('procedure_versions').select((eb) => eb.fn.max('version').as('v')).where('procedure_id', '=', id).executeTakeFirstOrThrow()
        const row = await insertVersion(trx, ctx, id, Number(last.v ?? 0) + 1, content, effectiveFrom)
        return toVersion(row)
      })
    },

    /**
     * Changes a draft in place; a published version is never edited. `expected` is the row version
     * the client edited (If-Match): a stale one changes nothing and answers 409 request.stale.
     */
    async updateDraft(ctx: RequestContext, id: string, version: number, content: ProcedureContent, effectiveFrom: string, expected?: number): Promise<ProcedureVersion> {
      assertCatalogueManager(ctx)
      assertValidContent(content)
      return changing(async (trx) => {
        // Locked first, before the field: the order publish takes too (the revision row is locked last, by changing()).
        const row = await findVersion(trx, id, version, true)
        if (row.status !== 'draft') throw new AppError('procedure.version_not_draft')
        assertVersion(expected, row.row_version)
        if (content.nationalCode !== (row.content as ProcedureContent).nationalCode) {
          throw new AppError('procedure.invalid', { vi: 'Không đổi được mã thủ tục giữa các phiên bản', en: 'The national code cannot change between versions' }, { errors: [{ field: '/body/content/nationalCode', message: 'must stay the same' }] })
        }
        const fieldId = await repo.findOrCreateField(trx, content.field)
        const updated = await trx
          .updateTable('procedure_versions')
          .set({ name: content.name, field_id: fieldId, content: JSON.stringify(content), effective_from: effectiveFrom, row_version: nextRowVersion })
          .where('id', '=', row.id)
          .where('status', '=', 'draft')
          .where('row_version', '=', row.row_version)
          .returningAll()
          .executeTakeFirst()
        if (!updated) throw staleWrite((await findVersion(trx, id, version)).row_version)
        await recordAudit(trx, clock, ctx, { unitId: ctx.actor.unitId, agencyId: ctx.actor.agencyId, action: 'procedure.draft_updated', subjectType: 'procedure', subjectId: id, before: { version, effectiveFrom: row.effective_from }, after: { version, effectiveFrom, changes: compareContents(row.content as ProcedureContent, content).map((c) => c.path) } })
        return toVersion(updated)
      })
    },

    /** Publishes a draft: it takes effect on its effective date. `expected`: publish only that row version (If-Match). */
    async publish(ctx: RequestContext, id: string, version: number, expected?: number): Promise<ProcedureVersion> {
      return transition(ctx, id, version, 'draft', 'published', expected)
    },

    /** Withdraws a published version: the portal no longer offers it (an earlier version may be in force again). */
    async withdraw(ctx: RequestContext, id: string, version: number, expected?: number): Promise<ProcedureVersion> {
      return transition(ctx, id, version, 'published', 'withdrawn', expected)
    },

    /** Sets which agencies implement the procedure, with their local codes and online levels. */
    /** Replaces the implementing agencies; with `expected` (If-Match), only if the procedure still has that version. */
    async setAgencies(ctx: RequestContext, id: string, body: SetAgenciesBody, expected?: number): Promise<Procedure> {
      assertCatalogueManager(ctx)
      return changing(async (trx) => {
        const procedure = await trx.selectFrom('procedures').select(['id', 'row_version']).where('id', '=', id).executeTakeFirst()
        if (!procedure) throw new AppError('procedure.not_found')
        assertVersion(expected, procedure.row_version)
        // Conditional on the version read: of two concurrent replacements one writes, the other answers 409.
        const bumped = await trx.updateTable('procedures').set({ row_version: nextRowVersion }).where('id', '=', id).where('row_version', '=', procedure.row_version).returning('row_version').executeTakeFirst()
        if (!bumped) throw staleWrite((await trx.selectFrom('procedures').select('row_version').where('id', '=', id).executeTakeFirstOrThrow()).row_version)
        const ids = body.agencies.map((a) => a.agencyId)
        if (new Set(ids).size !== ids.length) throw new AppError('request.invalid', { vi: 'Một cơ quan được liệt kê hai lần', en: 'An agency is listed twice' })
        if (ids.length) {
          const known = await trx.selectFrom('agencies').select('id').where('id', 'in', ids).execute()
          const missing = ids.find((agencyId) => !known.some((k) => k.id === agencyId))
          if (missing) throw new AppError('agency.not_found', undefined, { errors: [{ field: '/body/agencies', message: missing }] })
        }
        const before = await trx.selectFrom('procedure_agencies').selectAll().where('procedure_id', '=', id).execute()
        await trx.deleteFrom('procedure_agencies').where('procedure_id', '=', id).execute()
        if (body.agencies.length) {
          await trx.insertInto('procedure_agencies').values(body.agencies.map((a) => ({ procedure_id: id, agency_id: a.agencyId, local_code: a.localCode, online_level: a.onlineLevel, active: a.active }))).execute()
        }
        await recordAudit(trx, clock, ctx, { unitId: ctx.actor.unitId, agencyId: ctx.actor.agencyId, action: 'procedure.agencies_set', subjectType: 'procedure', subjectId: id, before: { agencies: before.map((a) => a.agency_id) }, after: { agencies: ids } })
        return loadProcedure(trx, id, today(), true)
      })
    },
  }

  async function insertVersion(trx: Transaction<DB>, ctx: RequestContext, procedureId: string, version: number, content: ProcedureContent, effectiveFrom: string) {
    const fieldId = await repo.findOrCreateField(trx, content.field)
    const row = await trx
      .insertInto('procedure_versions')
      .values({ procedure_id: procedureId, version, status: 'draft', effective_from: effectiveFrom, name: content.name, field_id: fieldId, content: JSON.stringify(content), created_by: ctx.actor.userId, created_at: clock.now() })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, clock, ctx, { unitId: ctx.actor.unitId, agencyId: ctx.actor.agencyId, action: version === 1 ? 'procedure.created' : 'procedure.version_created', subjectType: 'procedure', subjectId: procedureId, after: { version, name: content.name, nationalCode: content.nationalCode, effectiveFrom } })
    return row
  }

  /**
   * Moves a version from one state to the next. The UPDATE is conditional on the state it leaves:
   * of concurrent transitions exactly one changes the row and writes the audit entry; the others
   * find no row in state `from` and answer 409 procedure.version_state with the current state.
   */
  async function transition(ctx: RequestContext, id: string, version: number, from: 'draft' | 'published', to: 'published' | 'withdrawn', expected?: number): Promise<ProcedureVersion> {
    assertCatalogueManager(ctx)
    const wrongState = (status: string) => new AppError('procedure.version_state', { vi: `Phiên bản đang ở trạng thái ${status}`, en: `The version is ${status}` }, { currentState: status })
    return changing(async (trx) => {
      const row = await findVersion(trx, id, version)
      if (row.status !== from) throw wrongState(row.status)
      assertVersion(expected, row.row_version)
      const updated = await trx
        .updateTable('procedure_versions')
        .set({ status: to, row_version: nextRowVersion, ...(to === 'published' ? { published_at: clock.now() } : {}) })
        .where('id', '=', row.id)
        .where('status', '=', from)
        .$if(expected !== undefined, (q) => q.where('row_version', '=', expected!))
        .returningAll()
        .executeTakeFirst()
      if (!updated) {
        const current = await findVersion(trx, id, version)
        if (current.status !== from) throw wrongState(current.status)
        throw staleWrite(current.row_version)
      }
      await recordAudit(trx, clock, ctx, { unitId: ctx.actor.unitId, agencyId: ctx.actor.agencyId, action: to === 'published' ? 'procedure.published' : 'procedure.withdrawn', subjectType: 'procedure', subjectId: id, before: { version, status: from }, after: { version, status: to, effectiveFrom: row.effective_from } })
      await events?.emit(trx, { type: to === 'published' ? 'procedure.version.published' : 'procedure.version.withdrawn', unitId: ctx.actor.unitId, subjectId: row.id, actorId: ctx.actor.userId, payload: { procedureId: id, version, effectiveFrom: row.effective_from } })
      return toVersion(updated)
    })
  }
}
