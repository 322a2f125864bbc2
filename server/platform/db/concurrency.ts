/**
 * Safe concurrent writes (docs/adr/0011-safe-concurrent-writes.md).
 *
 * - Constraint violations: the one table from PostgreSQL constraint names to domain codes. The
 *   HTTP error handler (server/platform/http/problem.ts) applies it to every error, so a race that
 *   a service's pre-check misses still answers the domain's 409, never a 500.
 * - Optimistic concurrency: rows an official edits carry `row_version`; a client sends back the
 *   version it read as `If-Match: "<version>"`, and the writing UPDATE is conditional on it
 *   (`set row_version = row_version + 1 where id = $1 and row_version = $2`). A stale write changes
 *   nothing and answers `409 request.stale` with `currentVersion`. Responses carry `ETag`.
 */
import { sql } from 'kysely'
import { AppError, type ProblemCode } from '../errors.ts'

/** SQLSTATEs of integrity violations the table maps: unique, exclusion. */
const MAPPED_SQLSTATES = new Set(['23505', '23P01'])

interface ConstraintProblem {
  code: ProblemCode
  /** JSON pointer of the field the constraint is about, when one request field decides it. */
  field?: string
}

/**
 * Every constraint whose violation is a client's conflict, not a server fault. A constraint not
 * listed here still answers 500 (and is logged with its name): add it when it can be hit by a
 * request.
 */
export const CONSTRAINT_PROBLEMS: Readonly<Record<string, ConstraintProblem>> = {
  users_username_key: { code: 'user.username_taken', field: '/body/username' },
  admin_units_code_valid_from_key: { code: 'unit.code_taken', field: '/body/code' },
  agency_identity_codes_code_excl: { code: 'agency.code_taken' },
  agency_identity_codes_period_excl: { code: 'agency.invalid_period', field: '/body/validFrom' },
  agency_identity_codes_pkey: { code: 'agency.invalid_period', field: '/body/validFrom' },
  procedures_national_code_key: { code: 'procedure.code_taken', field: '/body/content/nationalCode' },
  procedure_fields_code_key: { code: 'procedure.field_code_taken', field: '/body/content/field/code' },
}

export interface ConstraintViolation {
  sqlState: string
  constraint: string
}

/** The SQLSTATE and constraint name of an integrity violation (pg and PGlite errors both carry them), or null. */
export function constraintViolation(error: unknown, depth = 0): ConstraintViolation | null {
  if (!error || typeof error !== 'object' || depth > 3) return null
  const e = error as { code?: unknown; constraint?: unknown; cause?: unknown }
  if (typeof e.code === 'string' && e.code.startsWith('23') && typeof e.constraint === 'string') return { sqlState: e.code, constraint: e.constraint }
  return constraintViolation(e.cause, depth + 1)
}

/** The domain AppError of a known unique or exclusion violation, or null (any other error). */
export function mapConstraintViolation(error: unknown, map: Readonly<Record<string, ConstraintProblem>> = CONSTRAINT_PROBLEMS): AppError | null {
  const violation = constraintViolation(error)
  if (!violation || !MAPPED_SQLSTATES.has(violation.sqlState)) return null
  const problem = Object.hasOwn(map, violation.constraint) ? map[violation.constraint] : undefined
  if (!problem) return null
  return new AppError(problem.code, undefined, problem.field ? { errors: [{ field: problem.field, message: 'conflicts with an existing record' }] } : undefined)
}

/** The SQL that bumps a row's version, for `.set({ row_version: nextRowVersion })`. */
export const nextRowVersion = sql<number>`row_version + 1`

/** The entity tag of a row version: a strong tag, `"<version>"`. */
export function etag(rowVersion: number): string {
  return `"${rowVersion}"`
}

/** Strong entity tag or `*`, as the If-Match header schema accepts it. */
export const IF_MATCH_PATTERN = '^(\\*|"[0-9]{1,9}")$'

/**
 * The row version a write expects, from `If-Match: "<version>"`; undefined when the header is
 * absent or `*` (any current version). Anything else is `400 request.invalid`: a weak tag never
 * matches under If-Match (RFC 9110, 13.1.1), and a list of tags names no single version.
 */
export function expectedVersion(headers: Record<string, string | string[] | undefined>): number | undefined {
  const raw = headers['if-match']
  if (raw === undefined) return undefined
  const value = (Array.isArray(raw) ? raw.join(',') : raw).trim()
  if (value === '*') return undefined
  const match = /^"([0-9]{1,9})"$/.exec(value)
  if (!match) {
    throw new AppError('request.invalid', { vi: 'Tiêu đề If-Match phải là một phiên bản, ví dụ "3"', en: 'If-Match must be one version, e.g. "3"' }, { errors: [{ field: '/headers/if-match', message: 'must be a strong entity tag "<version>"' }] })
  }
  return Number(match[1])
}

/** The answer to a write made against an older version than the row now has. */
export function staleWrite(currentVersion: number): AppError {
  return new AppError('request.stale', undefined, { currentVersion })
}

/** Throws `409 request.stale` when the client expected another version than the row has. */
export function assertVersion(expected: number | undefined, current: number): void {
  if (expected !== undefined && expected !== current) throw staleWrite(current)
}

/** Sets the `ETag` of a versioned result and returns it (for a route's return). */
export function withETag<T extends { rowVersion: number }>(reply: { header(name: string, value: string): unknown }, result: T): T {
  reply.header('etag', etag(result.rowVersion))
  return result
}
