/**
 * Roles and the permissions each one carries. A role is always held over an agency subtree (its
 * scope); a permission applies only to records of agencies inside that subtree. The names are
 * defined once, in contracts/auth.ts.
 */
import { PERMISSION_NAMES, ROLE_NAMES, type PermissionName, type RoleName } from '../../../contracts/auth.ts'

export const PERMISSIONS = PERMISSION_NAMES
export type Permission = PermissionName
export const ROLES: readonly RoleName[] = ROLE_NAMES

/**
 * org.read: read units and agencies · org.manage: create and change them and their identity codes ·
 * user.read / user.manage: officials' accounts and roles · token.manage: API tokens · audit.read: the audit trail ·
 * calendar.manage: the national working calendar · catalogue.manage: the procedure catalogue
 * (both effective only when held over a whole province).
 */
export const ROLE_PERMISSIONS: Record<RoleName, readonly Permission[]> = {
  intake_officer: ['org.read'],
  specialist: ['org.read'],
  head_of_department: ['org.read', 'user.read'],
  leader: ['org.read', 'user.read', 'audit.read'],
  reform_officer: ['org.read', 'user.read', 'audit.read', 'catalogue.manage'],
  system_admin: PERMISSIONS,
}

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}
