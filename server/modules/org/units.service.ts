/**
 * Administrative units as dated data: a tree (province → district until 30/6/2025 → commune,
 * ward or special zone), each with a validity period, and succession links for mergers.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { CreateUnitBody, Unit, UnitListQuery, UpdateUnitBody } from '../../../contracts/org.ts'
import { canInUnit, canReadUnit, holdsOverProvince, readableUnits, type RequestContext } from '../../platform/auth/actor.ts'
import { recordAudit } from '../../platform/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import type { DB, UnitKind, UnitLevel } from '../../platform/db/schema.ts'
import { underAnyPath } from '../../platform/db/scopes.ts'
import { assertVersion, nextRowVersion, staleWrite } from '../../platform/db/concurrency.ts'
import { AppError } from '../../platform/errors.ts'
import { dayBefore, findUnit, type Executor, periodsOverlap, unitsToApi, validOnFilter } from './org.repository.ts'

/** Which kinds belong to which level (Law 72/2025/QH15; before it, the 2015 Law on Organisation of Local Government as amended in 2019). */
export const KINDS_BY_LEVEL: Record<UnitLevel, readonly UnitKind[]> = {
  province: ['province', 'city'],
  district: ['district', 'town', 'provincial_city'],
  commune: ['commune', 'ward', 'township', 'special_zone'],
}

/** Levels a unit of each level may sit under. A commune sits under a district before 1/7/2025, under the province after. */
const PARENT_LEVELS: Record<UnitLevel, readonly UnitLevel[]> = {
  province: [],
  district: ['province'],
  commune: ['district', 'province'],
}

export interface UnitServiceDeps {
  db: Kysely<DB>
  clock: Clock
}

export type UnitService = ReturnType<typeof createUnitService>

export function createUnitService({ db, clock }: UnitServiceDeps) {
  async function findInScope(executor: Executor, ctx: RequestContext, id: string, permission: 'org.read' | 'org.manage') {
    const unit = await findUnit(executor, id)
    // Out of scope reads as absent: nobody learns what exists in another unit.
    if (!unit || !canReadUnit(ctx.actor, unit.path)) throw new AppError('unit.not_found')
    // Managing a unit is unit level: it needs a grant over the unit's governing agency (or above).
    if (permission === 'org.manage' && !canInUnit(ctx.actor, 'org.manage', unit.path)) throw new AppError('auth.forbidden')
    return unit
  }

  return {
    /** Units inside the reader's scope (and the own units of the agencies they read), optionally only those valid on a date. */
    async listUnits(ctx: RequestContext, query: UnitListQuery): Promise<Unit[]> {
      const { subtrees, units } = readableUnits(ctx.actor)
      let q = db
        .selectFrom('admin_units')
        .selectAll()
        .where((eb) => eb.or([underAnyPath('path', subtrees), ...(units.length > 0 ? [eb('path', 'in', units)] : [])]))
      if (query.level) q = q.where('level', '=', query.level)
      if (query.parentId) q = q.where('parent_id', '=', query.parentId)
      if (query.validOn) q = q.where(validOnFilter(query.validOn))
      const rows = await q.orderBy('level').orderBy('code').orderBy('valid_from').execute()
      return unitsToApi(db, rows)
    },

    async getUnit(ctx: RequestContext, id: string): Promise<Unit> {
      const unit = await findInScope(db, ctx, id, 'org.read')
      return (await unitsToApi(db, [unit]))[0]!
    },

    /** Creates a unit; predecessors (a merger) are closed the day before it starts. */
    async createUnit(ctx: RequestContext, body: CreateUnitBody): Promise<Unit> {
      const validTo = body.validTo ?? null
      if (validTo !== null && validTo < body.validFrom) throw new AppError('unit.invalid_period')
      if (!KINDS_BY_LEVEL[body.level].includes(body.kind)) {
        throw new AppError('request.invalid', { vi: `Loại "${body.kind}" không thuộc cấp "${body.level}"`, en: `Kind "${body.kind}" does not belong to level "${body.level}"` }, { errors: [{ field: '/body/kind', message: 'kind does not match level' }] })
      }
      return db.transaction().execute(async (trx) => {
        let parentPath = '/'
        if (body.parentId) {
          const parent = await findUnit(trx, body.parentId)
          if (!parent || !canReadUnit(ctx.actor, parent.path)) throw new AppError('unit.invalid_parent')
          if (!canInUnit(ctx.actor, 'org.manage', parent.path)) throw new AppError('auth.forbidden')
          if (!PARENT_LEVELS[body.level].includes(parent.level)) throw new AppError('unit.invalid_parent', { vi: 'Cấp của đơn vị cấp trên không phù hợp', en: `A ${body.level} cannot sit under a ${parent.level}` })
          // A unit exists only while its parent does.
          if (body.validFrom < parent.valid_from || (parent.valid_to !== null && (validTo === null || validTo > parent.valid_to))) {
            throw new AppError('unit.invalid_period', { vi: 'Thời gian hiệu lực phải nằm trong thời gian của đơn vị cấp trên', en: "The validity period must lie within the parent's" })
          }
          parentPath = parent.path
        } else {
          if (body.level !== 'province') throw new AppError('unit.invalid_parent', { vi: 'Chỉ cấp tỉnh không có đơn vị cấp trên', en: 'Only a province has no parent' })
          // A new province can only be created by someone who manages a whole province.
          if (!holdsOverProvince(ctx.actor, 'org.manage')) throw new AppError('auth.forbidden')
        }
        const sameCode = await trx.selectFrom('admin_units').select(['valid_from', 'valid_to']).where('code', '=', body.code).execute()
        if (sameCode.some((u) => periodsOverlap(u.valid_from, u.valid_to, body.validFrom, validTo))) throw new AppError('unit.code_taken')

        const id = randomUUID()
        const path = `${parentPath}${id}/`
        const now = clock.now()
        const unit = await trx
          .insertInto('admin_units')
          .values({ id, code: body.code, name: body.name, level: body.level, kind: body.kind, parent_id: body.parentId, path, valid_from: body.validFrom, valid_to: validTo, created_at: now, updated_at: now })
          .returningAll()
          .executeTakeFirstOrThrow()
        await recordAudit(trx, clock, ctx, { unitId: id, agencyId: null, action: 'unit.created', subjectType: 'admin_unit', subjectId: id, after: { code: unit.code, name: unit.name, level: unit.level, kind: unit.kind, parentId: unit.parent_id, validFrom: unit.valid_from, validTo: unit.valid_to } })

        for (const predecessorId of body.predecessorIds ?? []) {
          const predecessor = await findUnit(trx, predecessorId)
          if (!predecessor || !canInUnit(ctx.actor, 'org.manage', predecessor.path)) throw new AppError('unit.not_found', { vi: `Không tìm thấy đơn vị tiền thân ${predecessorId}`, en: `Predecessor ${predecessorId} not found` })
          if (predecessor.valid_from >= body.validFrom || (predecessor.valid_to !== null && predecessor.valid_to >= body.validFrom)) {
            throw new AppError('unit.invalid_period', { vi: 'Đơn vị tiền thân phải kết thúc trước ngày đơn vị mới có hiệu lực', en: 'A predecessor must end before the new unit starts' })
          }
          if (predecessor.valid_to === null) {
            const closedOn = dayBefore(body.validFrom)
            await trx.updateTable('admin_units').set({ valid_to: closedOn, updated_at: now, row_version: nextRowVersion }).where('id', '=', predecessorId).execute()
            await recordAudit(trx, clock, ctx, { unitId: predecessorId, agencyId: null, action: 'unit.closed', subjectType: 'admin_unit', subjectId: predecessorId, before: { validTo: null }, after: { validTo: closedOn, successorId: id } })
            // The merged unit's agencies (its People's Committee and their offices) end with it, and so do their codes.
            const open = await trx.selectFrom('agencies').select(['id', 'valid_from']).where('unit_id', '=', predecessorId).where('valid_to', 'is', null).execute()
            // Nothing of the predecessor may begin after it ends: an agency or identity code dated later is a contradiction to resolve first.
            const lateCode = open.length
              ? await trx.selectFrom('agency_identity_codes').select(['code', 'valid_from']).where('agency_id', 'in', open.map((a) => a.id)).where('valid_from', '>', closedOn).orderBy('valid_from').executeTakeFirst()
              : undefined
            const lateAgency = open.find((a) => a.valid_from > closedOn)
            if (lateAgency || lateCode) {
              const from = lateAgency?.valid_from ?? lateCode!.valid_from
              throw new AppError('unit.invalid_period', {
                vi: `Đơn vị tiền thân có ${lateAgency ? 'cơ quan' : `mã định danh ${lateCode!.code}`} bắt đầu từ ${from}, sau ngày hợp nhất; hãy điều chỉnh trước`,
                en: `The predecessor has ${lateAgency ? 'an agency' : `identity code ${lateCode!.code}`} starting on ${from}, after the merger; correct it first`,
              })
            }
            for (const agency of open) {
              await trx.updateTable('agencies').set({ valid_to: closedOn, updated_at: now, row_version: nextRowVersion }).where('id', '=', agency.id).execute()
              await trx.updateTable('agency_identity_codes').set({ valid_to: closedOn }).where('agency_id', '=', agency.id).where('valid_to', 'is', null).execute()
              await recordAudit(trx, clock, ctx, { unitId: predecessorId, agencyId: agency.id, action: 'agency.closed', subjectType: 'agency', subjectId: agency.id, before: { validTo: null }, after: { validTo: closedOn, reason: 'unit merged' } })
            }
          }
          await trx.insertInto('admin_unit_successions').values({ predecessor_id: predecessorId, successor_id: id, effective_date: body.validFrom, legal_basis: body.legalBasis ?? null }).execute()
          await recordAudit(trx, clock, ctx, { unitId: id, agencyId: null, action: 'unit.succession_linked', subjectType: 'admin_unit', subjectId: id, after: { predecessorId, effectiveDate: body.validFrom, legalBasis: body.legalBasis ?? null } })
        }
        return (await unitsToApi(trx, [unit]))[0]!
      })
    },

    /** `expected`: the row version the client edited (If-Match); a stale one changes nothing (409 request.stale). */
    async updateUnit(ctx: RequestContext, id: string, body: UpdateUnitBody, expected?: number): Promise<Unit> {
      return db.transaction().execute(async (trx) => {
        const unit = await findInScope(trx, ctx, id, 'org.manage')
        assertVersion(expected, unit.row_version)
        if (body.kind && !KINDS_BY_LEVEL[unit.level].includes(body.kind)) {
          throw new AppError('request.invalid', { vi: 'Loại đơn vị không phù hợp với cấp', en: 'Kind does not match level' }, { errors: [{ field: '/body/kind', message: 'kind does not match level' }] })
        }
        if (body.validTo !== undefined && body.validTo !== null && body.validTo < unit.valid_from) throw new AppError('unit.invalid_period')
        const changes = {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.kind !== undefined ? { kind: body.kind } : {}),
          ...(body.validTo !== undefined ? { valid_to: body.validTo } : {}),
        }
        // Conditional on the version read, so the audit's `before` is what was overwritten.
        const updated = await trx.updateTable('admin_units').set({ ...changes, updated_at: clock.now(), row_version: nextRowVersion }).where('id', '=', id).where('row_version', '=', unit.row_version).returningAll().executeTakeFirst()
        if (!updated) throw staleWrite((await trx.selectFrom('admin_units').select('row_version').where('id', '=', id).executeTakeFirstOrThrow()).row_version)
        await recordAudit(trx, clock, ctx, {
          unitId: id,
          agencyId: null,
          action: 'unit.updated',
          subjectType: 'admin_unit',
          subjectId: id,
          before: Object.fromEntries(Object.keys(changes).map((key) => [key, unit[key as keyof typeof unit]])),
          after: changes,
        })
        return (await unitsToApi(trx, [updated]))[0]!
      })
    },
  }
}
