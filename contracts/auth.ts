/** Sign-in, sessions, password change and API tokens. */
import Type, { type Static } from 'typebox'
import { IsoDateTime, Uuid } from './common.ts'

export const ROLE_NAMES = ['intake_officer', 'specialist', 'head_of_department', 'leader', 'reform_officer', 'system_admin'] as const
export const RoleName = Type.Enum(ROLE_NAMES)
export type RoleName = Static<typeof RoleName>

export const PERMISSION_NAMES = ['org.read', 'org.manage', 'user.read', 'user.manage', 'token.manage', 'audit.read', 'calendar.manage', 'catalogue.manage'] as const
export const PermissionName = Type.Enum(PERMISSION_NAMES)
export type PermissionName = Static<typeof PermissionName>

export const SignInBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
)
export type SignInBody = Static<typeof SignInBody>

export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
)
export type ChangePasswordBody = Static<typeof ChangePasswordBody>

export const RoleGrant = Type.Object({
  role: RoleName,
  scopeAgencyId: Uuid,
  scopeAgencyName: Type.String(),
})

/** The signed-in official, as the web app needs it. */
export const CurrentUser = Type.Object({
  id: Uuid,
  username: Type.String(),
  displayName: Type.String(),
  agency: Type.Object({ id: Uuid, name: Type.String(), unitId: Uuid, unitName: Type.String() }),
  roles: Type.Array(RoleGrant),
  permissions: Type.Array(Type.String()),
  /** Permissions held at unit level (over a unit's governing agency): managing units needs these. */
  unitPermissions: Type.Array(Type.String()),
  csrfToken: Type.String({ description: 'Send as the x-csrf-token header on every write made with the session cookie' }),
})
export type CurrentUser = Static<typeof CurrentUser>

export const CreateApiTokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    agencyId: Uuid,
    permissions: Type.Array(PermissionName, { minItems: 1, maxItems: 10, uniqueItems: true }),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 730 })),
  },
  { additionalProperties: false },
)
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>

export const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  agencyId: Uuid,
  tokenPrefix: Type.String(),
  permissions: Type.Array(Type.String()),
  createdAt: IsoDateTime,
  expiresAt: Type.Union([IsoDateTime, Type.Null()]),
  revokedAt: Type.Union([IsoDateTime, Type.Null()]),
  lastUsedAt: Type.Union([IsoDateTime, Type.Null()]),
})
export type ApiToken = Static<typeof ApiToken>

export const CreatedApiToken = Type.Object({
  token: ApiToken,
  secret: Type.String({ description: 'Shown once: send as "Authorization: Bearer <secret>"' }),
})
