/** The audit trail (nhật ký); types derived from the route table (routes.ts). */
import type { Static } from 'typebox'
import type { AuditListQuery, AuditPage as AuditPageSchema } from '../../../contracts/audit.ts'
import { callApi, routes } from './routes.ts'

export type AuditPage = Static<typeof AuditPageSchema>

export const auditApi = {
  list: (query: AuditListQuery, signal?: AbortSignal) => callApi(routes.listAuditEntries, { query, signal }),
}
