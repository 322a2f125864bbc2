import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProcedureContent } from '../../../contracts/procedures.ts'
import { buildTestApp, type SessionHeaders, type TestApp } from '../../test/test-app.ts'
import { sampleContent } from './test-fixtures.ts'

let t: TestApp
let admin: SessionHeaders
beforeAll(async () => {
  t = await buildTestApp()
  admin = await t.signIn('quantri')
})
afterAll(() => t.close())

async function createPublished(content: ProcedureContent, effectiveFrom = '2025-07-01'): Promise<string> {
  const created = await t.app.inject({ method: 'POST', url: '/api/procedures', headers: admin, payload: { content, effectiveFrom } })
  expect(created.statusCode, created.body).toBe(201)
  const id = created.json().id as string
  expect((await t.app.inject({ method: 'POST', url: `/api/procedures/${id}/versions/1/publish`, headers: admin })).statusCode).toBe(200)
  return id
}

const search = async (q: string, extra = '') => (await t.app.inject({ method: 'GET', url: `/api/public/procedures?q=${encodeURIComponent(q)}${extra}` })).json() as { items: Array<{ name: string; id: string }>; total: number }

describe('catalogue', () => {
  let birthId: string
  beforeAll(async () => {
    // The template database holds the 50 demo procedures too: these carry their own fields and words.
    birthId = await createPublished(sampleContent({ nationalCode: 'T.000001', name: 'Thủ tục đăng ký khai sinh thí điểm', field: { name: 'Hộ tịch thí điểm', code: null } }))
    await createPublished(sampleContent({ nationalCode: 'T.000002', name: 'Đăng ký kết hôn thí điểm', field: { name: 'Hộ tịch thí điểm', code: null } }))
    await createPublished(sampleContent({ nationalCode: 'T.000003', name: 'Cấp giấy phép xây dựng thí điểm công trình cấp III', field: { name: 'Xây dựng thí điểm', code: null }, levels: ['province'], onlineLevel: 'partial' }))
    await createPublished(sampleContent({ nationalCode: 'T.000004', name: 'Cấp giấy chứng nhận quyền sử dụng đất thí điểm lần đầu', field: { name: 'Đất đai thí điểm', code: null }, levels: ['province'], onlineLevel: 'none' }))
  })

  it('finds procedures whatever the diacritics, case and word order', async () => {
    // The demo catalogue's own birth registration, found without diacritics.
    expect((await search('dang ky khai sinh')).items[0]!.name).toBe('Thủ tục đăng ký khai sinh')
    expect((await search('KHAI SINH dang ky thi diem')).items[0]!.name).toBe('Thủ tục đăng ký khai sinh thí điểm')
    expect((await search('cap giay phep xay dung thi diem')).items[0]!.name).toBe('Cấp giấy phép xây dựng thí điểm công trình cấp III')
    expect((await search('thi diem xay dung giay phep')).items.map((i) => i.name)).toEqual(['Cấp giấy phép xây dựng thí điểm công trình cấp III'])
    // A typo still finds the closest name.
    expect((await search('giay chung nhn quyen su dung dat thi diem')).items[0]!.name).toBe('Cấp giấy chứng nhận quyền sử dụng đất thí điểm lần đầu')
    expect((await search('dang ky thi diem')).total).toBe(2)
  })

  it('ranks the closest match first and suggests names as you type', async () => {
    const suggestions = (await t.app.inject({ method: 'GET', url: '/api/public/procedures/suggest?q=ket%20ho' })).json()
    expect(suggestions.map((s: { name: string }) => s.name)).toContain('Đăng ký kết hôn thí điểm')
  })

  it('browses by field, level and online level', async () => {
    const fields = (await t.app.inject({ method: 'GET', url: '/api/public/procedure-fields' })).json()
    expect(fields).toContainEqual({ name: 'Hộ tịch thí điểm', code: null, count: 2 })
    expect((await search('', `&field=${encodeURIComponent('Xây dựng thí điểm')}`)).items.map((i) => i.name)).toEqual(['Cấp giấy phép xây dựng thí điểm công trình cấp III'])
    expect((await search('thi diem', '&level=province')).total).toBe(2)
    expect((await search('thi diem', '&onlineLevel=none')).items.map((i) => i.name)).toEqual(['Cấp giấy chứng nhận quyền sử dụng đất thí điểm lần đầu'])
  })

  it('edits a published procedure as a new version that takes effect on its date; the old one stays in force until then', async () => {
    const changed = sampleContent({ nationalCode: 'T.000001', name: 'Thủ tục đăng ký khai sinh thí điểm', field: { name: 'Hộ tịch thí điểm', code: null }, timeLimit: { value: 1, unit: 'working_days', cutoff: null, note: null } })
    const draft = await t.app.inject({ method: 'POST', url: `/api/procedures/${birthId}/versions`, headers: admin, payload: { content: changed, effectiveFrom: '2026-06-01' } })
    expect(draft.statusCode, draft.body).toBe(201)
    expect(draft.json()).toMatchObject({ version: 2, status: 'draft' })
    const drafts = (await t.app.inject({ method: 'GET', url: '/api/procedures/drafts', headers: admin })).json()
    expect(drafts[0]).toMatchObject({ procedureId: birthId, version: 2, effectiveFrom: '2026-06-01' })
    // A draft is invisible on the portal.
    expect((await t.app.inject({ method: 'GET', url: `/api/public/procedures/${birthId}` })).json().current.version).toBe(1)
    expect((await t.app.inject({ method: 'POST', url: `/api/procedures/${birthId}/versions/2/publish`, headers: admin })).statusCode).toBe(200)
    // Published, but effective only from 1/6/2026: today (2/3/2026) version 1 is still in force.
    expect((await t.app.inject({ method: 'GET', url: `/api/public/procedures/${birthId}` })).json().current.version).toBe(1)
    const later = (await t.app.inject({ method: 'GET', url: `/api/procedures/${birthId}?on=2026-06-01`, headers: admin })).json()
    expect(later.current.version).toBe(2)
    expect(later.versions.map((v: { version: number }) => v.version)).toEqual([2, 1])
    const diff = (await t.app.inject({ method: 'GET', url: `/api/procedures/${birthId}/compare?from=1&to=2`, headers: admin })).json()
    expect(diff).toEqual([
      { path: '/timeLimit/value', before: 0, after: 1 },
      { path: '/timeLimit/cutoff', before: '15:00', after: null },
    ])
    // A published version is never edited in place.
    const edit = await t.app.inject({ method: 'PUT', url: `/api/procedures/${birthId}/versions/1`, headers: admin, payload: { content: changed, effectiveFrom: '2025-07-01' } })
    expect(edit.json().code).toBe('procedure.version_not_draft')
  })

  it('unpublishes: a withdrawn version leaves the portal', async () => {
    const id = await createPublished(sampleContent({ nationalCode: 'T.000009', name: 'Thủ tục tạm thời để rút' }))
    expect((await search('tam thoi de rut')).total).toBe(1)
    expect((await t.app.inject({ method: 'POST', url: `/api/procedures/${id}/versions/1/withdraw`, headers: admin })).statusCode).toBe(200)
    expect((await search('tam thoi de rut')).total).toBe(0)
    expect((await t.app.inject({ method: 'GET', url: `/api/public/procedures/${id}` })).statusCode).toBe(404)
  })

  it('refuses inconsistent content with every field named, and duplicate codes', async () => {
    const bad = sampleContent({ nationalCode: 'T.000010', timeLimit: { value: 1, unit: 'working_days', cutoff: null, note: null }, workflow: [{ name: 'Dài', role: 'specialist', agencyKind: null, budgetHours: 40, interlinked: false }] })
    const response = await t.app.inject({ method: 'POST', url: '/api/procedures', headers: admin, payload: { content: bad, effectiveFrom: '2026-01-01' } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'procedure.invalid', errors: [{ field: '/body/content/workflow' }] })
    const negative = await t.app.inject({ method: 'POST', url: '/api/procedures', headers: admin, payload: { content: { ...bad, timeLimit: { value: -2, unit: 'working_days', cutoff: null, note: null } }, effectiveFrom: '2026-01-01' } })
    expect(negative.json().code).toBe('request.invalid')
    const duplicate = await t.app.inject({ method: 'POST', url: '/api/procedures', headers: admin, payload: { content: sampleContent({ nationalCode: 'T.000001' }), effectiveFrom: '2026-01-01' } })
    expect(duplicate.json().code).toBe('procedure.code_taken')
  })

  it('lets only a province-level catalogue manager change the catalogue, and audits each change', async () => {
    const commune = await t.signIn('quantri.binhlac')
    const refused = await t.app.inject({ method: 'POST', url: '/api/procedures', headers: commune, payload: { content: sampleContent({ nationalCode: 'T.000011' }), effectiveFrom: '2026-01-01' } })
    expect(refused.statusCode).toBe(403)
    const reform = await t.signIn('cchc.sonoivu')
    const allowed = await t.app.inject({ method: 'POST', url: '/api/procedures', headers: reform, payload: { content: sampleContent({ nationalCode: 'T.000011', name: 'Thủ tục của cán bộ CCHC' }), effectiveFrom: '2026-01-01' } })
    expect(allowed.statusCode).toBe(201)
    const actions = (await t.database.db.selectFrom('audit_entries').select('action').where('subject_id', '=', birthId).execute()).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['procedure.created', 'procedure.published', 'procedure.version_created']))
  })

  it('configures which agencies implement a procedure and filters the portal by agency', async () => {
    const agencyId = await t.agencyId('Ủy ban nhân dân xã Bình Lạc')
    const set = await t.app.inject({ method: 'PUT', url: `/api/procedures/${birthId}/agencies`, headers: admin, payload: { agencies: [{ agencyId, localCode: 'T.000001.000.00.41.H99', onlineLevel: 'full', active: true }] } })
    expect(set.statusCode, set.body).toBe(200)
    expect((await search('thi diem', `&agencyId=${agencyId}`)).items.map((i) => i.id)).toEqual([birthId])
    const agencies = (await t.app.inject({ method: 'GET', url: '/api/public/procedure-agencies' })).json() as Array<{ id: string; name: string; count: number }>
    // The demo links 30 commune procedures to each commune's committee; this test added one more.
    expect(agencies.find((a) => a.id === agencyId)).toMatchObject({ name: 'Ủy ban nhân dân xã Bình Lạc', count: 31 })
    expect((await t.app.inject({ method: 'GET', url: `/api/public/procedures/${birthId}` })).json().agencies[0]).toMatchObject({ agencyName: 'Ủy ban nhân dân xã Bình Lạc', localCode: 'T.000001.000.00.41.H99' })
  })
})
