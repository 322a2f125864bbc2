/**
 * Who is making a request, and the pure rules that decide what they may touch.
 * Every read and write passes through `can`/`assertCan` or a scope filter built from `scopesFor`.
 */
import { AppError } from '../errors.ts'
import type { Permission } from './roles.ts'

/**
 * A permission held over an agency subtree. Unit-level rights (units, mergers, top-level agencies,
 * unit-level audit entries) come only with a grant over a unit's governing agency (ADR 0008).
 */
export interface Grant {
  permission: Permission
  /** The scope agency's id. */
  agencyId: string
  /** Materialised path of the scope agency ('/a/b/'): its subtree is every path with this prefix. */
  agencyPath: string
  /** Path of the scope agency's own administrative unit. */
  agencyUnitPath: string
  /**
   * The unit subtree the grant covers at unit level: the scope agency's unit path when the scope
   * agency governs that unit (it has no parent, or its parent lies in another unit: a People's
   * Committee), null for an agency inside a unit (a department, an office, a centre).
   */
  unitPath: string | null
}

export interface Actor {
  type: 'user' | 'api_token'
  /** User id, or the id of the user who issued the token. */
  userId: string
  tokenId: string | null
  /** Display name for audit entries. */
  name: string
  agencyId: string
  /** Unit of the actor's agency: the distribution key of the actor's own rows (sessions, tokens). */
  unitId: string
  sessionId: string | null
  grants: Grant[]
}

/** Context of one use case call: who, and where the request came from (for the audit trail). */
export interface RequestContext {
  actor: Actor
  requestId: string
  ip: string | null
}

/** True when the actor holds `permission` over the agency at `agencyPath`. */
export function can(actor: Actor, permission: Permission, agencyPath: string): boolean {
  return actor.grants.some((grant) => grant.permission === permission && agencyPath.startsWith(grant.agencyPath))
}

/** True when the actor holds `permission` over the administrative unit at `unitPath` (unit level: over its governing agency or a unit above it). */
export function canInUnit(actor: Actor, permission: Permission, unitPath: string): boolean {
  return actor.grants.some((grant) => grant.permission === permission && grant.unitPath !== null && unitPath.startsWith(grant.unitPath))
}

/**
 * True when the actor may read the unit at `unitPath` (its name, kind, period): with org.read at
 * unit level, or with org.read over an agency of that very unit, so an office's staff see their own
 * unit, but not the units below it.
 */
export function canReadUnit(actor: Actor, unitPath: string): boolean {
  return canInUnit(actor, 'org.read', unitPath) || actor.grants.some((grant) => grant.permission === 'org.read' && grant.agencyUnitPath === unitPath)
}

/** The units `canReadUnit` allows, for lists: unit subtrees (prefixes) and single units (exact paths). */
export function readableUnits(actor: Actor): { subtrees: string[]; units: string[] } {
  const subtrees = unitScopes(actor, 'org.read')
  const units = [...new Set(actor.grants.filter((g) => g.permission === 'org.read').map((g) => g.agencyUnitPath))]
  return { subtrees, units: units.filter((path) => !subtrees.some((prefix) => path.startsWith(prefix))).sort() }
}

/** The agency path prefixes where the actor holds `permission`; empty when nowhere. */
export function agencyScopes(actor: Actor, permission: Permission): string[] {
  return minimalPrefixes(actor.grants.filter((g) => g.permission === permission).map((g) => g.agencyPath))
}

/** The unit path prefixes where the actor holds `permission` at unit level; empty when nowhere. */
export function unitScopes(actor: Actor, permission: Permission): string[] {
  return minimalPrefixes(actor.grants.flatMap((g) => (g.permission === permission && g.unitPath !== null ? [g.unitPath] : [])))
}

/** True for the path of a top-level node ('/<id>/'): a province, or its People's Committee. */
export function isTopLevelPath(path: string): boolean {
  return path.split('/').length === 3
}

/**
 * True when the actor holds `permission` over a whole province, that is over the governing agency
 * of a top-level unit (its People's Committee): national and provincial data. A parentless agency
 * of a commune is top-level in the agency tree but governs only its commune.
 */
export function holdsOverProvince(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((grant) => grant.permission === permission && grant.unitPath !== null && isTopLevelPath(grant.unitPath))
}

export function hasPermissionAnywhere(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((grant) => grant.permission === permission)
}

/** Throws 403 unless the actor holds the permission somewhere (a route-level gate). */
export function assertPermissionAnywhere(actor: Actor, permission: Permission): void {
  if (!hasPermissionAnywhere(actor, permission)) throw new AppError('auth.forbidden')
}

function minimalPrefixes(paths: string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length)
  const kept: string[] = []
  for (const path of sorted) if (!kept.some((prefix) => path.startsWith(prefix))) kept.push(path)
  return kept
}
