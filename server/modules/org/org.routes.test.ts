import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type SessionHeaders, type TestApp } from '../../test/test-app.ts'

let t: TestApp
let admin: SessionHeaders
beforeAll(async () => {
  t = await buildTestApp()
  admin = await t.signIn('quantri')
})
afterAll(() => t.close())

const get = (url: string, headers: SessionHeaders = admin) => t.app.inject({ method: 'GET', url, headers })

describe('administrative units as dated data', () => {
  it('shows the district and its communes before 1/7/2025 and the merged communes after', async () => {
    const before = (await get('/api/units?validOn=2025-06-30')).json() as Array<{ name: string }>
    const after = (await get('/api/units?validOn=2025-07-01')).json() as Array<{ name: string }>
    expect(before.map((u) => u.name)).toEqual(expect.arrayContaining(['Huyện Bình Lạc', 'Xã Tân Hòa', 'Thị trấn Bình Lạc']))
    expect(before.map((u) => u.name)).not.toContain('Xã Phú Lạc')
    expect(after.map((u) => u.name).sort()).toEqual(['Tỉnh An Thịnh', 'Xã Bình Lạc', 'Xã Phú Lạc'].sort())
  })

  it('links merged communes to their predecessors both ways', async () => {
    const phuLac = (await get(`/api/units/${await t.unitId('Xã Phú Lạc')}`)).json()
    const predecessors = await Promise.all(['Xã Bình Minh', 'Xã Phú An', 'Xã Lạc Sơn'].map((name) => t.unitId(name)))
    expect(phuLac.predecessorIds.sort()).toEqual(predecessors.sort())
    const phuAn = (await get(`/api/units/${predecessors[1]}`)).json()
    expect(phuAn.successorIds).toEqual([phuLac.id])
  })

  it('merges units: the new unit starts, its predecessors close the day before, all audited', async () => {
    const province = await t.unitId('Tỉnh An Thịnh')
    const binhLac = await t.unitId('Xã Bình Lạc')
    const phuLac = await t.unitId('Xã Phú Lạc')
    const created = await t.app.inject({ method: 'POST', url: '/api/units', headers: admin, payload: { code: '99930', name: 'Xã Bình Phú Lạc', level: 'commune', kind: 'commune', parentId: province, validFrom: '2027-01-01', predecessorIds: [binhLac, phuLac], legalBasis: 'Nghị quyết thử nghiệm' } })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json().predecessorIds.sort()).toEqual([binhLac, phuLac].sort())
    expect((await get(`/api/units/${binhLac}`)).json().validTo).toBe('2026-12-31')
    const closed = await t.database.db.selectFrom('audit_entries').select('subject_id').where('action', '=', 'unit.closed').execute()
    expect(closed.map((e) => e.subject_id).sort()).toEqual([binhLac, phuLac].sort())
    const committee = (await get(`/api/agencies/${await t.agencyId('Ủy ban nhân dân xã Bình Lạc')}`)).json()
    expect(committee.validTo).toBe('2026-12-31')
    expect(committee.identityCodes[0].validTo).toBe('2026-12-31')
    // The unit code cannot be reused while the new unit is valid.
    const again = await t.app.inject({ method: 'POST', url: '/api/units', headers: admin, payload: { code: '99930', name: 'Trùng mã', level: 'commune', kind: 'commune', parentId: province, validFrom: '2027-06-01' } })
    expect(again.json().code).toBe('unit.code_taken')
  })

  it('refuses a commune under a commune and a unit outliving its parent', async () => {
    const commune = await t.unitId('Xã Phú Lạc')
    const district = await t.unitId('Huyện Bình Lạc')
    const underCommune = await t.app.inject({ method: 'POST', url: '/api/units', headers: admin, payload: { code: '99940', name: 'Xã Con', level: 'commune', kind: 'commune', parentId: commune, validFrom: '2026-01-01' } })
    expect(underCommune.json().code).toBe('unit.invalid_parent')
    const outlives = await t.app.inject({ method: 'POST', url: '/api/units', headers: admin, payload: { code: '99941', name: 'Xã Muộn', level: 'commune', kind: 'commune', parentId: district, validFrom: '2024-01-01' } })
    expect(outlives.json().code).toBe('unit.invalid_period')
  })
})

describe('agencies and identity codes', () => {
  it('keeps the history of identity codes: a new code closes the previous one', async () => {
    const id = await t.agencyId('Sở Xây dựng tỉnh An Thịnh')
    const assigned = await t.app.inject({ method: 'POST', url: `/api/agencies/${id}/identity-codes`, headers: admin, payload: { code: '000.00.13.H99', validFrom: '2025-07-01', legalBasis: 'Quyết định cấp mã định danh (thử nghiệm)' } })
    expect(assigned.statusCode, assigned.body).toBe(201)
    const detail = assigned.json()
    expect(detail.identityCode).toBe('000.00.13.H99')
    expect(detail.identityCodes).toEqual([
      { code: '000.00.13.H99', validFrom: '2025-07-01', validTo: null, legalBasis: 'Quyết định cấp mã định danh (thử nghiệm)' },
      { code: '000.00.03.H99', validFrom: '2008-08-01', validTo: '2025-06-30', legalBasis: null },
    ])
    // Backdating before the current code is refused, and a code held by another agency too.
    const backdated = await t.app.inject({ method: 'POST', url: `/api/agencies/${id}/identity-codes`, headers: admin, payload: { code: '000.00.14.H99', validFrom: '2025-01-01' } })
    expect(backdated.json().code).toBe('agency.invalid_period')
    const taken = await t.app.inject({ method: 'POST', url: `/api/agencies/${id}/identity-codes`, headers: admin, payload: { code: '000.00.01.H99', validFrom: '2026-01-01' } })
    expect(taken.json().code).toBe('agency.code_taken')
  })

  it('nests a new agency under its parent and lists it only for officials whose scope covers it', async () => {
    const parentId = await t.agencyId('Ủy ban nhân dân xã Phú Lạc')
    const unitId = await t.unitId('Xã Phú Lạc')
    // Phú Lạc was merged away from 1/1/2027 by an earlier test: an agency cannot outlive its unit.
    const outlives = await t.app.inject({ method: 'POST', url: '/api/agencies', headers: admin, payload: { unitId, parentId, name: 'Công an xã Phú Lạc', kind: 'other', validFrom: '2025-07-01' } })
    expect(outlives.json().code).toBe('agency.invalid_period')
    const created = await t.app.inject({ method: 'POST', url: '/api/agencies', headers: admin, payload: { unitId, parentId, name: 'Công an xã Phú Lạc', kind: 'other', identityCode: '000.02.42.H99', validFrom: '2025-07-01', validTo: '2026-12-31' } })
    expect(created.statusCode, created.body).toBe(201)
    const leader = await t.signIn('chutich.phulac')
    const seen = (await get('/api/agencies', leader)).json() as Array<{ name: string }>
    expect(seen.map((a) => a.name)).toContain('Công an xã Phú Lạc')
    const other = await t.signIn('chutich.binhlac')
    expect(((await get('/api/agencies', other)).json() as Array<{ name: string }>).map((a) => a.name)).not.toContain('Công an xã Phú Lạc')
  })
})

describe('unit-level rights need a grant over the unit\'s governing agency', () => {
  it("shows an office's staff their own unit, not the units below it", async () => {
    const specialist = await t.signIn('chuyenvien.tuphap')
    const units = (await get('/api/units', specialist)).json() as Array<{ name: string }>
    expect(units.map((u) => u.name)).toEqual(['Tỉnh An Thịnh'])
    expect((await get(`/api/units/${await t.unitId('Xã Tân Hòa')}`, specialist)).statusCode).toBe(404)
  })

  it('gives a grant over a committee whose parent lies in another unit its unit and the units below', async () => {
    // UBND huyện Bình Lạc nests under UBND tỉnh but governs the district, and so its communes.
    const district = await t.signIn('noivu.huyen')
    const units = (await get('/api/units', district)).json() as Array<{ name: string }>
    expect(units.map((u) => u.name).sort()).toEqual(['Huyện Bình Lạc', 'Thị trấn Bình Lạc', 'Xã Bình Minh', 'Xã Lạc Sơn', 'Xã Phú An', 'Xã Tân Hòa'].sort())
    const entries = (await get('/api/audit-entries?subjectType=admin_unit&limit=500', district)).json() as { items: Array<{ subjectId: string }> }
    expect(entries.items.map((e) => e.subjectId)).toContain(await t.unitId('Xã Tân Hòa'))
    expect(entries.items.map((e) => e.subjectId)).not.toContain(await t.unitId('Tỉnh An Thịnh'))
  })

  it('hangs an agency of a lower unit only under the governing agency of a unit above', async () => {
    // Bình Lạc was merged away from 1/1/2027 by an earlier test, hence the end dates.
    const unitId = await t.unitId('Xã Bình Lạc')
    const office = await t.agencyId('Phòng Hành chính tư pháp')
    // Under an office it would govern the commune from inside the office's subtree.
    const underOffice = await t.app.inject({ method: 'POST', url: '/api/agencies', headers: admin, payload: { unitId, parentId: office, name: 'Tổ tư pháp xã Bình Lạc', kind: 'other', validFrom: '2026-01-01', validTo: '2026-12-31' } })
    expect(underOffice.statusCode, underOffice.body).toBe(400)
    expect(underOffice.json().code).toBe('agency.invalid_parent')
    const underCommittee = await t.app.inject({ method: 'POST', url: '/api/agencies', headers: admin, payload: { unitId, parentId: await t.agencyId('Ủy ban nhân dân tỉnh An Thịnh'), name: 'Tổ tư pháp xã Bình Lạc', kind: 'other', validFrom: '2026-01-01', validTo: '2026-12-31' } })
    expect(underCommittee.statusCode, underCommittee.body).toBe(201)
  })

  it('lets only the manager of a top-level agency add a top-level agency, not a commune committee', async () => {
    const commune = await t.signIn('quantri.binhlac')
    const payload = { unitId: await t.unitId('Xã Bình Lạc'), parentId: null, name: 'Cơ quan không cấp trên', kind: 'other', validFrom: '2026-01-01', validTo: '2026-12-31' }
    const refused = await t.app.inject({ method: 'POST', url: '/api/agencies', headers: commune, payload })
    expect(refused.json().code).toBe('auth.forbidden')
    // The same body from the province's administrator shows the refusal is about scope.
    expect((await t.app.inject({ method: 'POST', url: '/api/agencies', headers: admin, payload })).statusCode).toBe(201)
  })
})

describe('officials and roles', () => {
  it('creates an official who can sign in with the roles given, then disables them', async () => {
    const agencyId = await t.agencyId('Sở Tư pháp tỉnh An Thịnh')
    const created = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'moi.tuphap', displayName: 'Chuyên viên Mới', agencyId, password: 'mật khẩu đủ dài', roles: [{ role: 'specialist', scopeAgencyId: agencyId }] } })
    expect(created.statusCode, created.body).toBe(201)
    const session = await t.signIn('moi.tuphap', 'mật khẩu đủ dài')
    expect((await get('/api/auth/me', session)).json().permissions).toEqual(['org.read'])
    const disabled = await t.app.inject({ method: 'PATCH', url: `/api/users/${created.json().id}`, headers: admin, payload: { status: 'disabled' } })
    expect(disabled.json().status).toBe('disabled')
    expect((await get('/api/auth/me', session)).statusCode).toBe(401)
  })

  it('does not let an administrator change their own roles or status', async () => {
    const self = await t.userId('quantri')
    expect((await t.app.inject({ method: 'PUT', url: `/api/users/${self}/roles`, headers: admin, payload: { roles: [] } })).json().code).toBe('user.cannot_change_self')
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${self}`, headers: admin, payload: { status: 'disabled' } })).json().code).toBe('user.cannot_change_self')
  })

  it('lets a head of department read but not change officials', async () => {
    const head = await t.signIn('truongphong.tuphap')
    const list = (await get('/api/users', head)).json()
    expect(list.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['chuyenvien.tuphap', 'truongphong.tuphap']))
    const specialist = await t.userId('chuyenvien.tuphap')
    const change = await t.app.inject({ method: 'PATCH', url: `/api/users/${specialist}`, headers: head, payload: { displayName: 'X' } })
    expect(change.statusCode).toBe(403)
    expect(change.json().code).toBe('auth.forbidden')
  })

  it('searches officials by name, case-insensitively and literally', async () => {
    const found = (await get('/api/users?q=VĂN%20PHÁP')).json()
    expect(found.items.map((u: { username: string }) => u.username)).toEqual(['chuyenvien.tuphap'])
    expect((await get('/api/users?q=%25')).json().total).toBe(0)
  })
})
