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

export function findThrottle(db: Executor, key: string) {
  return db.selectFrom('sign_in_throttle').selectAll().where('key', '=', key).executeTakeFirst()
}

/** Counts one more failure for the key; returns the new count. Locks the key once `lockAfter` is reached. */
export async function recordFailure(db: Executor, key: string, now: Date, lockAfter: number, lockUntil: Date): Promise<number> {
  const row = await db
    .insertInto('sign_in_throttle')
    .values({ key, failures: 1, last_failure_at: now, locked_until: lockAfter <= 1 ? lockUntil : null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        // A lock that has expired starts a fresh count.
        failures: sql`case when sign_in_throttle.locked_until is not null and sign_in_throttle.locked_until <= ${now} then 1 else sign_in_throttle.failures + 1 end`,
        last_failure_at: now,
        locked_until: sql`case when (case when sign_in_throttle.locked_until is not null and sign_in_throttle.locked_until <= ${now} then 1 else sign_in_throttle.failures + 1 end) >= ${lockAfter} then ${lockUntil}::timestamptz else null end`,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow()
  return row.failures
}

export async function clearThrottle(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', key).execute()
}

interface GrantRow {
  role: string
  agency_id: string
  agency_path: string
  unit_path: string
}

/** Each role expanded to its permissions over its scope. */
export function expandGrants(rows: GrantRow[]): Grant[] {
  return rows.flatMap((row) =>
    ROLE_PERMISSIONS[row.role as RoleName].map((permission) => ({
      permission,
      agencyId: row.agency_id,
      agencyPath: row.agency_path,
      unitPath: row.unit_path,
    })),
  )
}

/** Loads the permission grants of a user. */
export async function loadGrants(db: Executor, userId: string): Promise<Grant[]> {
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('agencies', 'agencies.id', 'user_roles.scope_agency_id')
    .innerJoin('admin_units', 'admin_units.id', 'agencies.unit_id')
    .select(['user_roles.role', 'agencies.id as agency_id', 'agencies.path as agency_path', 'admin_units.path as unit_path'])
    .where('user_roles.user_id', '=', userId)
    .execute()
  return expandGrants(rows)
}

/** Expands a token's permissions over its agency scope. */
export async function tokenGrants(db: Executor, agencyId: string, permissions: string[]): Promise<Grant[]> {
  const scope = await db
    .selectFrom('agencies')
    .innerJoin('admin_units', 'admin_units.id', 'agencies.unit_id')
    .select(['agencies.path as agency_path', 'admin_units.path as unit_path'])
    .where('agencies.id', '=', agencyId)
    .executeTakeFirst()
  if (!scope) return []
  return permissions.filter(isPermission).map((permission) => ({ permission, agencyId, agencyPath: scope.agency_path, unitPath: scope.unit_path }))
}

export function findSessionByTokenHash(db: Executor, tokenHash: string, now: Date) {
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
      sql<GrantRow[]>`(select coalesce(json_agg(json_build_object('role', ur.role, 'agency_id', a.id, 'agency_path', a.path, 'unit_path', u.path)), '[]'::json)
        from user_roles ur join agencies a on a.id = ur.scope_agency_id join admin_units u on u.id = a.unit_id
        where ur.user_id = sessions.user_id)`.as('grants'),
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .executeTakeFirst()
}

export async function touchSession(db: Executor, unitId: string, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('unit_id', '=', unitId).where('id', '=', id).execute()
}

export function findApiTokenByHash(db: Executor, tokenHash: string, now: Date) {
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
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('api_tokens.expires_at', 'is', null), eb('api_tokens.expires_at', '>', now)]))
    .executeTakeFirst()
}
