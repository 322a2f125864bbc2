/**
 * Unit scoping, route by route: an official of one commune (Phú Lạc), even its system
 * administrator, can neither read nor change anything of another commune (Bình Lạc), while Bình
 * Lạc's own administrator can (so no refusal here passes by accident). The last test fails when
 * a route exists that this file does not cover.
 */
import type { InjectOptions } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContent } from '../modules/procedures/test-fixtures.ts'
import { buildTestApp, type SessionHeaders, type TestApp } from './test-app.ts'

let t: TestApp
let outsider: SessionHeaders
let insider: SessionHeaders
const ids: Record<string, string> = {}

beforeAll(async () => {
  t = await buildTestApp()
  outsider = await t.signIn('quantri.phulac')
  insider = await t.signIn('quantri.binhlac')
  ids.unit = await t.unitId('Xã Bình Lạc')
  ids.province = await t.unitId('Tỉnh An Thịnh')
  ids.committee = await t.agencyId('Ủy ban nhân dân xã Bình Lạc')
  ids.centre = await t.agencyId('Trung tâm Phục vụ hành chính công xã Bình Lạc')
  ids.user = await t.userId('tiepnhan.binhlac')
  ids.outsiderUser = await t.userId('tiepnhan.phulac')
  const token = await t.app.inject({ method: 'POST', url: '/api/api-tokens', headers: insider, payload: { name: 'binhlac-sync', agencyId: ids.committee, permissions: ['org.read'] } })
  expect(token.statusCode).toBe(201)
  ids.token = token.json().token.id
  ids.tokenSecret = token.json().secret
})
afterAll(() => t.close())

const call = (headers: SessionHeaders | Record<string, string>, options: InjectOptions) => t.app.inject({ ...options, headers: { ...options.headers, ...headers } })

/** Snapshot of everything a refused write could have touched. */
async function snapshot() {
  const db = t.database.db
  const [audit, units, agencies, codes, users, roles, tokens] = await Promise.all([
    db.selectFrom('audit_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('admin_units').selectAll().orderBy('id').execute(),
    db.selectFrom('agencies').selectAll().orderBy('id').execute(),
    db.selectFrom('agency_identity_codes').selectAll().orderBy('agency_id').orderBy('valid_from').execute(),
    db.selectFrom('users').select(['id', 'display_name', 'email', 'status', 'password_hash']).orderBy('id').execute(),
    db.selectFrom('user_roles').select(['user_id', 'role', 'scope_agency_id']).orderBy('user_id').orderBy('role').execute(),
    db.selectFrom('api_tokens').select(['id', 'revoked_at']).orderBy('id').execute(),
  ])
  const calendar = await db.selectFrom('calendar_days').selectAll().orderBy('date').execute()
  const hours = await db.selectFrom('agency_office_hours').selectAll().orderBy('agency_id').execute()
  return { audit: audit.n, units, agencies, codes, users, roles, tokens, calendar, hours }
}

async function snapshotWithCatalogue() {
  const db = t.database.db
  return {
    base: await snapshot(),
    versions: await db.selectFrom('procedure_versions').selectAll().orderBy('id').execute(),
    procedureAgencies: await db.selectFrom('procedure_agencies').selectAll().orderBy('procedure_id').execute(),
  }
}

/** The outsider's write is refused with a 4xx problem and changes nothing; the insider's succeeds. */
async function refusedThenAllowed(options: InjectOptions, allowedStatus: number) {
  const before = await snapshot()
  const refused = await call(outsider, options)
  expect(refused.statusCode, refused.body).toBeGreaterThanOrEqual(400)
  expect(refused.statusCode).toBeLessThan(500)
  expect(refused.headers['content-type']).toContain('application/problem+json')
  expect(await snapshot()).toEqual(before)
  const anonymous = await t.app.inject(options)
  expect(anonymous.statusCode).toBe(401)
  const allowed = await call(insider, options)
  expect(allowed.statusCode, allowed.body).toBe(allowedStatus)
}

const covered = new Set<string>()
function route(key: string, body: () => Promise<void>) {
  covered.add(key)
  it(key, body)
}

describe('an official of one commune cannot read or change another commune', () => {
  route('GET /api/units', async () => {
    const outside = (await call(outsider, { method: 'GET', url: '/api/units' })).json() as Array<{ id: string }>
    expect(outside.map((u) => u.id)).not.toContain(ids.unit)
    expect(outside.length).toBeGreaterThan(0)
    const inside = (await call(insider, { method: 'GET', url: '/api/units' })).json() as Array<{ id: string }>
    expect(inside.map((u) => u.id)).toContain(ids.unit)
  })
  route('GET /api/units/{id}', async () => {
    expect((await call(outsider, { method: 'GET', url: `/api/units/${ids.unit}` })).statusCode).toBe(404)
    expect((await call(insider, { method: 'GET', url: `/api/units/${ids.unit}` })).statusCode).toBe(200)
  })
  route('PATCH /api/units/{id}', () => refusedThenAllowed({ method: 'PATCH', url: `/api/units/${ids.unit}`, payload: { name: 'Xã Bình Lạc' } }, 200))
  route('POST /api/units', async () => {
    // Creating a commune under the province needs org.manage over the province: neither commune has it.
    const before = await snapshot()
    const refused = await call(outsider, { method: 'POST', url: '/api/units', payload: { code: '99950', name: 'Xã Mới', level: 'commune', kind: 'commune', parentId: ids.province, validFrom: '2026-01-01', predecessorIds: [ids.unit] } })
    expect(refused.statusCode).toBeGreaterThanOrEqual(400)
    expect(refused.statusCode).toBeLessThan(500)
    expect(await snapshot()).toEqual(before)
    const admin = await t.signIn('quantri')
    const created = await call(admin, { method: 'POST', url: '/api/units', payload: { code: '99950', name: 'Xã Mới', level: 'commune', kind: 'commune', parentId: ids.province, validFrom: '2026-01-01' } })
    expect(created.statusCode, created.body).toBe(201)
  })

  route('GET /api/me/agency', async () => {
    expect((await call(outsider, { method: 'GET', url: '/api/me/agency' })).json().name).toBe('Ủy ban nhân dân xã Phú Lạc')
    expect((await call(insider, { method: 'GET', url: '/api/me/agency' })).json().name).toBe('Ủy ban nhân dân xã Bình Lạc')
  })
  route('GET /api/agencies', async () => {
    const outside = (await call(outsider, { method: 'GET', url: '/api/agencies' })).json() as Array<{ id: string; unitId: string }>
    expect(outside.length).toBeGreaterThan(0)
    expect(outside.filter((a) => a.unitId === ids.unit)).toEqual([])
    const inside = (await call(insider, { method: 'GET', url: '/api/agencies' })).json() as Array<{ id: string }>
    expect(inside.map((a) => a.id)).toContain(ids.centre)
  })
  route('GET /api/agencies/{id}', async () => {
    expect((await call(outsider, { method: 'GET', url: `/api/agencies/${ids.centre}` })).statusCode).toBe(404)
    expect((await call(insider, { method: 'GET', url: `/api/agencies/${ids.centre}` })).statusCode).toBe(200)
  })
  route('POST /api/agencies', () =>
    refusedThenAllowed({ method: 'POST', url: '/api/agencies', payload: { unitId: ids.unit, parentId: ids.committee, name: 'Văn phòng HĐND và UBND xã Bình Lạc', kind: 'other', validFrom: '2025-07-01' } }, 201),
  )
  route('PATCH /api/agencies/{id}', () => refusedThenAllowed({ method: 'PATCH', url: `/api/agencies/${ids.centre}`, payload: { shortName: 'TT PVHCC' } }, 200))
  route('POST /api/agencies/{id}/identity-codes', () =>
    refusedThenAllowed({ method: 'POST', url: `/api/agencies/${ids.centre}/identity-codes`, payload: { code: '000.02.41.H99', validFrom: '2026-01-01' } }, 201),
  )

  route('GET /api/users', async () => {
    const outside = (await call(outsider, { method: 'GET', url: '/api/users?limit=500' })).json() as { items: Array<{ username: string }> }
    expect(outside.items.length).toBeGreaterThan(0)
    expect(outside.items.filter((u) => u.username.endsWith('binhlac'))).toEqual([])
    const filtered = (await call(outsider, { method: 'GET', url: `/api/users?agencyId=${ids.centre}` })).json() as { total: number }
    expect(filtered.total).toBe(0)
    const inside = (await call(insider, { method: 'GET', url: '/api/users?limit=500' })).json() as { items: Array<{ username: string }> }
    expect(inside.items.map((u) => u.username)).toContain('tiepnhan.binhlac')
  })
  route('GET /api/users/{id}', async () => {
    expect((await call(outsider, { method: 'GET', url: `/api/users/${ids.user}` })).statusCode).toBe(404)
    expect((await call(insider, { method: 'GET', url: `/api/users/${ids.user}` })).statusCode).toBe(200)
  })
  route('POST /api/users', () =>
    refusedThenAllowed({ method: 'POST', url: '/api/users', payload: { username: 'moi.binhlac', displayName: 'Cán bộ mới', agencyId: ids.centre, password: 'a long enough password', roles: [{ role: 'intake_officer', scopeAgencyId: ids.centre }] } }, 201),
  )
  route('PATCH /api/users/{id}', () => refusedThenAllowed({ method: 'PATCH', url: `/api/users/${ids.user}`, payload: { displayName: 'Ngô Văn Lạc' } }, 200))
  route('PUT /api/users/{id}/roles', async () => {
    await refusedThenAllowed({ method: 'PUT', url: `/api/users/${ids.user}/roles`, payload: { roles: [{ role: 'intake_officer', scopeAgencyId: ids.centre }] } }, 200)
    // Nor can the outsider grant their own official a role over the other commune.
    const before = await snapshot()
    const grant = await call(outsider, { method: 'PUT', url: `/api/users/${ids.outsiderUser}/roles`, payload: { roles: [{ role: 'intake_officer', scopeAgencyId: ids.centre }] } })
    expect(grant.statusCode).toBe(403)
    expect(await snapshot()).toEqual(before)
  })
  route('POST /api/users/{id}/password', () => refusedThenAllowed({ method: 'POST', url: `/api/users/${ids.user}/password`, payload: { newPassword: 'another long password' } }, 204))
  route('POST /api/users/{id}/sign-in-unlock', () => refusedThenAllowed({ method: 'POST', url: `/api/users/${ids.user}/sign-in-unlock` }, 200))
  route('GET /api/roles', async () => {
    // The role catalogue is the same for everyone and holds no unit data.
    expect((await call(outsider, { method: 'GET', url: '/api/roles' })).json()).toEqual((await call(insider, { method: 'GET', url: '/api/roles' })).json())
  })

  route('GET /api/api-tokens', async () => {
    expect(((await call(outsider, { method: 'GET', url: '/api/api-tokens' })).json() as Array<{ id: string }>).map((x) => x.id)).not.toContain(ids.token)
    expect(((await call(insider, { method: 'GET', url: '/api/api-tokens' })).json() as Array<{ id: string }>).map((x) => x.id)).toContain(ids.token)
  })
  route('POST /api/api-tokens', () => refusedThenAllowed({ method: 'POST', url: '/api/api-tokens', payload: { name: 'other', agencyId: ids.centre, permissions: ['org.read'] } }, 201))
  route('DELETE /api/api-tokens/{id}', async () => {
    const refused = await call(outsider, { method: 'DELETE', url: `/api/api-tokens/${ids.token}` })
    expect(refused.statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: '/api/agencies', headers: { authorization: `Bearer ${ids.tokenSecret}` } })).statusCode).toBe(200)
    expect((await call(insider, { method: 'DELETE', url: `/api/api-tokens/${ids.token}` })).statusCode).toBe(204)
  })
  route('GET /api/audit-entries', async () => {
    const outside = (await call(outsider, { method: 'GET', url: '/api/audit-entries?limit=500' })).json() as { items: Array<{ unitId: string; agencyId: string | null }> }
    expect(outside.items.length).toBeGreaterThan(0)
    expect(outside.items.filter((e) => e.unitId === ids.unit || e.agencyId === ids.centre || e.agencyId === ids.committee)).toEqual([])
    const inside = (await call(insider, { method: 'GET', url: '/api/audit-entries?limit=500' })).json() as { items: Array<{ agencyId: string | null }> }
    expect(inside.items.some((e) => e.agencyId === ids.centre)).toBe(true)
  })

  route('GET /api/auth/me', async () => {
    expect((await call(outsider, { method: 'GET', url: '/api/auth/me' })).json().username).toBe('quantri.phulac')
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401)
  })
  route('POST /api/auth/password', async () => {
    // Only one's own password: the body names no user, and another commune's hashes stay as they were.
    const before = await snapshot()
    const response = await call(outsider, { method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'wrong', newPassword: 'whatever long enough' } })
    expect(response.json().code).toBe('auth.wrong_password')
    expect(await snapshot()).toEqual(before)
  })
  route('POST /api/auth/sign-out', async () => {
    const own = await t.signIn('chutich.phulac')
    const other = await t.signIn('chutich.binhlac')
    expect((await call(own, { method: 'POST', url: '/api/auth/sign-out' })).statusCode).toBe(204)
    expect((await call(other, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200)
  })
  route('POST /api/auth/sign-out-everywhere', async () => {
    const own = await t.signIn('chutich.phulac')
    const other = await t.signIn('chutich.binhlac')
    expect((await call(own, { method: 'POST', url: '/api/auth/sign-out-everywhere' })).statusCode).toBe(200)
    expect((await call(other, { method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200)
  })
  route('GET /api/agencies/{id}/office-hours', async () => {
    expect((await call(outsider, { method: 'GET', url: `/api/agencies/${ids.centre}/office-hours` })).statusCode).toBe(404)
    expect((await call(insider, { method: 'GET', url: `/api/agencies/${ids.centre}/office-hours` })).statusCode).toBe(200)
  })
  route('PUT /api/agencies/{id}/office-hours', () =>
    refusedThenAllowed({ method: 'PUT', url: `/api/agencies/${ids.centre}/office-hours`, payload: { weekdaySessions: [{ start: '07:00', end: '11:30' }, { start: '13:30', end: '17:00' }], saturdaySessions: [{ start: '07:30', end: '11:30' }] } }, 200),
  )
  // The working calendar is national: every official reads the same, only a province administrator changes it.
  route('GET /api/calendar/years/{year}', async () => {
    const outside = await call(outsider, { method: 'GET', url: '/api/calendar/years/2026' })
    expect(outside.statusCode).toBe(200)
    expect(outside.json()).toEqual((await call(insider, { method: 'GET', url: '/api/calendar/years/2026' })).json())
  })
  route('GET /api/calendar/years/{year}/export', async () => {
    expect((await call(outsider, { method: 'GET', url: '/api/calendar/years/2026/export' })).json().days.length).toBeGreaterThan(5)
  })
  route('PUT /api/calendar/years/{year}', async () => {
    const body = { status: 'confirmed', sources: ['Thông báo thử nghiệm'], days: [{ date: '2027-01-01', kind: 'HOLIDAY', name: 'Tết Dương lịch' }] }
    const before = await snapshot()
    for (const commune of [outsider, insider]) {
      const refused = await call(commune, { method: 'PUT', url: '/api/calendar/years/2027', payload: body })
      expect(refused.statusCode).toBe(403)
    }
    expect(await snapshot()).toEqual(before)
    const admin = await t.signIn('quantri')
    expect((await call(admin, { method: 'PUT', url: '/api/calendar/years/2027', payload: body })).statusCode).toBe(200)
  })
  // The procedure catalogue is the province's: every official reads it, only a province-level catalogue manager changes it.
  describe('procedure catalogue', () => {
    let procedureId: string
    const content = sampleContent({ nationalCode: 'S.000001', name: 'Thủ tục kiểm tra phạm vi' })
    beforeAll(async () => {
      const admin = await t.signIn('quantri')
      const created = await call(admin, { method: 'POST', url: '/api/procedures', payload: { content, effectiveFrom: '2025-07-01' } })
      procedureId = created.json().id
    })
    const refusedForCommunes = async (options: InjectOptions, allowedStatus: number) => {
      const before = await snapshotWithCatalogue()
      for (const commune of [outsider, insider]) {
        const refused = await call(commune, options)
        expect(refused.statusCode, refused.body).toBe(403)
      }
      expect(await snapshotWithCatalogue()).toEqual(before)
      expect((await t.app.inject(options)).statusCode).toBe(401)
      const allowed = await call(await t.signIn('cchc.sonoivu'), options)
      expect(allowed.statusCode, allowed.body).toBe(allowedStatus)
    }
    route('POST /api/procedures', () => refusedForCommunes({ method: 'POST', url: '/api/procedures', payload: { content: { ...content, nationalCode: 'S.000002' }, effectiveFrom: '2025-07-01' } }, 201))
    route('POST /api/procedures/{id}/versions', () => refusedForCommunes({ method: 'POST', url: `/api/procedures/${procedureId}/versions`, payload: { content, effectiveFrom: '2026-01-01' } }, 201))
    route('PUT /api/procedures/{id}/versions/{version}', () => refusedForCommunes({ method: 'PUT', url: `/api/procedures/${procedureId}/versions/1`, payload: { content, effectiveFrom: '2025-08-01' } }, 200))
    route('POST /api/procedures/{id}/versions/{version}/publish', () => refusedForCommunes({ method: 'POST', url: `/api/procedures/${procedureId}/versions/1/publish` }, 200))
    route('POST /api/procedures/{id}/versions/{version}/withdraw', () => refusedForCommunes({ method: 'POST', url: `/api/procedures/${procedureId}/versions/1/withdraw` }, 200))
    route('PUT /api/procedures/{id}/agencies', () => refusedForCommunes({ method: 'PUT', url: `/api/procedures/${procedureId}/agencies`, payload: { agencies: [{ agencyId: ids.committee, localCode: null, onlineLevel: 'full', active: true }] } }, 200))
    route('GET /api/procedures/drafts', async () => {
      // The catalogue's drafts are the province's work list: every official may see them, nobody anonymous.
      expect((await call(outsider, { method: 'GET', url: '/api/procedures/drafts' })).statusCode).toBe(200)
      expect((await t.app.inject({ method: 'GET', url: '/api/procedures/drafts' })).statusCode).toBe(401)
    })
    route('GET /api/procedures/{id}', async () => {
      expect((await call(outsider, { method: 'GET', url: `/api/procedures/${procedureId}` })).json().id).toBe(procedureId)
      expect((await t.app.inject({ method: 'GET', url: `/api/procedures/${procedureId}` })).statusCode).toBe(401)
    })
    route('GET /api/procedures/{id}/versions/{version}', async () => {
      expect((await call(outsider, { method: 'GET', url: `/api/procedures/${procedureId}/versions/1` })).json().version).toBe(1)
    })
    route('GET /api/procedures/{id}/compare', async () => {
      expect((await call(outsider, { method: 'GET', url: `/api/procedures/${procedureId}/compare?from=1&to=2` })).statusCode).toBe(200)
    })
    route('POST /api/procedures/packages', async () => {
      const pack = { format: 'cchc.procedure-package/1', effectiveFrom: '2025-07-01', procedure: { ...content, nationalCode: 'S.000003', name: 'Thủ tục nhập từ gói' } }
      await refusedForCommunes({ method: 'POST', url: '/api/procedures/packages', payload: pack }, 201)
    })
    route('POST /api/procedures/imports', async () => {
      const exported = await call(outsider, { method: 'GET', url: '/api/procedures/export.csv' })
      const options = { method: 'POST' as const, url: '/api/procedures/imports?dryRun=true', headers: { 'content-type': 'text/csv' }, payload: exported.rawPayload }
      const before = await snapshotWithCatalogue()
      for (const commune of [outsider, insider]) expect((await call(commune, options)).statusCode).toBe(403)
      expect(await snapshotWithCatalogue()).toEqual(before)
      expect((await t.app.inject(options)).statusCode).toBe(401)
      expect((await call(await t.signIn('cchc.sonoivu'), options)).statusCode).toBe(200)
    })
    route('GET /api/procedures/imports/{jobId}', async () => {
      // A job is visible only to the official who started it.
      const reform = await t.signIn('cchc.sonoivu')
      const exported = await call(outsider, { method: 'GET', url: '/api/procedures/export.csv' })
      const started = await call(reform, { method: 'POST', url: '/api/procedures/imports?async=true', headers: { 'content-type': 'text/csv' }, payload: exported.rawPayload })
      expect(started.statusCode, started.body).toBe(202)
      const jobId = started.json().jobId as string
      expect((await call(outsider, { method: 'GET', url: `/api/procedures/imports/${jobId}` })).statusCode).toBe(404)
      expect((await call(reform, { method: 'GET', url: `/api/procedures/imports/${jobId}` })).statusCode).toBe(200)
    })
    route('GET /api/procedures/export.xlsx', async () => {
      expect((await call(outsider, { method: 'GET', url: '/api/procedures/export.xlsx' })).statusCode).toBe(200)
      expect((await t.app.inject({ method: 'GET', url: '/api/procedures/export.xlsx' })).statusCode).toBe(401)
    })
    route('GET /api/procedures/export.csv', async () => {
      expect((await call(insider, { method: 'GET', url: '/api/procedures/export.csv' })).statusCode).toBe(200)
    })
    route('GET /api/procedures/{id}/package', async () => {
      expect((await call(outsider, { method: 'GET', url: `/api/procedures/${procedureId}/package?version=1` })).statusCode).toBe(200)
    })
    route('GET /api/procedures/package.schema.json', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/procedures/package.schema.json' })).json().$schema).toContain('json-schema.org')
    })
    route('GET /api/public/procedures', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/public/procedures?q=kiem%20tra%20pham%20vi' })).statusCode).toBe(200)
    })
    route('GET /api/public/procedures/suggest', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/public/procedures/suggest?q=kiem' })).statusCode).toBe(200)
    })
    route('GET /api/public/procedure-agencies', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/public/procedure-agencies' })).statusCode).toBe(200)
    })
    route('GET /api/public/procedure-fields', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/public/procedure-fields' })).statusCode).toBe(200)
    })
    route('GET /api/public/procedures/{id}', async () => {
      expect((await t.app.inject({ method: 'GET', url: `/api/public/procedures/${procedureId}` })).statusCode).toBe(404)
    })
    // Form templates (ADR 0013): only a province-level catalogue manager uploads or deletes; every official reads a draft's; the portal only a published one's.
    describe('form templates', () => {
      let draftId: string
      const templateUrl = () => `/api/procedures/${draftId}/versions/1/documents/0/template`
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 0x20), Buffer.from('\n%%EOF\n')])
      const uploadOptions = (): InjectOptions => ({
        method: 'PUT',
        url: templateUrl(),
        headers: { 'content-type': 'multipart/form-data; boundary=scope' },
        payload: Buffer.concat([Buffer.from('--scope\r\nContent-Disposition: form-data; name="file"; filename="mau.pdf"\r\nContent-Type: application/pdf\r\n\r\n'), pdf, Buffer.from('\r\n--scope--\r\n')]),
      })
      beforeAll(async () => {
        const admin = await t.signIn('quantri')
        const created = await call(admin, { method: 'POST', url: '/api/procedures', payload: { content: { ...content, nationalCode: 'S.000011', name: 'Thủ tục kiểm tra mẫu đơn' }, effectiveFrom: '2025-07-01' } })
        draftId = created.json().id
      })
      route('PUT /api/procedures/{id}/versions/{version}/documents/{document}/template', () => refusedForCommunes(uploadOptions(), 201))
      route('GET /api/procedures/{id}/versions/{version}/documents/{document}/template', async () => {
        expect((await call(outsider, { method: 'GET', url: templateUrl() })).statusCode).toBe(200)
        expect((await t.app.inject({ method: 'GET', url: templateUrl() })).statusCode).toBe(401)
      })
      route('GET /api/public/procedures/{id}/versions/{version}/documents/{document}/template', async () => {
        // A draft's template is not public.
        expect((await t.app.inject({ method: 'GET', url: templateUrl().replace('/api/', '/api/public/') })).statusCode).toBe(404)
      })
      route('DELETE /api/procedures/{id}/versions/{version}/documents/{document}/template', () => refusedForCommunes({ method: 'DELETE', url: templateUrl() }, 204))
    })
  })
  // Public routes: no unit data behind them.
  route('GET /api/public/due-date', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/public/due-date?value=3&unit=working_days&receivedAt=2026-02-13T03:00:00Z' })).json().appointment).toBe('2026-02-25T10:00:00.000Z')
  })
  route('GET /api/jobs/failed', async () => {
    // Province administrators only: a commune's administrator is refused.
    for (const commune of [outsider, insider]) expect((await call(commune, { method: 'GET', url: '/api/jobs/failed' })).statusCode).toBe(403)
    expect((await t.app.inject({ method: 'GET', url: '/api/jobs/failed' })).statusCode).toBe(401)
    expect((await call(await t.signIn('quantri'), { method: 'GET', url: '/api/jobs/failed' })).statusCode).toBe(200)
  })
  route('GET /api/health', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({ status: 'ok' })
  })
  route('POST /api/auth/sign-in', async () => {
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username: 'tiepnhan.binhlac', password: 'wrong' } })).statusCode).toBe(401)
  })
})

/**
 * A role is held over an agency and what is nested under it. An administrator of an office
 * (system_admin over Phòng Hành chính tư pháp, an office inside the province unit) manages the
 * office's subtree but nothing at unit level: no unit, no merger, no top-level agency, no agency in
 * another unit, no unit-level audit entry. Neither does a token that administrator issues. The
 * office's own management succeeds, and the province's administrator can do what is refused, so
 * no refusal passes by accident.
 */
describe('an administrator of an office manages what is nested under the office, nothing at unit level', () => {
  let admin: SessionHeaders
  let office: SessionHeaders
  let officeToken: Record<string, string>
  const own = { office: '', department: '', phuLac: '', specialist: '' }

  beforeAll(async () => {
    admin = await t.signIn('quantri')
    own.office = await t.agencyId('Phòng Hành chính tư pháp')
    own.department = await t.agencyId('Sở Tư pháp tỉnh An Thịnh')
    own.phuLac = await t.unitId('Xã Phú Lạc')
    own.specialist = await t.userId('chuyenvien.tuphap')
    const created = await call(admin, { method: 'POST', url: '/api/users', payload: { username: 'quantri.hctp', displayName: 'Quản trị Phòng Hành chính tư pháp', agencyId: own.office, password: 'a long enough password', roles: [{ role: 'system_admin', scopeAgencyId: own.office }] } })
    expect(created.statusCode, created.body).toBe(201)
    office = await t.signIn('quantri.hctp', 'a long enough password')
    const token = await call(office, { method: 'POST', url: '/api/api-tokens', payload: { name: 'hctp-sync', agencyId: own.office, permissions: ['audit.read', 'org.manage', 'org.read'] } })
    expect(token.statusCode, token.body).toBe(201)
    officeToken = { authorization: `Bearer ${token.json().secret}` }
  })

  /** The office's administrator and their token (or only `callers`) are refused with `status`, and nothing changes. */
  async function refusedForOffice(options: InjectOptions, status: number, callers: Array<Record<string, string>> = [office, officeToken]) {
    const before = await snapshot()
    for (const headers of callers) {
      const refused = await call(headers, options)
      expect(refused.statusCode, refused.body).toBe(status)
      expect(refused.headers['content-type']).toContain('application/problem+json')
    }
    expect(await snapshot()).toEqual(before)
  }

  const agencyBody = (unitId: string | undefined, parentId: string | null | undefined, name: string) => ({ unitId, parentId, name, kind: 'other', validFrom: '2026-01-01' })

  it('sees its own unit by name, and no other unit', async () => {
    for (const headers of [office, officeToken]) {
      const listed = (await call(headers, { method: 'GET', url: '/api/units' })).json() as Array<{ id: string }>
      expect(listed.map((u) => u.id)).toEqual([ids.province])
      expect((await call(headers, { method: 'GET', url: `/api/units/${ids.province}` })).statusCode).toBe(200)
      expect((await call(headers, { method: 'GET', url: `/api/units/${ids.unit}` })).statusCode).toBe(404)
      expect((await call(headers, { method: 'GET', url: `/api/units/${own.phuLac}` })).statusCode).toBe(404)
    }
    const all = (await call(admin, { method: 'GET', url: '/api/units' })).json() as Array<{ id: string }>
    expect(all.map((u) => u.id)).toEqual(expect.arrayContaining([ids.province, ids.unit, own.phuLac]))
  })

  it('cannot rename the province (403: it sees it) or a commune (404)', async () => {
    await refusedForOffice({ method: 'PATCH', url: `/api/units/${ids.province}`, payload: { name: 'Tỉnh Đổi Tên' } }, 403)
    await refusedForOffice({ method: 'PATCH', url: `/api/units/${ids.unit}`, payload: { name: 'Xã Đổi Tên' } }, 404)
    expect((await call(admin, { method: 'PATCH', url: `/api/units/${ids.province}`, payload: { name: 'Tỉnh An Thịnh' } })).statusCode).toBe(200)
    expect((await call(admin, { method: 'PATCH', url: `/api/units/${ids.unit}`, payload: { name: 'Xã Bình Lạc' } })).statusCode).toBe(200)
  })

  it('cannot create a commune or a province, nor record a merger', async () => {
    const commune = { code: '99960', name: 'Xã Thử Nghiệm', level: 'commune', kind: 'commune', parentId: ids.province, validFrom: '2026-01-01' }
    await refusedForOffice({ method: 'POST', url: '/api/units', payload: commune }, 403)
    const province = { code: '98', name: 'Tỉnh Thử Nghiệm', level: 'province', kind: 'province', parentId: null, validFrom: '2026-01-01' }
    await refusedForOffice({ method: 'POST', url: '/api/units', payload: province }, 403)
    expect((await call(admin, { method: 'POST', url: '/api/units', payload: province })).statusCode).toBe(201)
    const created = await call(admin, { method: 'POST', url: '/api/units', payload: commune })
    expect(created.statusCode, created.body).toBe(201)
    const merger = { code: '99961', name: 'Xã Sau Sáp Nhập', level: 'commune', kind: 'commune', parentId: ids.province, validFrom: '2027-01-01', predecessorIds: [created.json().id], legalBasis: 'Nghị quyết thử nghiệm' }
    await refusedForOffice({ method: 'POST', url: '/api/units', payload: merger }, 403)
    const merged = await call(admin, { method: 'POST', url: '/api/units', payload: merger })
    expect(merged.statusCode, merged.body).toBe(201)
    expect(merged.json().predecessorIds).toEqual([created.json().id])
  })

  it('cannot create an agency in another unit, nor a top-level agency anywhere', async () => {
    // Nested under the office but in a commune: that agency would stand over the commune.
    await refusedForOffice({ method: 'POST', url: '/api/agencies', payload: agencyBody(ids.unit, own.office, 'Tổ công tác xã Bình Lạc') }, 404)
    await refusedForOffice({ method: 'POST', url: '/api/agencies', payload: agencyBody(own.phuLac, own.office, 'Tổ công tác xã Phú Lạc') }, 404)
    await refusedForOffice({ method: 'POST', url: '/api/agencies', payload: agencyBody(ids.unit, ids.committee, 'Văn phòng xã Bình Lạc') }, 404)
    // Top-level agencies are unit-level, in the office's own unit too.
    await refusedForOffice({ method: 'POST', url: '/api/agencies', payload: agencyBody(ids.province, null, 'Hội đồng thử nghiệm tỉnh') }, 403)
    await refusedForOffice({ method: 'POST', url: '/api/agencies', payload: agencyBody(ids.unit, null, 'Hội đồng thử nghiệm xã') }, 404)
    // The office's parent department is outside its subtree.
    await refusedForOffice({ method: 'POST', url: '/api/agencies', payload: agencyBody(ids.province, own.department, 'Phòng thử nghiệm của Sở') }, 400)
    const nested = await call(admin, { method: 'POST', url: '/api/agencies', payload: agencyBody(ids.unit, ids.committee, 'Văn phòng xã Bình Lạc') })
    expect(nested.statusCode, nested.body).toBe(201)
  })

  it('manages agencies nested under the office, in its unit', async () => {
    const created = await call(office, { method: 'POST', url: '/api/agencies', payload: agencyBody(ids.province, own.office, 'Tổ Chứng thực') })
    expect(created.statusCode, created.body).toBe(201)
    const id = created.json().id as string
    expect((await call(office, { method: 'PATCH', url: `/api/agencies/${id}`, payload: { name: 'Tổ Chứng thực và Hộ tịch' } })).statusCode).toBe(200)
    expect((await call(office, { method: 'POST', url: `/api/agencies/${id}/identity-codes`, payload: { code: '000.03.02.H99', validFrom: '2026-01-01' } })).statusCode).toBe(201)
    const byToken = await call(officeToken, { method: 'POST', url: '/api/agencies', payload: { ...agencyBody(ids.province, id, 'Nhóm Hộ tịch') } })
    expect(byToken.statusCode, byToken.body).toBe(201)
    expect((await call(officeToken, { method: 'PATCH', url: `/api/agencies/${own.office}`, payload: { shortName: 'Phòng HCTP' } })).statusCode).toBe(200)
    await refusedForOffice({ method: 'PATCH', url: `/api/agencies/${own.department}`, payload: { shortName: 'Sở TP' } }, 404)
  })

  it("manages the office's officials, and grants roles only over its subtree", async () => {
    const created = await call(office, { method: 'POST', url: '/api/users', payload: { username: 'moi.hctp', displayName: 'Chuyên viên mới', agencyId: own.office, password: 'a long enough password', roles: [{ role: 'specialist', scopeAgencyId: own.office }] } })
    expect(created.statusCode, created.body).toBe(201)
    expect((await call(office, { method: 'PATCH', url: `/api/users/${own.specialist}`, payload: { displayName: 'Hoàng Văn Pháp' } })).statusCode).toBe(200)
    await refusedForOffice({ method: 'PUT', url: `/api/users/${created.json().id}/roles`, payload: { roles: [{ role: 'system_admin', scopeAgencyId: own.department }] } }, 403, [office])
    await refusedForOffice({ method: 'POST', url: '/api/users', payload: { username: 'moi.sotuphap', displayName: 'Cán bộ Sở', agencyId: own.department, password: 'a long enough password', roles: [] } }, 404, [office])
  })

  it('reads only audit entries about agencies inside the office, none at unit level', async () => {
    const subtree = await t.database.db.selectFrom('agencies').select('id').where('path', 'like', `${(await t.database.db.selectFrom('agencies').select('path').where('id', '=', own.office).executeTakeFirstOrThrow()).path}%`).execute()
    const inside = new Set(subtree.map((a) => a.id))
    const expected = await t.database.db.selectFrom('audit_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('agency_id', 'in', [...inside]).executeTakeFirstOrThrow()
    for (const headers of [office, officeToken]) {
      const page = (await call(headers, { method: 'GET', url: '/api/audit-entries?limit=500' })).json() as { total: number; items: Array<{ agencyId: string | null }> }
      expect(page.items.length).toBeGreaterThan(0)
      expect(page.items.filter((e) => e.agencyId === null || !inside.has(e.agencyId))).toEqual([])
      expect(page.total).toBe(Number(expected.n))
      expect((await call(headers, { method: 'GET', url: '/api/audit-entries?subjectType=admin_unit' })).json().total).toBe(0)
    }
    expect((await call(admin, { method: 'GET', url: '/api/audit-entries?subjectType=admin_unit' })).json().total).toBeGreaterThan(0)
  })

  it('changes neither the national calendar nor the catalogue', async () => {
    const before = await snapshotWithCatalogue()
    const year = { status: 'confirmed', sources: ['Thông báo thử nghiệm'], days: [{ date: '2028-01-01', kind: 'HOLIDAY', name: 'Tết Dương lịch' }] }
    expect((await call(office, { method: 'PUT', url: '/api/calendar/years/2028', payload: year })).statusCode).toBe(403)
    const content = sampleContent({ nationalCode: 'S.000009', name: 'Thủ tục của phòng' })
    expect((await call(office, { method: 'POST', url: '/api/procedures', payload: { content, effectiveFrom: '2025-07-01' } })).statusCode).toBe(403)
    expect(await snapshotWithCatalogue()).toEqual(before)
  })
})

describe('coverage', () => {
  it('covers every API route', () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> }
    const routes = Object.entries(spec.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`))
    const missing = routes.filter((key) => key.startsWith('GET /api/docs') === false && !covered.has(key))
    expect(missing).toEqual([])
    expect(routes.length).toBeGreaterThan(20)
  })
})
