/** Administrative units, agencies, officials and roles. */
import Type, { type Static } from 'typebox'
import { IfMatchHeaders, IsoDate, IsoDateTime, NullableIsoDate, Paging, Uuid } from './common.ts'
import { RoleName } from './auth.ts'

/** Defined with the other shared shapes; also exported here, where the org routes first used it. */
export { IfMatchHeaders }

export const UNIT_LEVELS = ['province', 'district', 'commune'] as const
export const UNIT_KINDS = ['province', 'city', 'district', 'town', 'provincial_city', 'commune', 'ward', 'township', 'special_zone'] as const
export const AGENCY_KINDS = ['peoples_committee', 'department', 'public_service_centre', 'one_stop_unit', 'home_affairs_office', 'specialised_office', 'other'] as const

export const UnitLevel = Type.Enum(UNIT_LEVELS)
export const UnitKind = Type.Enum(UNIT_KINDS)
export const AgencyKind = Type.Enum(AGENCY_KINDS)

const Name = Type.String({ minLength: 1, maxLength: 200 })

/** The version of a record an official edits; send it back as `If-Match: "<rowVersion>"` (ADR 0011). */
export const RowVersion = Type.Integer({ minimum: 1, description: 'Version of the record, bumped by every change; its ETag is "<rowVersion>"' })

export const Unit = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  level: UnitLevel,
  kind: UnitKind,
  parentId: Type.Union([Uuid, Type.Null()]),
  validFrom: IsoDate,
  validTo: NullableIsoDate,
  predecessorIds: Type.Array(Uuid),
  successorIds: Type.Array(Uuid),
  rowVersion: RowVersion,
})
export type Unit = Static<typeof Unit>

export const UnitListQuery = Type.Object(
  {
    /** Only units valid on this date. */
    validOn: Type.Optional(IsoDate),
    level: Type.Optional(UnitLevel),
    parentId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type UnitListQuery = Static<typeof UnitListQuery>

export const CreateUnitBody = Type.Object(
  {
    code: Type.String({ pattern: '^[0-9]{2,5}$' }),
    name: Name,
    level: UnitLevel,
    kind: UnitKind,
    parentId: Type.Union([Uuid, Type.Null()]),
    validFrom: IsoDate,
    validTo: Type.Optional(NullableIsoDate),
    predecessorIds: Type.Optional(Type.Array(Uuid, { maxItems: 50, uniqueItems: true })),
    legalBasis: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
)
export type CreateUnitBody = Static<typeof CreateUnitBody>

export const UpdateUnitBody = Type.Object(
  {
    name: Type.Optional(Name),
    kind: Type.Optional(UnitKind),
    validTo: Type.Optional(NullableIsoDate),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateUnitBody = Static<typeof UpdateUnitBody>

export const IdentityCode = Type.Object({
  code: Type.String(),
  validFrom: IsoDate,
  validTo: NullableIsoDate,
  legalBasis: Type.Union([Type.String(), Type.Null()]),
})

export const Agency = Type.Object({
  id: Uuid,
  unitId: Uuid,
  unitName: Type.String(),
  parentId: Type.Union([Uuid, Type.Null()]),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  kind: AgencyKind,
  identityCode: Type.Union([Type.String(), Type.Null()]),
  validFrom: IsoDate,
  validTo: NullableIsoDate,
  rowVersion: RowVersion,
})
export type Agency = Static<typeof Agency>

export const AgencyDetail = Type.Object({ ...Agency.properties, identityCodes: Type.Array(IdentityCode) })
export type AgencyDetail = Static<typeof AgencyDetail>

export const AgencyListQuery = Type.Object(
  {
    validOn: Type.Optional(IsoDate),
    unitId: Type.Optional(Uuid),
    parentId: Type.Optional(Uuid),
  },
  { additionalProperties: false },
)
export type AgencyListQuery = Static<typeof AgencyListQuery>

export const IDENTITY_CODE_PATTERN = '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$'

export const CreateAgencyBody = Type.Object(
  {
    unitId: Uuid,
    parentId: Type.Union([Uuid, Type.Null()]),
    name: Type.String({ minLength: 1, maxLength: 300 }),
    shortName: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    kind: AgencyKind,
    identityCode: Type.Optional(Type.String({ pattern: IDENTITY_CODE_PATTERN, description: 'QCVN 102:2016 code, e.g. 000.00.31.H99' })),
    validFrom: IsoDate,
    validTo: Type.Optional(NullableIsoDate),
  },
  { additionalProperties: false },
)
export type CreateAgencyBody = Static<typeof CreateAgencyBody>

export const UpdateAgencyBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    shortName: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    kind: Type.Optional(AgencyKind),
    validTo: Type.Optional(NullableIsoDate),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateAgencyBody = Static<typeof UpdateAgencyBody>

export const AssignIdentityCodeBody = Type.Object(
  {
    code: Type.String({ pattern: IDENTITY_CODE_PATTERN }),
    validFrom: IsoDate,
    legalBasis: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
)
export type AssignIdentityCodeBody = Static<typeof AssignIdentityCodeBody>

export const UserRole = Type.Object({ role: RoleName, scopeAgencyId: Uuid })
export type UserRole = Static<typeof UserRole>

export const UserSummary = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  agencyId: Uuid,
  agencyName: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  roles: Type.Array(UserRole),
  /** True while repeated failed sign-ins keep the official locked out from some source. */
  signInLocked: Type.Boolean(),
  createdAt: IsoDateTime,
  rowVersion: RowVersion,
})
export type UserSummary = Static<typeof UserSummary>

export const UserListQuery = Type.Object(
  {
    agencyId: Type.Optional(Uuid),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    ...Paging.properties,
  },
  { additionalProperties: false },
)
export type UserListQuery = Static<typeof UserListQuery>

export const Username = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,63}$', description: 'lower-case letters, digits, . _ -' })

export const CreateUserBody = Type.Object(
  {
    username: Username,
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
    agencyId: Uuid,
    password: Type.String({ minLength: 1, maxLength: 256 }),
    roles: Type.Array(UserRole, { maxItems: 20 }),
  },
  { additionalProperties: false },
)
export type CreateUserBody = Static<typeof CreateUserBody>

export const UpdateUserBody = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 254 }), Type.Null()])),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateUserBody = Static<typeof UpdateUserBody>

export const SetRolesBody = Type.Object({ roles: Type.Array(UserRole, { maxItems: 20 }) }, { additionalProperties: false })
export type SetRolesBody = Static<typeof SetRolesBody>

export const ResetPasswordBody = Type.Object({ newPassword: Type.String({ minLength: 1, maxLength: 256 }) }, { additionalProperties: false })
export type ResetPasswordBody = Static<typeof ResetPasswordBody>

export const RoleInfo = Type.Object({ role: RoleName, permissions: Type.Array(Type.String()) })

export { IsoDateTime }
