/** API tokens for machine clients: issued over one agency subtree with a subset of the issuer's permissions. */
import type { Kysely } from 'kysely'
import type { ApiToken, CreateApiTokenBody } from '../../../contracts/auth.ts'
import { agencyScopes, can, type RequestContext } from '../../platform/auth/actor.ts'
import { isPermission } from '../../platform/auth/roles.ts'
import { recordAudit } from '../../platform/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import type { DB } from '../../platform/db/schema.ts'
import { underAnyPath } from '../../platform/db/scopes.ts'
import { AppError } from '../../platform/errors.ts'
import { newApiToken } from './credentials.ts'

export interface ApiTokenServiceDeps {
  db: Kysely<DB>
  clock: Clock
  hashApiToken: (secret: string) => string
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>

type TokenRow = { id: string; name: string; agency_id: string; token_prefix: string; permissions: string[]; created_at: Date; expires_at: Date | null; revoked_at: Date | null; last_used_at: Date | null }

function toApi(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    agencyId: row.agency_id,
    tokenPrefix: row.token_prefix,
    permissions: row.permissions,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  }
}

const COLUMNS = ['api_tokens.id', 'api_tokens.name', 'api_tokens.agency_id', 'api_tokens.token_prefix', 'api_tokens.permissions', 'api_tokens.created_at', 'api_tokens.expires_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at'] as const

export function createApiTokenService({ db, clock, hashApiToken }: ApiTokenServiceDeps) {
  return {
    async listTokens(ctx: RequestContext): Promise<ApiToken[]> {
      const scopes = agencyScopes(ctx.actor, 'token.manage')
      const rows = await db
        .selectFrom('api_tokens')
        .innerJoin('agencies', 'agencies.id', 'api_tokens.agency_id')
        .select([...COLUMNS])
        .where(underAnyPath('agencies.path', scopes))
        .orderBy('api_tokens.created_at', 'desc')
        .execute()
      return rows.map(toApi)
    },

    /** Issues a token; the secret is returned once and only its hash is kept. */
    async createToken(ctx: RequestContext, body: CreateApiTokenBody): Promise<{ token: ApiToken; secret: string }> {
      return db.transaction().execute(async (trx) => {
        const agency = await trx.selectFrom('agencies').select(['id', 'path', 'unit_id']).where('id', '=', body.agencyId).executeTakeFirst()
        if (!agency || !can(ctx.actor, 'org.read', agency.path)) throw new AppError('agency.not_found')
        if (!can(ctx.actor, 'token.manage', agency.path)) throw new AppError('auth.forbidden')
        for (const permission of body.permissions) {
          if (!isPermission(permission) || !can(ctx.actor, permission, agency.path)) throw new AppError('token.permission_not_held', undefined, { errors: [{ field: '/body/permissions', message: permission }] })
        }
        // The token carries the unit of its rows, so its lookup on every request reads one shard.
        const { secret, prefix } = newApiToken(agency.unit_id)
        const now = clock.now()
        const row = await trx
          .insertInto('api_tokens')
          .values({
            unit_id: agency.unit_id,
            agency_id: agency.id,
            name: body.name,
            token_prefix: prefix,
            token_hash: hashApiToken(secret),
            permissions: [...body.permissions].sort(),
            created_by: ctx.actor.userId,
            created_at: now,
            expires_at: body.expiresInDays ? new Date(now.getTime() + body.expiresInDays * 86_400_000) : null,
          })
          .returning(['id', 'name', 'agency_id', 'token_prefix', 'permissions', 'created_at', 'expires_at', 'revoked_at', 'last_used_at'])
          .executeTakeFirstOrThrow()
        await recordAudit(trx, clock, ctx, { unitId: agency.unit_id, agencyId: agency.id, action: 'api_token.created', subjectType: 'api_token', subjectId: row.id, after: { name: row.name, permissions: row.permissions, expiresAt: row.expires_at?.toISOString() ?? null } })
        return { token: toApi(row), secret }
      })
    },

    async revokeToken(ctx: RequestContext, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const token = await trx
          .selectFrom('api_tokens')
          .innerJoin('agencies', 'agencies.id', 'api_tokens.agency_id')
          .select(['api_tokens.unit_id', 'api_tokens.id', 'api_tokens.revoked_at', 'agencies.path', 'agencies.id as agency_id'])
          .where('api_tokens.id', '=', id)
          .executeTakeFirst()
        if (!token || !can(ctx.actor, 'token.manage', token.path)) throw new AppError('token.not_found')
        if (token.revoked_at) return
        // Conditional on the state it leaves: of two concurrent revocations only one writes and audits.
        const revoked = await trx.updateTable('api_tokens').set({ revoked_at: clock.now() }).where('unit_id', '=', token.unit_id).where('id', '=', id).where('revoked_at', 'is', null).returning('id').executeTakeFirst()
        if (!revoked) return
        await recordAudit(trx, clock, ctx, { unitId: token.unit_id, agencyId: token.agency_id, action: 'api_token.revoked', subjectType: 'api_token', subjectId: id })
      })
    },
  }
}
