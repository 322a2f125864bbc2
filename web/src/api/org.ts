/** Administrative units, agencies and identity codes; types derived from the route table (routes.ts). */
import type { AgencyListQuery, AssignIdentityCodeBody, CreateAgencyBody, CreateUnitBody, UnitListQuery, UpdateAgencyBody, UpdateUnitBody } from '../../../contracts/org.ts'
import { callApi, routes } from './routes.ts'

export const orgApi = {
  myAgency: (signal?: AbortSignal) => callApi(routes.myAgency, { signal }),

  listUnits: (query: UnitListQuery, signal?: AbortSignal) => callApi(routes.listUnits, { query, signal }),
  getUnit: (id: string, signal?: AbortSignal) => callApi(routes.getUnit, { params: { id }, signal }),
  createUnit: (body: CreateUnitBody) => callApi(routes.createUnit, { body }),
  /** `rowVersion`: the version the form was filled from (If-Match). */
  updateUnit: (id: string, body: UpdateUnitBody, rowVersion: number) => callApi(routes.updateUnit, { params: { id }, body, ifMatch: rowVersion }),

  listAgencies: (query: AgencyListQuery, signal?: AbortSignal) => callApi(routes.listAgencies, { query, signal }),
  getAgency: (id: string, signal?: AbortSignal) => callApi(routes.getAgency, { params: { id }, signal }),
  createAgency: (body: CreateAgencyBody) => callApi(routes.createAgency, { body }),
  updateAgency: (id: string, body: UpdateAgencyBody, rowVersion: number) => callApi(routes.updateAgency, { params: { id }, body, ifMatch: rowVersion }),
  assignIdentityCode: (id: string, body: AssignIdentityCodeBody, rowVersion?: number) => callApi(routes.assignIdentityCode, { params: { id }, body, ifMatch: rowVersion }),
}
