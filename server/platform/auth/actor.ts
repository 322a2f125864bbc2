/**
 * Who is making a request, and the pure rules that decide what they may touch.
 * Every read and write passes through `can`/`assertCan` or a scope filter built from `scopesFor`.
 */
import { AppError } from '../errors.ts'
import type { Permission } from './roles.ts'

/** A permission held over an agency subtree. */
export interface Grant {
  permission: Permission
  /** The scope agency's id. */
  agencyId: string
  /** Materialised path of the scope agency ('/a/b/'): its subtree is every path with this prefix. */
  agencyPath: string
  /** Path of the scope agency's administrative unit: its unit subtree. */
  unitPath: string
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

/** True when the actor holds `permission` over the administrative unit at `unitPath`. */
export function canInUnit(actor: Actor, permission: Permission, unitPath: string): boolean {
  return actor.grants.some((grant) => grant.permission === permission && unitPath.startsWith(grant.unitPath))
}

/** The agency path prefixes where the actor holds `permission`; empty when nowhere. */
export function agencyScopes(actor: Actor, permission: Permission): string[] {
  return minimalPrefixes(actor.grants.filter((g) => g.permission === permission).map((g) => g.agencyPath))
}

/** The unit path prefixes where the actor holds `permission`; empty when nowhere. */
export function unitScopes(actor: Actor, permission: Permission): string[] {
  return minimalPrefixes(actor.grants.filter((g) => g.permission === permission).map((g) => g.unitPath))
}

/** True for the path of a top-level node ('/<id>/'): a province, or its People's Committee. */
export function isTopLevelPath(path: string): boolean {
  return path.split('/').length === 3
}

/** True when the actor holds `permission` over a whole top-level agency (a province): national and provincial data. */
export function holdsOverProvince(actor: Actor, permission: Permission): boolean {
  return actor.grants.some((grant) => grant.permission === permission && isTopLevelPath(grant.agencyPath))
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
