/** HTTP surface of units, agencies, officials and roles. Thin: schema, authentication, one service call. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { IdParams } from '../../../contracts/common.ts'
import {
  Agency,
  AgencyDetail,
  AgencyListQuery,
  AssignIdentityCodeBody,
  CreateAgencyBody,
  CreateUnitBody,
  CreateUserBody,
  IfMatchHeaders,
  ResetPasswordBody,
  RoleInfo,
  SetRolesBody,
  Unit,
  UnitListQuery,
  UpdateAgencyBody,
  UpdateUnitBody,
  UpdateUserBody,
  UserListQuery,
  UserSummary,
} from '../../../contracts/org.ts'
import { assertPermissionAnywhere } from '../../platform/auth/actor.ts'
import { ROLE_PERMISSIONS, ROLES } from '../../platform/auth/roles.ts'
import { expectedVersion, withETag } from '../../platform/db/concurrency.ts'
import { requestContext } from '../../platform/http/authentication.ts'
import type { AgencyService } from './agencies.service.ts'
import type { UnitService } from './units.service.ts'
import type { UserService } from './users.service.ts'

export interface OrgRoutesOptions {
  units: UnitService
  agencies: AgencyService
  users: UserService
}

export const orgRoutes: FastifyPluginAsyncTypebox<OrgRoutesOptions> = async (app, { units, agencies, users }) => {
  app.addHook('onRequest', app.authenticate)
  const ctx = requestContext

  app.get('/units', { config: { tokenPermission: 'org.read' }, schema: { tags: ['org'], summary: 'Administrative units in scope', querystring: UnitListQuery, response: { 200: Type.Array(Unit) } } }, (request) => {
    assertPermissionAnywhere(ctx(request).actor, 'org.read')
    return units.listUnits(ctx(request), request.query)
  })
  app.get('/units/:id', { config: { tokenPermission: 'org.read' }, schema: { tags: ['org'], params: IdParams, response: { 200: Unit } } }, async (request, reply) => withETag(reply, await units.getUnit(ctx(request), request.params.id)))
  app.post('/units', { config: { tokenPermission: 'org.manage' }, schema: { tags: ['org'], summary: 'Create a unit (optionally succeeding merged ones)', body: CreateUnitBody, response: { 201: Unit } } }, async (request, reply) => {
    assertPermissionAnywhere(ctx(request).actor, 'org.manage')
    return reply.code(201).send(await units.createUnit(ctx(request), request.body))
  })
  app.patch('/units/:id', { config: { tokenPermission: 'org.manage' }, schema: { tags: ['org'], params: IdParams, headers: IfMatchHeaders, body: UpdateUnitBody, response: { 200: Unit } } }, async (request, reply) =>
    withETag(reply, await units.updateUnit(ctx(request), request.params.id, request.body, expectedVersion(request.headers))),
  )

  app.get('/me/agency', { schema: { tags: ['org'], summary: "The signed-in official's agency", response: { 200: Agency } } }, (request) => agencies.getOwnAgency(ctx(request)))
  app.get('/agencies', { config: { tokenPermission: 'org.read' }, schema: { tags: ['org'], summary: 'Agencies in scope', querystring: AgencyListQuery, response: { 200: Type.Array(Agency) } } }, (request) => {
    assertPermissionAnywhere(ctx(request).actor, 'org.read')
    return agencies.listAgencies(ctx(request), request.query)
  })
  app.get('/agencies/:id', { config: { tokenPermission: 'org.read' }, schema: { tags: ['org'], params: IdParams, response: { 200: AgencyDetail } } }, async (request, reply) => withETag(reply, await agencies.getAgency(ctx(request), request.params.id)))
  app.post('/agencies', { config: { tokenPermission: 'org.manage' }, schema: { tags: ['org'], body: CreateAgencyBody, response: { 201: AgencyDetail } } }, async (request, reply) => {
    assertPermissionAnywhere(ctx(request).actor, 'org.manage')
    return reply.code(201).send(await agencies.createAgency(ctx(request), request.body))
  })
  app.patch('/agencies/:id', { config: { tokenPermission: 'org.manage' }, schema: { tags: ['org'], params: IdParams, headers: IfMatchHeaders, body: UpdateAgencyBody, response: { 200: AgencyDetail } } }, async (request, reply) =>
    withETag(reply, await agencies.updateAgency(ctx(request), request.params.id, request.body, expectedVersion(request.headers))),
  )
  app.post('/agencies/:id/identity-codes', { config: { tokenPermission: 'org.manage' }, schema: { tags: ['org'], summary: 'Assign a new identity code from a date', params: IdParams, headers: IfMatchHeaders, body: AssignIdentityCodeBody, response: { 201: AgencyDetail } } }, async (request, reply) =>
    reply.code(201).send(withETag(reply, await agencies.assignIdentityCode(ctx(request), request.params.id, request.body, expectedVersion(request.headers)))),
  )

  app.get('/users', { config: { tokenPermission: 'user.read' }, schema: { tags: ['users'], querystring: UserListQuery, response: { 200: Type.Object({ items: Type.Array(UserSummary), total: Type.Integer() }) } } }, (request) => {
    assertPermissionAnywhere(ctx(request).actor, 'user.read')
    return users.listUsers(ctx(request), request.query)
  })
  app.get('/users/:id', { config: { tokenPermission: 'user.read' }, schema: { tags: ['users'], params: IdParams, response: { 200: UserSummary } } }, async (request, reply) => withETag(reply, await users.getUser(ctx(request), request.params.id)))
  app.post('/users', { config: { tokenPermission: 'user.manage' }, schema: { tags: ['users'], body: CreateUserBody, response: { 201: UserSummary } } }, async (request, reply) => {
    assertPermissionAnywhere(ctx(request).actor, 'user.manage')
    return reply.code(201).send(await users.createUser(ctx(request), request.body))
  })
  app.patch('/users/:id', { config: { tokenPermission: 'user.manage' }, schema: { tags: ['users'], params: IdParams, headers: IfMatchHeaders, body: UpdateUserBody, response: { 200: UserSummary } } }, async (request, reply) =>
    withETag(reply, await users.updateUser(ctx(request), request.params.id, request.body, expectedVersion(request.headers))),
  )
  app.put('/users/:id/roles', { config: { tokenPermission: 'user.manage' }, schema: { tags: ['users'], params: IdParams, headers: IfMatchHeaders, body: SetRolesBody, response: { 200: UserSummary } } }, async (request, reply) =>
    withETag(reply, await users.setRoles(ctx(request), request.params.id, request.body, expectedVersion(request.headers))),
  )
  app.post('/users/:id/password', { config: { tokenPermission: 'user.manage' }, schema: { tags: ['users'], summary: "Reset an official's password (ends their sessions)", params: IdParams, body: ResetPasswordBody, response: { 204: Type.Null() } } }, async (request, reply) => {
    await users.resetPassword(ctx(request), request.params.id, request.body.newPassword)
    return reply.code(204).send(null)
  })

  app.post('/users/:id/sign-in-unlock', { config: { tokenPermission: 'user.manage' }, schema: { tags: ['users'], summary: "End an official's sign-in locks after repeated failed sign-ins", params: IdParams, response: { 200: UserSummary } } }, (request) =>
    users.unlockSignIn(ctx(request), request.params.id),
  )

  app.get('/roles', { config: { tokenPermission: 'org.read' }, schema: { tags: ['users'], summary: 'Roles and the permissions they carry', response: { 200: Type.Array(RoleInfo) } } }, async () =>
    ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
  )
}
