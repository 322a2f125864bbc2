/** The audit trail (nhật ký). */
import type { Static } from 'typebox'
import type { AuditListQuery, AuditPage as AuditPageSchema } from '../../../contracts/audit.ts'
import { api } from './client.ts'

export type AuditPage = Static<typeof AuditPageSchema>

export const auditApi = {
  list: (query: AuditListQuery, signal?: AbortSignal) => api.get<AuditPage>('/api/audit-entries', query, signal),
}
