/** HTTP surface of the audit trail (read only: entries are written by the changes themselves). */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AuditListQuery, AuditPage } from '../../../contracts/audit.ts'
import { assertPermissionAnywhere } from '../../platform/auth/actor.ts'
import { requestContext } from '../../platform/http/authentication.ts'
import type { AuditService } from './audit.service.ts'

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (app, { audit }) => {
  app.get('/audit-entries', { config: { tokenPermission: 'audit.read' }, schema: { tags: ['audit'], summary: 'Audit entries in scope, newest first', querystring: AuditListQuery, response: { 200: AuditPage } }, onRequest: app.authenticate }, (request) => {
    const ctx = requestContext(request)
    assertPermissionAnywhere(ctx.actor, 'audit.read')
    return audit.listEntries(ctx, request.query)
  })
}
