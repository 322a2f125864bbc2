/** The workspace's navigation, filtered by what the signed-in official may do. */
import {
  IconAlertTriangle,
  IconBook2,
  IconBuildingBank,
  IconCalendarEvent,
  IconFileText,
  IconHome,
  IconKey,
  IconLock,
  IconMap2,
  IconUsers,
  type Icon,
} from '@tabler/icons-react'
import type { CurrentUser } from '../../../../contracts/auth.ts'
import type { Permission } from '../catalog.ts'
import { officePaths } from '../paths.ts'
import { hasPermission } from '../session.tsx'

export type NavSection = 'workspace' | 'administration' | 'account'
export type NavItemKey = 'home' | 'procedures' | 'units' | 'agencies' | 'users' | 'apiTokens' | 'jobs' | 'audit' | 'calendar' | 'password'

export interface NavItem {
  key: NavItemKey
  section: NavSection
  to: string
  icon: Icon
  /** Shown only when the official holds this permission. */
  permission?: Permission
  /** Match the address exactly (the home page). */
  end?: boolean
}

const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', section: 'workspace', to: officePaths.home, icon: IconHome, end: true },
  { key: 'units', section: 'administration', to: officePaths.units, icon: IconMap2, permission: 'org.read' },
  { key: 'agencies', section: 'administration', to: officePaths.agencies, icon: IconBuildingBank, permission: 'org.read' },
  { key: 'users', section: 'administration', to: officePaths.users, icon: IconUsers, permission: 'user.read' },
  { key: 'apiTokens', section: 'administration', to: officePaths.apiTokens, icon: IconKey, permission: 'token.manage' },
  { key: 'audit', section: 'administration', to: officePaths.audit, icon: IconFileText, permission: 'audit.read' },
  // The server answers only province-level administrators; others see its refusal.
  { key: 'jobs', section: 'administration', to: officePaths.jobs, icon: IconAlertTriangle, permission: 'org.manage' },
  // Every official reads the working calendar; editing it needs calendar.manage (checked on the page).
  { key: 'calendar', section: 'administration', to: officePaths.calendar, icon: IconCalendarEvent },
  // Every official reads the procedure catalogue; editing it needs catalogue.manage (checked on the pages).
  { key: 'procedures', section: 'administration', to: officePaths.procedures, icon: IconBook2 },
  { key: 'password', section: 'account', to: officePaths.password, icon: IconLock },
]

export const NAV_SECTIONS: readonly NavSection[] = ['workspace', 'administration', 'account']

export function navigationFor(user: CurrentUser): NavItem[] {
  return NAV_ITEMS.filter((item) => !item.permission || hasPermission(user, item.permission))
}
