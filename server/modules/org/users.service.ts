/**
 * Officials' accounts and roles. An administrator manages accounts of agencies inside their
 * `user.manage` scope and can grant roles only over agencies inside that scope.
 */
import type { Kysely } from 'kysely'
import type { CreateUserBody, SetRolesBody, UpdateUserBody, UserListQuery, UserRole, UserSummary } from '../../../contracts/org.ts'
import { agencyScopes, can, type RequestContext } from '../../platform/auth/actor.ts'
import { hashPassword, passwordProblems } from '../../platform/auth/passwords.ts'
import { recordAudit } from '../../platform/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import type { DB } from '../../platform/db/schema.ts'
import { underAnyPath } from '../../platform/db/scopes.ts'
import { assertVersion, nextRowVersion, staleWrite } from '../../platform/db/concurrency.ts'
import { AppError } from '../../platform/errors.ts'
import { type Executor } from './org.repository.ts'

export interface UserServiceDeps {
  db: Kysely<DB>
  clock: Clock
}

export type UserService = ReturnType<typeof createUserService>

function selectUsers(executor: Executor) {
  return executor
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.email', 'users.agency_id', 'users.status', 'users.created_at', 'users.row_version', 'agencies.name as agency_name', 'agencies.path as agency_path', 'agencies.unit_id'])
}

type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>

async function toApi(executor: Executor, rows: UserRow[], now: Date): Promise<UserSummary[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const roles = await executor.selectFrom('user_roles').select(['user_id', 'role', 'scope_agency_id']).where('user_id', 'in', ids).orderBy('role').execute()
  const locked = await executor.selectFrom('sign_in_throttle').select('user_id').distinct().where('user_id', 'in', ids).where('locked_until', '>', now).execute()
  const lockedIds = new Set(locked.map((l) => l.user_id))
  return rows.map((row) => ({
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    status: row.status,
    roles: roles.filter((r) => r.user_id === row.id).map((r) => ({ role: r.role, scopeAgencyId: r.scope_agency_id })),
    signInLocked: lockedIds.has(row.id),
    createdAt: row.created_at.toISOString(),
    rowVersion: row.row_version,
  }))
}

/** LIKE pattern matching the text literally anywhere. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

export function createUserService({ db, clock }: UserServiceDeps) {
  async function findInScope(executor: Executor, ctx: RequestContext, id: string, permission: 'user.read' | 'user.manage') {
    const user = await selectUsers(executor).where('users.id', '=', id).executeTakeFirst()
    if (!user || !can(ctx.actor, 'user.read', user.agency_path) && !can(ctx.actor, permission, user.agency_path)) throw new AppError('user.not_found')
    if (!can(ctx.actor, permission, user.agency_path)) throw new AppError('auth.forbidden')
    return user
  }

  /** Every scope agency of the roles must exist and lie inside the actor's user.manage scope. */
  async function assertGrantable(executor: Executor, ctx: RequestContext, roles: UserRole[]): Promise<void> {
    const ids = [...new Set(roles.map((r) => r.scopeAgencyId))]
    if (ids.length === 0) return
    const agencies = await executor.selectFrom('agencies').select(['id', 'path']).where('id', 'in', ids).execute()
    for (const id of ids) {
      const agency = agencies.find((a) => a.id === id)
      if (!agency || !can(ctx.actor, 'user.manage', agency.path)) {
        throw new AppError('auth.forbidden', { vi: 'Không thể cấp quyền trên cơ quan ngoài phạm vi quản lý của bạn', en: 'You cannot grant a role over an agency outside your scope' })
      }
    }
  }

  /** Ends every sign-in lock of the official, from every source; returns how many were in force. */
  async function clearSignInLocks(executor: Executor, userId: string): Promise<number> {
    const rows = await executor.deleteFrom('sign_in_throttle').where('user_id', '=', userId).returning('locked_until').execute()
    const now = clock.now()
    return rows.filter((r) => r.locked_until !== null && r.locked_until > now).length
  }

  async function revokeSessions(executor: Executor, userId: string): Promise<void> {
    await executor.updateTable('sessions').set({ revoked_at: clock.now() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute()
  }

  return {
    async listUsers(ctx: RequestContext, query: UserListQuery): Promise<{ items: UserSummary[]; total: number }> {
      const scopes = agencyScopes(ctx.actor, 'user.read')
      let q = selectUsers(db).where(underAnyPath('agencies.path', scopes))
      if (query.agencyId) q = q.where('users.agency_id', '=', query.agencyId)
      if (query.q) {
        const pattern = containsPattern(query.q.trim().toLowerCase())
        q = q.where((eb) => eb.or([eb('users.username', 'like', pattern), eb(eb.fn('lower', ['users.display_name']), 'like', pattern)]))
      }
      const total = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      const rows = await q.orderBy('users.username').limit(query.limit ?? 100).offset(query.offset ?? 0).execute()
      return { items: await toApi(db, rows, clock.now()), total: Number(total.n) }
    },

    async getUser(ctx: RequestContext, id: string): Promise<UserSummary> {
      return (await toApi(db, [await findInScope(db, ctx, id, 'user.read')], clock.now()))[0]!
    },

    async createUser(ctx: RequestContext, body: CreateUserBody): Promise<UserSummary> {
      const problems = passwordProblems(body.password, body.username)
      if (problems.length) throw new AppError('auth.weak_password', { vi: `Mật khẩu cần: ${problems.join('; ')}`, en: `The password needs: ${problems.join('; ')}` }, { errors: problems.map((message) => ({ field: '/body/password', message })) })
      const passwordHash = await hashPassword(body.password)
      return db.transaction().execute(async (trx) => {
        const agency = await trx.selectFrom('agencies').select(['id', 'path', 'unit_id']).where('id', '=', body.agencyId).executeTakeFirst()
        if (!agency || !can(ctx.actor, 'user.read', agency.path)) throw new AppError('agency.not_found')
        if (!can(ctx.actor, 'user.manage', agency.path)) throw new AppError('auth.forbidden')
        await assertGrantable(trx, ctx, body.roles)
        const taken = await trx.selectFrom('users').select('id').where('username', '=', body.username).executeTakeFirst()
        if (taken) throw new AppError('user.username_taken')
        const now = clock.now()
        const user = await trx
          .insertInto('users')
          .values({ agency_id: body.agencyId, username: body.username, display_name: body.displayName, email: body.email ?? null, password_hash: passwordHash, status: 'active', password_changed_at: now, created_at: now, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
        if (body.roles.length) {
          await trx.insertInto('user_roles').values(uniqueRoles(body.roles).map((r) => ({ user_id: user.id, role: r.role, scope_agency_id: r.scopeAgencyId, granted_at: now }))).execute()
        }
        await recordAudit(trx, clock, ctx, {
          unitId: agency.unit_id,
          agencyId: agency.id,
          action: 'user.created',
          subjectType: 'user',
          subjectId: user.id,
          after: { username: body.username, displayName: body.displayName, agencyId: body.agencyId, roles: uniqueRoles(body.roles) },
        })
        return (await toApi(trx, [(await selectUsers(trx).where('users.id', '=', user.id).executeTakeFirstOrThrow())], clock.now()))[0]!
      })
    },

    /** `expected`: the row version the client edited (If-Match); a stale one changes nothing (409 request.stale). */
    async updateUser(ctx: RequestContext, id: string, body: UpdateUserBody, expected?: number): Promise<UserSummary> {
      if (body.status !== undefined && id === ctx.actor.userId) throw new AppError('user.cannot_change_self')
      return db.transaction().execute(async (trx) => {
        const user = await findInScope(trx, ctx, id, 'user.manage')
        assertVersion(expected, user.row_version)
        const changes = {
          ...(body.displayName !== undefined ? { display_name: body.displayName } : {}),
          ...(body.email !== undefined ? { email: body.email } : {}),
          ...(body.status !== undefined ? { status: body.status } : {}),
        }
        // Conditional on the version read: of two concurrent disables one writes (and audits) 'user.disabled', the other answers 409.
        const updated = await trx.updateTable('users').set({ ...changes, updated_at: clock.now(), row_version: nextRowVersion }).where('id', '=', id).where('row_version', '=', user.row_version).returning('id').executeTakeFirst()
        if (!updated) throw staleWrite((await trx.selectFrom('users').select('row_version').where('id', '=', id).executeTakeFirstOrThrow()).row_version)
        if (body.status === 'disabled') await revokeSessions(trx, id)
        await recordAudit(trx, clock, ctx, {
          unitId: user.unit_id,
          agencyId: user.agency_id,
          action: body.status === 'disabled' && user.status !== 'disabled' ? 'user.disabled' : 'user.updated',
          subjectType: 'user',
          subjectId: id,
          // E-mail addresses are personal data: the trail records that they changed, not what they are.
          before: { ...(changes.display_name !== undefined ? { displayName: user.display_name } : {}), ...(changes.email !== undefined ? { email: '[changed]' } : {}), ...(changes.status !== undefined ? { status: user.status } : {}) },
          after: { ...(changes.display_name !== undefined ? { displayName: changes.display_name } : {}), ...(changes.email !== undefined ? { email: '[changed]' } : {}), ...(changes.status !== undefined ? { status: changes.status } : {}) },
        })
        return (await toApi(trx, [(await selectUsers(trx).where('users.id', '=', id).executeTakeFirstOrThrow())], clock.now()))[0]!
      })
    },

    /** Replaces the user's roles. Roles outside the actor's scope can be neither added nor removed. */
    /** Replaces the official's roles; with `expected` (If-Match), only if the official still has that version. */
    async setRoles(ctx: RequestContext, id: string, body: SetRolesBody, expected?: number): Promise<UserSummary> {
      if (id === ctx.actor.userId) throw new AppError('user.cannot_change_self')
      return db.transaction().execute(async (trx) => {
        const user = await findInScope(trx, ctx, id, 'user.manage')
        assertVersion(expected, user.row_version)
        // The roles are part of the official's record: the version moves with them, conditional on
        // the version read, so of two concurrent role changes one writes and the other answers 409.
        const bumped = await trx.updateTable('users').set({ updated_at: clock.now(), row_version: nextRowVersion }).where('id', '=', id).where('row_version', '=', user.row_version).returning('row_version').executeTakeFirst()
        if (!bumped) throw staleWrite((await trx.selectFrom('users').select('row_version').where('id', '=', id).executeTakeFirstOrThrow()).row_version)
        const before = await trx.selectFrom('user_roles').select(['role', 'scope_agency_id']).where('user_id', '=', id).execute()
        const previous = before.map((r) => ({ role: r.role, scopeAgencyId: r.scope_agency_id }))
        const next = uniqueRoles(body.roles)
        const key = (r: UserRole) => `${r.role}@${r.scopeAgencyId}`
        const removed = previous.filter((r) => !next.some((n) => key(n) === key(r)))
        const added = next.filter((r) => !previous.some((p) => key(p) === key(r)))
        await assertGrantable(trx, ctx, [...removed, ...added])
        for (const role of removed) {
          await trx.deleteFrom('user_roles').where('user_id', '=', id).where('role', '=', role.role).where('scope_agency_id', '=', role.scopeAgencyId).execute()
        }
        if (added.length) {
          await trx.insertInto('user_roles').values(added.map((r) => ({ user_id: id, role: r.role, scope_agency_id: r.scopeAgencyId, granted_at: clock.now() }))).execute()
        }
        await recordAudit(trx, clock, ctx, { unitId: user.unit_id, agencyId: user.agency_id, action: 'user.roles_set', subjectType: 'user', subjectId: id, before: { roles: previous }, after: { roles: next } })
        return (await toApi(trx, [{ ...user, row_version: bumped.row_version }], clock.now()))[0]!
      })
    },

    /** Sets a new password for another official and ends their sessions. */
    async resetPassword(ctx: RequestContext, id: string, newPassword: string): Promise<void> {
      const user = await findInScope(db, ctx, id, 'user.manage')
      const problems = passwordProblems(newPassword, user.username)
      if (problems.length) throw new AppError('auth.weak_password', { vi: `Mật khẩu cần: ${problems.join('; ')}`, en: `The password needs: ${problems.join('; ')}` })
      const passwordHash = await hashPassword(newPassword)
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: clock.now(), updated_at: clock.now() }).where('id', '=', id).execute()
        await revokeSessions(trx, id)
        // A reset is how a locked-out official gets back in: it ends their sign-in locks too.
        const locksEnded = await clearSignInLocks(trx, id)
        await recordAudit(trx, clock, ctx, { unitId: user.unit_id, agencyId: user.agency_id, action: 'user.password_reset', subjectType: 'user', subjectId: id, after: locksEnded ? { signInLocksEnded: locksEnded } : null })
      })
    },

    /** Ends the official's sign-in locks (after repeated failed sign-ins, from any source). */
    async unlockSignIn(ctx: RequestContext, id: string): Promise<UserSummary> {
      return db.transaction().execute(async (trx) => {
        const user = await findInScope(trx, ctx, id, 'user.manage')
        const locksEnded = await clearSignInLocks(trx, id)
        await recordAudit(trx, clock, ctx, { unitId: user.unit_id, agencyId: user.agency_id, action: 'user.sign_in_unlocked', subjectType: 'user', subjectId: id, after: { signInLocksEnded: locksEnded } })
        return (await toApi(trx, [user], clock.now()))[0]!
      })
    },
  }
}

function uniqueRoles(roles: UserRole[]): UserRole[] {
  const seen = new Set<string>()
  return roles.filter((r) => {
    const key = `${r.role}@${r.scopeAgencyId}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
