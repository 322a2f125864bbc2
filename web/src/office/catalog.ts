/**
 * Runtime lists of the contract enums (roles, permissions, unit levels and kinds, agency kinds,
 * calendar day kinds).
 * The contracts define them with TypeBox; importing those values would pull TypeBox into the
 * browser bundle, so the lists are repeated here and checked against the contract types.
 */
import type { PERMISSION_NAMES, RoleName } from '../../../contracts/auth.ts'
import type { CalendarDay } from '../../../contracts/calendar.ts'
import type { Agency, Unit } from '../../../contracts/org.ts'

export type Permission = (typeof PERMISSION_NAMES)[number]
export type UnitLevel = Unit['level']
export type UnitKind = Unit['kind']
export type AgencyKind = Agency['kind']
export type DayKind = CalendarDay['kind']

/** Compile-time proof that a list names every member of a union. */
type Complete<Union, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [never] ? List : never

const complete =
  <Union>() =>
  <const List extends readonly Union[]>(list: Complete<Union, List>): List =>
    list

export const ROLES = complete<RoleName>()([
  'intake_officer',
  'specialist',
  'head_of_department',
  'leader',
  'reform_officer',
  'system_admin',
])

export const PERMISSIONS = complete<Permission>()(['org.read', 'org.manage', 'user.read', 'user.manage', 'token.manage', 'audit.read', 'calendar.manage', 'catalogue.manage'])

export const UNIT_LEVELS = complete<UnitLevel>()(['province', 'district', 'commune'])

export const UNIT_KINDS = complete<UnitKind>()([
  'province',
  'city',
  'district',
  'town',
  'provincial_city',
  'commune',
  'ward',
  'township',
  'special_zone',
])

/** Kinds allowed at each level (the server enforces the same rule). */
export const UNIT_KINDS_BY_LEVEL: Record<UnitLevel, readonly UnitKind[]> = {
  province: ['province', 'city'],
  district: ['district', 'town', 'provincial_city'],
  commune: ['commune', 'ward', 'township', 'special_zone'],
}

/**
 * Levels a unit's parent may have: a commune sat under a district before 01/07/2025 and sits
 * directly under the province since the district level was abolished.
 */
export const PARENT_LEVELS: Record<UnitLevel, readonly UnitLevel[]> = {
  province: [],
  district: ['province'],
  commune: ['district', 'province'],
}

export const AGENCY_KINDS = complete<AgencyKind>()([
  'peoples_committee',
  'department',
  'public_service_centre',
  'one_stop_unit',
  'home_affairs_office',
  'specialised_office',
  'other',
])

/** Kinds of days in the working calendar: four kinds of weekday off, then a weekend day worked. */
export const DAY_KINDS = complete<DayKind>()(['HOLIDAY', 'COMPENSATORY_OFF', 'SWAPPED_OFF', 'EXTRA_OFF', 'SWAPPED_WORKDAY'])

/** The kinds that make a weekday a day off (the rest, SWAPPED_WORKDAY, makes a Saturday or Sunday a working day). */
export const OFF_KINDS: ReadonlySet<DayKind> = new Set<DayKind>(['HOLIDAY', 'COMPENSATORY_OFF', 'SWAPPED_OFF', 'EXTRA_OFF'])

export type { RoleName }
