/**
 * Agencies: departments, the public service centre, People's Committees, the home-affairs office…
 * Each belongs to an administrative unit, may nest under another agency, and carries an identity
 * code (QCVN 102:2016) whose history is kept: a new code closes the previous one.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Agency, AgencyDetail, AgencyListQuery, AssignIdentityCodeBody, CreateAgencyBody, UpdateAgencyBody } from '../../../contracts/org.ts'
import { agencyScopes, can, canInUnit, canReadUnit, isTopLevelPath, type RequestContext } from '../../platform/auth/actor.ts'
import { recordAudit } from '../../platform/audit.ts'
import { createReadCache } from '../../platform/cache/read-cache.ts'
import type { Clock } from '../../platform/clock.ts'
import type { DB } from '../../platform/db/schema.ts'
import { underAnyPath } from '../../platform/db/scopes.ts'
import { assertVersion, nextRowVersion, staleWrite } from '../../platform/db/concurrency.ts'
import { AppError } from '../../platform/errors.ts'
import { isoDate, localDay } from '../../platform/time/vietnam-time.ts'
import { agencyDetail, agencyToApi, dayBefore, findAgency, findUnit, governsItsUnit, periodsOverlap, selectAgencies, validOnFilter, type Executor } from './org.repository.ts'

export interface AgencyServiceDeps {
  db: Kysely<DB>
  clock: Clock
  /** How long an official's own agency (read on every page of the workspace) is cached; 0: never (ADR 0018). */
  cacheMs?: number
}

export type AgencyService = ReturnType<typeof createAgencyService>

/** Throws agency.code_taken when another agency holds `code` during any day of the period. */
async function assertCodeFree(executor: Executor, code: string, agencyId: string, validFrom: string): Promise<void> {
  const holders = await executor.selectFrom('agency_identity_codes').select(['agency_id', 'valid_from', 'valid_to']).where('code', '=', code).execute()
  if (holders.some((h) => h.agency_id !== agencyId && periodsOverlap(h.valid_from, h.valid_to, validFrom, null))) throw new AppError('agency.code_taken')
}

/** Updates the agency and bumps its version, only if it still has version `read`; otherwise 409 request.stale. */
async function bumpVersion(executor: Executor, id: string, read: number, changes: Record<string, unknown>): Promise<void> {
  const updated = await executor.updateTable('agencies').set({ ...changes, row_version: nextRowVersion }).where('id', '=', id).where('row_version', '=', read).returning('row_version').executeTakeFirst()
  if (updated) return
  const current = await executor.selectFrom('agencies').select('row_version').where('id', '=', id).executeTakeFirstOrThrow()
  throw staleWrite(current.row_version)
}

export function createAgencyService({ db, clock, cacheMs = 0 }: AgencyServiceDeps) {
  const today = () => isoDate(localDay(clock.now()))
  // Emptied by every audited change of an agency or a unit in this process (a rename, a new code).
  const ownAgencies = createReadCache<string, Agency>({ name: 'org.own_agency', subjects: ['agency', 'admin_unit'], ttlMs: cacheMs, clock })
  async function findInScope(executor: Executor, ctx: RequestContext, id: string, permission: 'org.read' | 'org.manage') {
    const agency = await findAgency(executor, id, today())
    if (!agency || !can(ctx.actor, 'org.read', agency.path)) throw new AppError('agency.not_found')
    if (!can(ctx.actor, permission, agency.path)) throw new AppError('auth.forbidden')
    return agency
  }

  return {
    /** Agencies inside the reader's scope. */
    async listAgencies(ctx: RequestContext, query: AgencyListQuery): Promise<Agency[]> {
      const scopes = agencyScopes(ctx.actor, 'org.read')
      let q = selectAgencies(db, today()).where(underAnyPath('agencies.path', scopes))
      if (query.unitId) q = q.where('agencies.unit_id', '=', query.unitId)
      if (query.parentId) q = q.where('agencies.parent_id', '=', query.parentId)
      if (query.validOn) q = q.where(validOnFilter(query.validOn, 'agencies'))
      const rows = await q.orderBy('agencies.path').execute()
      return rows.map(agencyToApi)
    },

    async getAgency(ctx: RequestContext, id: string): Promise<AgencyDetail> {
      return agencyDetail(db, await findInScope(db, ctx, id, 'org.read'))
    },

    /** The actor's own agency (every official may read it). */
    async getOwnAgency(ctx: RequestContext): Promise<Agency> {
      const agency = await ownAgencies.get(ctx.actor.agencyId, async () => {
        const row = await findAgency(db, ctx.actor.agencyId, today())
        return row ? agencyToApi(row) : null
      })
      if (!agency) throw new AppError('agency.not_found')
      return agency
    },

    /** Stops the service's caches (the app's close hook). */
    close(): void {
      ownAgencies.dispose()
    },

    async createAgency(ctx: RequestContext, body: CreateAgencyBody): Promise<AgencyDetail> {
      const validTo = body.validTo ?? null
      if (validTo !== null && validTo < body.validFrom) throw new AppError('agency.invalid_period')
      return db.transaction().execute(async (trx) => {
        const unit = await findUnit(trx, body.unitId)
        if (!unit || !canReadUnit(ctx.actor, unit.path)) throw new AppError('unit.not_found')
        let parentPath = '/'
        if (body.parentId) {
          const parent = await findAgency(trx, body.parentId, today())
          if (!parent || !can(ctx.actor, 'org.read', parent.path)) throw new AppError('agency.invalid_parent')
          if (!can(ctx.actor, 'org.manage', parent.path)) throw new AppError('auth.forbidden')
          // An agency sits in its parent's unit or in a unit below it (a commune committee under a district committee).
          if (!unit.path.startsWith(parent.unit_path)) throw new AppError('agency.invalid_parent', { vi: 'Đơn vị hành chính của cơ quan phải thuộc đơn vị của cơ quan cấp trên', en: "The agency's unit must lie within its parent's unit" })
          if (unit.id !== parent.unit_id) {
            // An agency of a lower unit governs that unit (ADR 0008): it hangs under the governing agency
            // of a unit above, never under an office, and creating it is unit level.
            if (!(await governsItsUnit(trx, parent))) throw new AppError('agency.invalid_parent', { vi: 'Cơ quan của đơn vị cấp dưới chỉ trực thuộc cơ quan đứng đầu đơn vị cấp trên', en: "An agency of a lower unit must sit under the governing agency of the unit above" })
            if (!canInUnit(ctx.actor, 'org.manage', unit.path)) throw new AppError('auth.forbidden')
          }
          parentPath = parent.path
        } else if (!ctx.actor.grants.some((g) => g.permission === 'org.manage' && g.unitPath !== null && isTopLevelPath(g.agencyPath) && unit.path.startsWith(g.unitPath))) {
          // A top-level agency can only be created by someone who manages a top-level agency over that unit
          // (a grant over a governing agency: unit level; a grant over an office never qualifies).
          throw new AppError('auth.forbidden')
        }
        if (body.validFrom < unit.valid_from || (unit.valid_to !== null && (validTo === null || validTo > unit.valid_to))) {
          throw new AppError('agency.invalid_period', { vi: 'Thời gian hiệu lực phải nằm trong thời gian của đơn vị hành chính', en: "The validity period must lie within the unit's" })
        }
        const id = randomUUID()
        const now = clock.now()
        await trx
          .insertInto('agencies')
          .values({ id, unit_id: body.unitId, parent_id: body.parentId, path: `${parentPath}${id}/`, name: body.name, short_name: body.shortName ?? null, kind: body.kind, valid_from: body.validFrom, valid_to: validTo, created_at: now, updated_at: now })
          .execute()
        if (body.identityCode) {
          await assertCodeFree(trx, body.identityCode, id, body.validFrom)
          await trx.insertInto('agency_identity_codes').values({ agency_id: id, code: body.identityCode, valid_from: body.validFrom, valid_to: null, legal_basis: null }).execute()
        }
        await recordAudit(trx, clock, ctx, {
          unitId: body.unitId,
          agencyId: id,
          action: 'agency.created',
          subjectType: 'agency',
          subjectId: id,
          after: { name: body.name, kind: body.kind, unitId: body.unitId, parentId: body.parentId, identityCode: body.identityCode ?? null, validFrom: body.validFrom, validTo },
        })
        return agencyDetail(trx, (await findAgency(trx, id, today()))!)
      })
    },

    /** `expected`: the row version the client edited (If-Match); a stale one changes nothing (409 request.stale). */
    async updateAgency(ctx: RequestContext, id: string, body: UpdateAgencyBody, expected?: number): Promise<AgencyDetail> {
      return db.transaction().execute(async (trx) => {
        const agency = await findInScope(trx, ctx, id, 'org.manage')
        assertVersion(expected, agency.row_version)
        if (body.validTo !== undefined && body.validTo !== null && body.validTo < agency.valid_from) throw new AppError('agency.invalid_period')
        const changes = {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.shortName !== undefined ? { short_name: body.shortName } : {}),
          ...(body.kind !== undefined ? { kind: body.kind } : {}),
          ...(body.validTo !== undefined ? { valid_to: body.validTo } : {}),
        }
        // Conditional on the version read, so the audit's `before` is what was overwritten.
        await bumpVersion(trx, id, agency.row_version, { ...changes, updated_at: clock.now() })
        await recordAudit(trx, clock, ctx, {
          unitId: agency.unit_id,
          agencyId: id,
          action: 'agency.updated',
          subjectType: 'agency',
          subjectId: id,
          before: Object.fromEntries(Object.keys(changes).map((key) => [key, agency[key as keyof typeof agency]])),
          after: changes,
        })
        return agencyDetail(trx, (await findAgency(trx, id, today()))!)
      })
    },

    /** Gives the agency a new identity code from a date; the code in force until then is closed the day before. */
    async assignIdentityCode(ctx: RequestContext, id: string, body: AssignIdentityCodeBody, expected?: number): Promise<AgencyDetail> {
      return db.transaction().execute(async (trx) => {
        const agency = await findInScope(trx, ctx, id, 'org.manage')
        assertVersion(expected, agency.row_version)
        // Taking the agency's next version first queues concurrent assignments to one agency: the later one answers 409 request.stale.
        await bumpVersion(trx, id, agency.row_version, { updated_at: clock.now() })
        const current = await trx.selectFrom('agency_identity_codes').selectAll().where('agency_id', '=', id).orderBy('valid_from', 'desc').limit(1).executeTakeFirst()
        if (current && body.validFrom <= current.valid_from) {
          throw new AppError('agency.invalid_period', { vi: 'Mã mới phải có hiệu lực sau mã hiện hành', en: 'The new code must start after the current one' }, { errors: [{ field: '/body/validFrom', message: `must be after ${current.valid_from}` }] })
        }
        if (body.validFrom < agency.valid_from) throw new AppError('agency.invalid_period')
        await assertCodeFree(trx, body.code, id, body.validFrom)
        if (current && current.valid_to === null) {
          await trx.updateTable('agency_identity_codes').set({ valid_to: dayBefore(body.validFrom) }).where('agency_id', '=', id).where('valid_from', '=', current.valid_from).execute()
        }
        await trx.insertInto('agency_identity_codes').values({ agency_id: id, code: body.code, valid_from: body.validFrom, valid_to: null, legal_basis: body.legalBasis ?? null }).execute()
        await recordAudit(trx, clock, ctx, {
          unitId: agency.unit_id,
          agencyId: id,
          action: 'agency.identity_code_assigned',
          subjectType: 'agency',
          subjectId: id,
          before: { identityCode: current?.code ?? null },
          after: { identityCode: body.code, validFrom: body.validFrom, legalBasis: body.legalBasis ?? null },
        })
        return agencyDetail(trx, (await findAgency(trx, id, today()))!)
      })
    },
  }
}
