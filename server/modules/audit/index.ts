/** The audit module's public surface: the only file another module or server/app.ts may import. */
export { auditRoutes } from './audit.routes.ts'
export { createAuditService, type AuditService } from './audit.service.ts'
