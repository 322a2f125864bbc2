/**
 * The shape of the credentials this module issues. Each carries the id of its administrative
 * unit, the distribution key of `sessions` and `api_tokens`, so the lookup on every request reads
 * one shard on Citus (`where unit_id = $1 and token_hash = $2`) instead of asking every shard for
 * a token hash (ADR 0015). The unit is not a secret and gives no right: the stored HMAC covers the
 * whole credential, unit included, so a credential with another unit written in is unknown.
 *
 * - session cookie: `<unit id>.<43 base64url characters>` (32 random bytes);
 * - API token: `cchc_<8 characters>.<unit id>.<43 characters>`; `cchc_<8 characters>` is the
 *   prefix shown in lists, so an official can tell tokens apart.
 * Anything else (including the formats issued before, which carried no unit) is not a credential:
 * it is refused as unauthenticated before any query.
 */
import { randomToken } from '../../platform/auth/tokens.ts'

export const API_TOKEN_PREFIX = 'cchc_'

const UNIT = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'
const SECRET = '[A-Za-z0-9_-]{43}'
const SESSION_TOKEN = new RegExp(`^${UNIT}\\.${SECRET}$`)
const API_TOKEN = new RegExp(`^${API_TOKEN_PREFIX}[A-Za-z0-9_-]{8}\\.${UNIT}\\.${SECRET}$`)

/** A new session token of the unit. */
export function newSessionToken(unitId: string): string {
  return `${unitId}.${randomToken(32)}`
}

/** The unit of a session token of the current format; null for anything else. */
export function sessionTokenUnit(token: string): string | null {
  return SESSION_TOKEN.exec(token)?.[1] ?? null
}

/** A new API token of the unit, and the prefix that names it in lists. */
export function newApiToken(unitId: string): { secret: string; prefix: string } {
  const prefix = `${API_TOKEN_PREFIX}${randomToken(6)}`
  return { secret: `${prefix}.${unitId}.${randomToken(32)}`, prefix }
}

/** The unit of an API token of the current format; null for anything else. */
export function apiTokenUnit(secret: string): string | null {
  return API_TOKEN.exec(secret)?.[1] ?? null
}
