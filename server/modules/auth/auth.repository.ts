/** SQL of sign-in, sessions and API tokens. No rules here: those are in auth.service.ts. */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Grant } from '../../platform/auth/actor.ts'
import { ROLE_PERMISSIONS, isPermission } from '../../platform/auth/roles.ts'
import type { DB, RoleName } from '../../platform/db/schema.ts'

type Executor = Kysely<DB> | Transaction<DB>

export function findUserForSignIn(db: Executor, username: string) {
  return db
    .selectFrom('users')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.password_hash', 'users.status', 'users.agency_id', 'agencies.unit_id'])
    .where('users.username', '=', username)
    .executeTakeFirst()
}

export interface ThrottleAttempt {
  /** Attempts under this key that have not succeeded, this one included. */
  failures: number
  lockedUntil: Date | null
}

/**
 * Counts one more attempt under `key` before the password is checked, atomically (one upsert), so
 * parallel attempts each see their own count. A count older than `windowStart`, or one whose lock
 * has expired, starts again at 1.
 */
export async function countAttempt(db: Executor, row: { key: string; scope: 'name_source' | 'name'; userId: string | null }, now: Date, windowStart: Date): Promise<ThrottleAttempt> {
  const stale = sql<boolean>`(sign_in_throttle.locked_until is not null and sign_in_throttle.locked_until <= ${now})
    or (sign_in_throttle.locked_until is null and (sign_in_throttle.last_failure_at is null or sign_in_throttle.last_failure_at < ${windowStart}))`
  const result = await db
    .insertInto('sign_in_throttle')
    .values({ key: row.key, scope: row.scope, user_id: row.userId, failures: 1, last_failure_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql`case when ${stale} then 1 else sign_in_throttle.failures + 1 end`,
        locked_until: sql`case when ${stale} then null else sign_in_throttle.locked_until end`,
        last_failure_at: now,
        user_id: row.userId,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow()
  return { failures: result.failures, lockedUntil: result.locked_until }
}

/** Locks the key until `until` unless it is already locked; true when this call set the lock. */
export async function lockKey(db: Executor, key: string, now: Date, until: Date): Promise<boolean> {
  const result = await db
    .updateTable('sign_in_throttle')
    .set({ locked_until: until })
    .where('key', '=', key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst()
  return Number(result.numUpdatedRows) > 0
}

export async function clearThrottle(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute()
}

interface GrantRow {
  role: string
  agency_id: string
  agency_path: string
  /** Path of the scope agency's unit. */
  agency_unit_path: string
  /** The same path when the scope agency governs its unit (see GOVERNED_UNIT_PATH), else null. */
  unit_path: string | null
}

/**
 * SQL over `a` (the scope agency), `p` (its parent, left-joined) and `u` (its unit): the unit's path
 * when the agency governs its unit (no parent, or a parent in another unit: a People's Committee),
 * else null. Grants over other agencies carry no unit-level rights (ADR 0008).
 */
const GOVERNED_UNIT_PATH = sql<string | null>`case when p.id is null or p.unit_id <> a.unit_id then u.path end`

/** Each role expanded to its permissions over its scope. */
export function expandGrants(rows: GrantRow[]): Grant[] {
  return rows.flatMap((row) =>
    ROLE_PERMISSIONS[row.role as RoleName].map((permission) => ({
      permission,
      agencyId: row.agency_id,
      agencyPath: row.agency_path,
      agencyUnitPath: row.agency_unit_path,
      unitPath: row.unit_path,
    })),
  )
}

/** Loads the permission grants of a user. */
export async function loadGrants(db: Executor, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('agencies as a', 'a.id', 'user_roles.scope_agency_id')
    .leftJoin('agencies as p', 'p.id', 'a.parent_id')
    .innerJoin('admin_units as u', 'u.id', 'a.unit_id')
    .select(['user_roles.role', 'a.id as agency_id', 'a.path as agency_path', 'u.path as agency_unit_path', GOVERNED_UNIT_PATH.as('unit_path')])
    .where('user_roles.user_id', '=', userId)
    .execute()
  return expandGrants(rows)
}

/** Expands a token's permissions over its agency scope. */
export async function tokenGrants(db: Executor, agencyId: string, permissions: string[]): Promise<Grant[]> {
  const scope = await db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parent_id')
    .innerJoin('admin_units as u', 'u.id', 'a.unit_id')
    .select(['a.path as agency_path', 'u.path as agency_unit_path', GOVERNED_UNIT_PATH.as('unit_path')])
    .where('a.id', '=', agencyId)
    .executeTakeFirst()
  if (!scope) return []
  return permissions
    .filter(isPermission)
    .map((permission) => ({ permission, agencyId, agencyPath: scope.agency_path, agencyUnitPath: scope.agency_unit_path, unitPath: scope.unit_path }))
}

/** The live session of a token: by its unit (the distribution key: one shard on Citus) and its hash. */
export function findSessionByToken(db: Executor, unitId: string, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('agencies', 'agencies.id', 'users.agency_id')
    .select([
      'sessions.unit_id',
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'users.display_name',
      'users.status',
      'users.agency_id',
      'agencies.unit_id as agency_unit_id',
      // The user's role grants in the same round trip: this lookup runs on every request.
      sql<GrantRow[]>`(select coalesce(json_agg(json_build_object('role', ur.role, 'agency_id', a.id, 'agency_path', a.path, 'agency_unit_path', u.path, 'unit_path', ${GOVERNED_UNIT_PATH})), '[]'::json)
        from user_roles ur join agencies a on a.id = ur.scope_agency_id left join agencies p on p.id = a.parent_id join admin_units u on u.id = a.unit_id
        where ur.user_id = sessions.user_id)`.as('grants'),
    ])
    .where('sessions.unit_id', '=', unitId)
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst()
}

export async function touchSession(db: Executor, unitId: string, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('unit_id', '=', unitId).where('id', '=', id).execute()
}

/** The live API token of a secret: by its unit (the distribution key: one shard on Citus) and its hash. */
export function findApiToken(db: Executor, unitId: string, tokenHash: string, now: Date) {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.created_by')
    .select([
      'api_tokens.unit_id',
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.agency_id',
      'api_tokens.permissions',
      'api_tokens.created_by',
      'api_tokens.last_used_at',
      'users.status as creator_status',
    ])
    .where('api_tokens.unit_id', '=', unitId)
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .executeTakeFirst()
}
