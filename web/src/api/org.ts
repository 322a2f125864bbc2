/** Administrative units, agencies and identity codes. */
import type {
  Agency,
  AgencyDetail,
  AgencyListQuery,
  AssignIdentityCodeBody,
  CreateAgencyBody,
  CreateUnitBody,
  Unit,
  UnitListQuery,
  UpdateAgencyBody,
  UpdateUnitBody,
} from '../../../contracts/org.ts'
import { api, apiPath } from './client.ts'

export const orgApi = {
  myAgency: (signal?: AbortSignal) => api.get<Agency>('/api/me/agency', undefined, signal),

  listUnits: (query: UnitListQuery, signal?: AbortSignal) => api.get<Unit[]>('/api/units', query, signal),
  getUnit: (id: string, signal?: AbortSignal) => api.get<Unit>(apiPath('units', id), undefined, signal),
  createUnit: (body: CreateUnitBody) => api.post<Unit>('/api/units', body),
  /** `rowVersion`: the version the form was filled from (If-Match). */
  updateUnit: (id: string, body: UpdateUnitBody, rowVersion: number) => api.patch<Unit>(apiPath('units', id), body, rowVersion),

  listAgencies: (query: AgencyListQuery, signal?: AbortSignal) => api.get<Agency[]>('/api/agencies', query, signal),
  getAgency: (id: string, signal?: AbortSignal) => api.get<AgencyDetail>(apiPath('agencies', id), undefined, signal),
  createAgency: (body: CreateAgencyBody) => api.post<Agency>('/api/agencies', body),
  updateAgency: (id: string, body: UpdateAgencyBody, rowVersion: number) => api.patch<AgencyDetail>(apiPath('agencies', id), body, rowVersion),
  assignIdentityCode: (id: string, body: AssignIdentityCodeBody) =>
    api.post<AgencyDetail>(apiPath('agencies', id, 'identity-codes'), body),
}
