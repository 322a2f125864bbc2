/**
 * Roles and the permissions each one carries. A role is always held over an agency subtree (its
 * scope); a permission applies only to records of agencies inside that subtree.
 */
import type { RoleName } from '../db/schema.ts'

export const PERMISSIONS = [
  /** Read administrative units and agencies. */
  'org.read',
  /** Create and change administrative units, agencies and identity codes. */
  'org.manage',
  /** Read officials' accounts and roles. */
  'user.read',
  /** Create, change, disable officials; grant roles; reset passwords. */
  'user.manage',
  /** Issue and revoke API tokens for machine clients. */
  'token.manage',
  /** Read the audit trail. */
  'audit.read',
] as const
export type Permission = (typeof PERMISSIONS)[number]

export const ROLES: readonly RoleName[] = [
  'intake_officer',
  'specialist',
  'head_of_department',
  'leader',
  'reform_officer',
  'system_admin',
]

export const ROLE_PERMISSIONS: Record<RoleName, readonly Permission[]> = {
  intake_officer: ['org.read'],
  specialist: ['org.read'],
  head_of_department: ['org.read', 'user.read'],
  leader: ['org.read', 'user.read', 'audit.read'],
  reform_officer: ['org.read', 'user.read', 'audit.read'],
  system_admin: PERMISSIONS,
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}
