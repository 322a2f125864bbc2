/**
 * Sign-in for officials and resolution of credentials into an Actor.
 *
 * - Passwords: argon2id; an unknown user name is verified against a dummy hash, so a wrong name
 *   and a wrong password get the same answer after the same time.
 * - Throttling (OWASP ASVS 5.0 V6.3): attempts are counted per account name *and* source
 *   address (an IPv4 address or IPv6 /64), atomically and before the password is checked; after
 *   `signInLockAfter` attempts that did not succeed, that source may not try that name for
 *   `signInLockMinutes` (audited as `user.sign_in_locked`). The official can still sign in from
 *   elsewhere, and an administrator can unlock them. Failures of a name from anywhere double a
 *   delay before each failed answer (never before a successful one), so guessing from many
 *   addresses stays slow. Unknown names are throttled exactly like real ones.
 * - Sessions: a random token in an HttpOnly cookie; only its keyed hash is stored. Each session
 *   carries its own CSRF token, required on every cookie-authenticated write.
 * - API tokens: `cchc_<prefix>.<unit>.<secret>`, stored as a keyed hash, limited to some permissions
 *   over one agency subtree, revocable; they never need CSRF tokens (no cookie is involved).
 * - Both credentials carry their unit, so each request's lookup reads one shard (credentials.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises'
import type { Kysely } from 'kysely'
import type { ChangePasswordBody, CurrentUser } from '../../../contracts/auth.ts'
import type { Config } from '../../config.ts'
import type { Actor, RequestContext } from '../../platform/auth/actor.ts'
import { hashPassword, passwordProblems, verifyAgainstDummy, verifyPassword } from '../../platform/auth/passwords.ts'
import { clientSource } from '../../platform/auth/client-source.ts'
import { keyedHash, randomToken } from '../../platform/auth/tokens.ts'
import { recordAudit } from '../../platform/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import type { DB } from '../../platform/db/schema.ts'
import { AppError } from '../../platform/errors.ts'
import * as repo from './auth.repository.ts'
import { apiTokenUnit, newSessionToken, sessionTokenUnit } from './credentials.ts'

export interface AuthServiceDeps {
  db: Kysely<DB>
  clock: Clock
  config: Pick<Config, 'sessionSecret' | 'sessionIdleMinutes' | 'sessionMaxHours' | 'signInDelayBaseMs' | 'signInLockAfter' | 'signInLockMinutes'>
}

export interface SignInResult {
  sessionToken: string
  csrfToken: string
  expiresAt: Date
}

export interface ResolvedSession {
  actor: Actor
  csrfToken: string
}

const MAX_DELAY_MS = 8000
/** last_seen_at is written at most once per this interval, so reads stay reads (exported for tests). */
export const TOUCH_INTERVAL_MS = 60_000

export type AuthService = ReturnType<typeof createAuthService>

export function createAuthService({ db, clock, config }: AuthServiceDeps) {
  const hashSecret = (kind: string, value: string) => keyedHash(config.sessionSecret, `${kind}:${value}`)

  /** Waits before a failed answer: doubling per failure of the name from anywhere, up to MAX_DELAY_MS. */
  async function delayFailure(nameFailures: number): Promise<void> {
    const delay = Math.min(config.signInDelayBaseMs * 2 ** Math.max(0, nameFailures - 1), MAX_DELAY_MS)
    if (delay > 0) await sleep(delay)
  }

  /** Locks name × source and, the first time, writes the lockout to the official's audit trail. */
  async function lockOut(key: string, user: { id: string; unit_id: string; agency_id: string } | undefined, failures: number, source: string, context: { requestId: string; ip: string | null }) {
    const now = clock.now()
    const until = new Date(now.getTime() + config.signInLockMinutes * 60_000)
    await db.transaction().execute(async (trx) => {
      const lockedNow = await repo.lockKey(trx, key, now, until)
      if (!lockedNow || !user) return
      // The source is recorded as the network that was locked out (an address, or an IPv6 /64).
      await recordAudit(trx, clock, { actor: null, requestId: context.requestId, ip: context.ip }, {
        unitId: user.unit_id,
        agencyId: user.agency_id,
        action: 'user.sign_in_locked',
        subjectType: 'user',
        subjectId: user.id,
        after: { lockedUntil: until.toISOString(), failures, source },
      })
    })
    return until
  }

  function lockedError(until: Date): AppError {
    return new AppError('auth.locked', undefined, { retryAfterSeconds: Math.max(1, Math.ceil((until.getTime() - clock.now().getTime()) / 1000)) })
  }

  /** A token can do only what its issuer can still do: its permissions meet the issuer's current grants. */
  async function effectiveTokenGrants(issuerId: string, agencyId: string, permissions: string[]) {
    const issuer = await repo.loadGrants(db, issuerId)
    const granted = await repo.tokenGrants(db, agencyId, permissions)
    return granted.filter((g) => issuer.some((held) => held.permission === g.permission && g.agencyPath.startsWith(held.agencyPath)))
  }

  return {
    /** Checks a user name and password and opens a session. */
    async signIn(input: { username: string; password: string; requestId: string; ip: string | null }): Promise<SignInResult> {
      const username = input.username.trim().toLowerCase()
      const source = clientSource(input.ip)
      const pairKey = hashSecret('sign-in', `${username}\n${source}`)
      const nameKey = hashSecret('sign-in-name', username)
      const user = await repo.findUserForSignIn(db, username)
      const now = clock.now()
      const windowStart = new Date(now.getTime() - config.signInLockMinutes * 60_000)

      // The attempt is counted before the password is checked, in one atomic statement: of N
      // parallel attempts only the first signInLockAfter are ever verified (a lock read before and
      // written after verification let 23 parallel guesses through).
      const attempt = await repo.countAttempt(db, { key: pairKey, scope: 'name_source', userId: user?.id ?? null }, now, windowStart)
      if (attempt.lockedUntil && attempt.lockedUntil > now) throw lockedError(attempt.lockedUntil)
      if (attempt.failures > config.signInLockAfter) {
        const until = (await lockOut(pairKey, user, attempt.failures - 1, source, input)) ?? now
        throw lockedError(until)
      }

      const passwordOk = user ? await verifyPassword(user.password_hash, input.password) : await verifyAgainstDummy(input.password)
      // A disabled account gets the same answer as a wrong password: nothing is revealed.
      if (!user || !passwordOk || user.status !== 'active') {
        const byName = await repo.countAttempt(db, { key: nameKey, scope: 'name', userId: user?.id ?? null }, clock.now(), windowStart)
        if (attempt.failures >= config.signInLockAfter) await lockOut(pairKey, user, attempt.failures, source, input)
        await delayFailure(byName.failures)
        throw new AppError('auth.invalid_credentials')
      }

      const sessionToken = newSessionToken(user.unit_id)
      const csrfToken = randomToken()
      const expiresAt = new Date(clock.now().getTime() + config.sessionMaxHours * 3_600_000)
      await db.transaction().execute(async (trx) => {
        await repo.clearThrottle(trx, pairKey)
        const session = await trx
          .insertInto('sessions')
          .values({
            unit_id: user.unit_id,
            user_id: user.id,
            token_hash: hashSecret('session', sessionToken),
            csrf_token: csrfToken,
            created_at: clock.now(),
            last_seen_at: clock.now(),
            expires_at: expiresAt,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await recordAudit(trx, clock, { actor: { type: 'user', userId: user.id, tokenId: null, name: user.display_name }, requestId: input.requestId, ip: input.ip }, {
          unitId: user.unit_id,
          agencyId: user.agency_id,
          action: 'session.opened',
          subjectType: 'session',
          subjectId: session.id,
          after: { userId: user.id, expiresAt: expiresAt.toISOString() },
        })
      })
      return { sessionToken, csrfToken, expiresAt }
    },

    /** The actor behind a session cookie, or null when the session is unknown, ended or idle too long. */
    async resolveSession(sessionToken: string): Promise<ResolvedSession | null> {
      const unitId = sessionTokenUnit(sessionToken)
      if (!unitId) return null
      const now = clock.now()
      const session = await repo.findSessionByToken(db, unitId, hashSecret('session', sessionToken), now)
      if (!session || session.status !== 'active') return null
      // last_seen_at may lag the last request by up to TOUCH_INTERVAL_MS, so the idle limit counts
      // from the latest moment that request can have been: a session never ends early, and ends at
      // most TOUCH_INTERVAL_MS late.
      if (now.getTime() - session.last_seen_at.getTime() > config.sessionIdleMinutes * 60_000 + TOUCH_INTERVAL_MS) return null
      if (now.getTime() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) await repo.touchSession(db, session.unit_id, session.id, now)
      const grants = repo.expandGrants(session.grants)
      return {
        csrfToken: session.csrf_token,
        actor: {
          type: 'user',
          userId: session.user_id,
          tokenId: null,
          name: session.display_name,
          agencyId: session.agency_id,
          unitId: session.agency_unit_id,
          sessionId: session.id,
          grants,
        },
      }
    },

    /** The actor behind an API token, or null when it is unknown, revoked or expired. */
    async resolveApiToken(secret: string): Promise<Actor | null> {
      const unitId = apiTokenUnit(secret)
      if (!unitId) return null
      const now = clock.now()
      const token = await repo.findApiToken(db, unitId, hashSecret('api-token', secret), now)
      if (!token || token.creator_status !== 'active') return null
      if (!token.last_used_at || now.getTime() - token.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
        await db.updateTable('api_tokens').set({ last_used_at: now }).where('unit_id', '=', token.unit_id).where('id', '=', token.id).execute()
      }
      return {
        type: 'api_token',
        userId: token.created_by,
        tokenId: token.id,
        name: `token:${token.name}`,
        agencyId: token.agency_id,
        unitId: token.unit_id,
        sessionId: null,
        grants: await effectiveTokenGrants(token.created_by, token.agency_id, token.permissions),
      }
    },

    hashApiToken: (secret: string) => hashSecret('api-token', secret),

    /** Ends the current session. */
    async signOut(ctx: RequestContext): Promise<void> {
      const { actor } = ctx
      if (!actor.sessionId) return
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('sessions').set({ revoked_at: clock.now() }).where('unit_id', '=', actor.unitId).where('id', '=', actor.sessionId!).execute()
        await recordAudit(trx, clock, ctx, { unitId: actor.unitId, agencyId: actor.agencyId, action: 'session.closed', subjectType: 'session', subjectId: actor.sessionId! })
      })
    },

    /** Ends every session of the current user, on every device. Returns how many were open. */
    async signOutEverywhere(ctx: RequestContext): Promise<number> {
      const { actor } = ctx
      return db.transaction().execute(async (trx) => {
        const ended = await trx
          .updateTable('sessions')
          .set({ revoked_at: clock.now() })
          .where('user_id', '=', actor.userId)
          .where('revoked_at', 'is', null)
          .executeTakeFirst()
        const count = Number(ended.numUpdatedRows)
        await recordAudit(trx, clock, ctx, { unitId: actor.unitId, agencyId: actor.agencyId, action: 'session.closed_all', subjectType: 'user', subjectId: actor.userId, after: { sessionsClosed: count } })
        return count
      })
    },

    /** Changes the user's own password and ends their other sessions. */
    async changePassword(ctx: RequestContext, body: ChangePasswordBody): Promise<void> {
      const { actor } = ctx
      if (actor.type !== 'user') throw new AppError('auth.forbidden')
      const user = await db.selectFrom('users').select(['username', 'password_hash']).where('id', '=', actor.userId).executeTakeFirstOrThrow()
      if (!(await verifyPassword(user.password_hash, body.currentPassword))) throw new AppError('auth.wrong_password')
      const problems = passwordProblems(body.newPassword, user.username)
      if (problems.length) throw new AppError('auth.weak_password', { vi: `Mật khẩu mới cần: ${problems.join('; ')}`, en: `The new password needs: ${problems.join('; ')}` }, { errors: problems.map((message) => ({ field: '/body/newPassword', message })) })
      const passwordHash = await hashPassword(body.newPassword)
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: clock.now(), updated_at: clock.now() }).where('id', '=', actor.userId).execute()
        let revoke = trx.updateTable('sessions').set({ revoked_at: clock.now() }).where('user_id', '=', actor.userId).where('revoked_at', 'is', null)
        if (actor.sessionId) revoke = revoke.where('id', '<>', actor.sessionId)
        await revoke.execute()
        await recordAudit(trx, clock, ctx, { unitId: actor.unitId, agencyId: actor.agencyId, action: 'user.password_changed', subjectType: 'user', subjectId: actor.userId })
      })
    },

    /** The signed-in official with agency, roles and effective permissions. */
    async currentUser(actor: Actor, csrfToken: string): Promise<CurrentUser> {
      const row = await db
        .selectFrom('users')
        .innerJoin('agencies', 'agencies.id', 'users.agency_id')
        .innerJoin('admin_units', 'admin_units.id', 'agencies.unit_id')
        .select(['users.id', 'users.username', 'users.display_name', 'agencies.id as agency_id', 'agencies.name as agency_name', 'admin_units.id as unit_id', 'admin_units.name as unit_name'])
        .where('users.id', '=', actor.userId)
        .executeTakeFirstOrThrow()
      const roles = await db
        .selectFrom('user_roles')
        .innerJoin('agencies', 'agencies.id', 'user_roles.scope_agency_id')
        .select(['user_roles.role', 'agencies.id', 'agencies.name'])
        .where('user_roles.user_id', '=', actor.userId)
        .orderBy('user_roles.role')
        .execute()
      return {
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        agency: { id: row.agency_id, name: row.agency_name, unitId: row.unit_id, unitName: row.unit_name },
        roles: roles.map((r) => ({ role: r.role, scopeAgencyId: r.id, scopeAgencyName: r.name })),
        permissions: [...new Set(actor.grants.map((g) => g.permission))].sort(),
        unitPermissions: [...new Set(actor.grants.filter((g) => g.unitPath !== null).map((g) => g.permission))].sort(),
        csrfToken,
      }
    },
  }
}
