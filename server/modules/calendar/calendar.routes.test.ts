import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type SessionHeaders, type TestApp } from '../../test/test-app.ts'

let t: TestApp
let admin: SessionHeaders
beforeAll(async () => {
  t = await buildTestApp()
  admin = await t.signIn('quantri')
})
afterAll(() => t.close())

const dueDate = (query: string) => t.app.inject({ method: 'GET', url: `/api/public/due-date?${query}` })

describe('working calendar API', () => {
  it('ships 2020–2026 confirmed with their sources, and suggests later years', async () => {
    const y2026 = (await t.app.inject({ method: 'GET', url: '/api/calendar/years/2026', headers: admin })).json()
    expect(y2026).toMatchObject({ year: 2026, status: 'confirmed', stored: true })
    expect(y2026.sources.join(' ')).toContain('12729/VPCP-KGVX')
    expect(y2026.days).toContainEqual({ date: '2026-01-10', kind: 'SWAPPED_WORKDAY', name: expect.any(String) })
    const y2028 = (await t.app.inject({ method: 'GET', url: '/api/calendar/years/2028', headers: admin })).json()
    expect(y2028).toMatchObject({ year: 2028, status: 'suggested', stored: false })
    expect(y2028.days).toEqual(y2028.suggestions)
  })

  it('answers the portal: submitted now, due on …, and says when the year is not confirmed', async () => {
    const tet = (await dueDate('value=3&unit=working_days&receivedAt=2026-02-13T03:00:00Z')).json()
    expect(tet).toMatchObject({ appointment: '2026-02-25T10:00:00.000Z', provisional: false })
    const late = (await dueDate('value=10&unit=working_days&receivedAt=2026-12-28T02:00:00Z')).json()
    expect(late.provisional).toBe(true)
    expect(late.unconfirmedYears).toEqual([2027])
    // Without receivedAt: now, from the server's clock (pinned in tests to Monday 2/3/2026 09:00).
    expect((await dueDate('value=1&unit=working_days')).json().appointment).toBe('2026-03-03T10:00:00.000Z')
  })

  it('recomputes deadlines as soon as an administrator records an announcement, and audits it', async () => {
    const before = (await dueDate('value=1&unit=working_days&receivedAt=2027-01-04T02:00:00Z')).json()
    expect(before.appointment).toBe('2027-01-05T10:00:00.000Z')
    const saved = await t.app.inject({
      method: 'PUT',
      url: '/api/calendar/years/2027',
      headers: admin,
      payload: { status: 'confirmed', sources: ['Công văn (thử nghiệm) về lịch nghỉ năm 2027'], days: [{ date: '2027-01-01', kind: 'HOLIDAY', name: 'Tết Dương lịch' }, { date: '2027-01-05', kind: 'EXTRA_OFF', name: 'Nghỉ thêm (thử nghiệm)' }] },
    })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json()).toMatchObject({ status: 'confirmed', stored: true })
    const after = (await dueDate('value=1&unit=working_days&receivedAt=2027-01-04T02:00:00Z')).json()
    expect(after.appointment).toBe('2027-01-06T10:00:00.000Z')
    expect(after.provisional).toBe(false)
    const entry = await t.database.db.selectFrom('audit_entries').select(['changes', 'actor_name']).where('action', '=', 'calendar.year_saved').executeTakeFirstOrThrow()
    expect(entry.actor_name).toBe('Nguyễn Văn Quản')
    expect(JSON.stringify(entry.changes)).toContain('2027-01-05 EXTRA_OFF')
  })

  it('never saves a contradictory year, and names every bad field', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/calendar/years/2026', headers: admin })).json()
    const response = await t.app.inject({
      method: 'PUT',
      url: '/api/calendar/years/2026',
      headers: admin,
      payload: { status: 'confirmed', sources: [], days: [{ date: '2026-01-01', kind: 'HOLIDAY', name: 'Tết' }, { date: '2026-01-01', kind: 'SWAPPED_WORKDAY', name: 'x' }, { date: '2026-01-03', kind: 'HOLIDAY', name: 'Thứ Bảy' }] },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('calendar.invalid_year')
    const fields = response.json().errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['/body/sources', '/body/days/1/date', '/body/days/2/kind']))
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/years/2026', headers: admin })).json()).toEqual(before)
  })

  it('round-trips a year through export and import', async () => {
    const exported = await t.app.inject({ method: 'GET', url: '/api/calendar/years/2025/export', headers: admin })
    expect(exported.headers['content-disposition']).toContain('lich-lam-viec-2025.json')
    const file = exported.json()
    const imported = await t.app.inject({ method: 'PUT', url: '/api/calendar/years/2025', headers: admin, payload: file })
    expect(imported.statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/years/2025/export', headers: admin })).json()).toEqual(file)
    const wrongYear = await t.app.inject({ method: 'PUT', url: '/api/calendar/years/2024', headers: admin, payload: file })
    expect(wrongYear.json().code).toBe('calendar.invalid_year')
  })

  it('uses the office hours of the agency', async () => {
    const agencyId = await t.agencyId('Trung tâm Phục vụ hành chính công tỉnh An Thịnh')
    const set = await t.app.inject({ method: 'PUT', url: `/api/agencies/${agencyId}/office-hours`, headers: admin, payload: { weekdaySessions: [{ start: '07:00', end: '11:00' }, { start: '13:00', end: '16:30' }], saturdaySessions: [{ start: '07:30', end: '11:30' }] } })
    expect(set.statusCode, set.body).toBe(200)
    const result = (await dueDate(`value=1&unit=working_days&receivedAt=2026-03-02T02:00:00Z&agencyId=${agencyId}`)).json()
    expect(result.appointment).toBe('2026-03-03T09:30:00.000Z')
    const overlapping = await t.app.inject({ method: 'PUT', url: `/api/agencies/${agencyId}/office-hours`, headers: admin, payload: { weekdaySessions: [{ start: '07:00', end: '12:00' }, { start: '11:00', end: '16:30' }], saturdaySessions: [] } })
    expect(overlapping.json().code).toBe('calendar.invalid_office_hours')
  })

  it.each([
    ['value=3&unit=weeks', 'request.invalid'],
    ['value=-1&unit=working_days', 'request.invalid'],
    ['value=1500&unit=working_days', 'calendar.invalid_input'],
    ['value=1.3&unit=working_days', 'calendar.invalid_input'],
    ['value=1&unit=working_days&receivedAt=1899-12-31T00:00:00Z', 'calendar.invalid_input'],
    ['value=60&unit=working_days&receivedAt=2100-12-01T00:00:00Z', 'calendar.invalid_input'],
    ['value=1&unit=working_days&cutoff=25:00', 'request.invalid'],
  ])('answers %s with %s', async (query, code) => {
    const response = await dueDate(query)
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe(code)
    expect(response.json().errors[0].field).toMatch(/^\/querystring/)
  })
})
