/**
 * Safe concurrent writes (ADR 0011): row versions with If-Match, transitions conditional on the
 * state they leave, constraint violations mapped to domain codes, the identity-code rule as a
 * database constraint. The races run only on a PostgreSQL server: PGlite has one connection and
 * serialises every transaction, so it can never show one. The rest runs on both.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { toAppError } from '../platform/http/problem.ts'
import { sampleContent } from '../modules/procedures/test-fixtures.ts'
import { buildTestApp, TEST_PASSWORD, type SessionHeaders, type TestApp } from './test-app.ts'

const postgres = inject('postgresTemplate') !== null

let t: TestApp
let admin: SessionHeaders
beforeAll(async () => {
  t = await buildTestApp()
  admin = await t.signIn('quantri')
})
afterAll(() => t.close())

let codeCounter = 0
async function createDraft(): Promise<string> {
  codeCounter += 1
  const nationalCode = `C.${String(codeCounter).padStart(6, '0')}`
  const created = await t.app.inject({ method: 'POST', url: '/api/procedures', headers: admin, payload: { content: sampleContent({ nationalCode, name: `Thủ tục đồng thời ${codeCounter}` }), effectiveFrom: '2026-01-01' } })
  expect(created.statusCode, created.body).toBe(201)
  return created.json().id as string
}

async function auditCount(action: string, subjectId: string): Promise<number> {
  const row = await t.database.db.selectFrom('audit_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('action', '=', action).where('subject_id', '=', subjectId).executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Domain events (outbox) recorded for a procedure: one per committed transition, none for a refused one. */
async function eventCount(type: string, procedureId: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from domain_events where type = ${type} and payload->>'procedureId' = ${procedureId}`.execute(t.database.db)
  return Number(rows[0]!.n)
}

describe('optimistic concurrency with If-Match', () => {
  it('answers a stale agency edit with 409 request.stale and the current version, writing nothing; the current version succeeds with a new ETag', async () => {
    const id = await t.agencyId('Sở Xây dựng tỉnh An Thịnh')
    const read = await t.app.inject({ method: 'GET', url: `/api/agencies/${id}`, headers: admin })
    const version = read.json().rowVersion as number
    expect(read.headers.etag).toBe(`"${version}"`)

    const first = await t.app.inject({ method: 'PATCH', url: `/api/agencies/${id}`, headers: { ...admin, 'if-match': `"${version}"` }, payload: { shortName: 'SXD 1' } })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json().rowVersion).toBe(version + 1)
    expect(first.headers.etag).toBe(`"${version + 1}"`)

    // A second form still holding the version it read.
    const audits = await auditCount('agency.updated', id)
    const stale = await t.app.inject({ method: 'PATCH', url: `/api/agencies/${id}`, headers: { ...admin, 'if-match': `"${version}"` }, payload: { shortName: 'SXD 2' } })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ code: 'request.stale', currentVersion: version + 1 })
    expect(stale.headers.etag).toBe(`"${version + 1}"`)
    const after = (await t.app.inject({ method: 'GET', url: `/api/agencies/${id}`, headers: admin })).json()
    expect(after).toMatchObject({ shortName: 'SXD 1', rowVersion: version + 1 })
    expect(await auditCount('agency.updated', id)).toBe(audits)

    const retried = await t.app.inject({ method: 'PATCH', url: `/api/agencies/${id}`, headers: { ...admin, 'if-match': stale.headers.etag as string }, payload: { shortName: 'SXD 2' } })
    expect(retried.statusCode, retried.body).toBe(200)
    expect(retried.headers.etag).toBe(`"${version + 2}"`)
  })

  it('refuses a malformed or weak If-Match with 400 naming the header', async () => {
    const id = await t.agencyId('Sở Xây dựng tỉnh An Thịnh')
    for (const value of ['3', 'W/"3"', '"3", "4"', '"x"']) {
      const response = await t.app.inject({ method: 'PATCH', url: `/api/agencies/${id}`, headers: { ...admin, 'if-match': value }, payload: { shortName: 'x' } })
      expect(response.statusCode, value).toBe(400)
      expect(response.json().errors[0].field).toBe('/headers/if-match')
    }
  })

  it('versions units and users the same way', async () => {
    const unitId = await t.unitId('Xã Bình Lạc')
    const unit = await t.app.inject({ method: 'GET', url: `/api/units/${unitId}`, headers: admin })
    const unitVersion = unit.json().rowVersion as number
    expect((await t.app.inject({ method: 'PATCH', url: `/api/units/${unitId}`, headers: { ...admin, 'if-match': `"${unitVersion + 5}"` }, payload: { name: 'Xã Bình Lạc mới' } })).json()).toMatchObject({ code: 'request.stale', currentVersion: unitVersion })
    const savedUnit = await t.app.inject({ method: 'PATCH', url: `/api/units/${unitId}`, headers: { ...admin, 'if-match': `"${unitVersion}"` }, payload: { name: 'Xã Bình Lạc' } })
    expect(savedUnit.statusCode, savedUnit.body).toBe(200)
    expect(savedUnit.headers.etag).toBe(`"${unitVersion + 1}"`)

    const userId = await t.userId('chuyenvien.tuphap')
    const user = await t.app.inject({ method: 'GET', url: `/api/users/${userId}`, headers: admin })
    const userVersion = user.json().rowVersion as number
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${userId}`, headers: { ...admin, 'if-match': `"${userVersion + 1}"` }, payload: { displayName: 'Tên khác' } })).statusCode).toBe(409)
    const savedUser = await t.app.inject({ method: 'PATCH', url: `/api/users/${userId}`, headers: { ...admin, 'if-match': `"${userVersion}"` }, payload: { displayName: 'Chuyên viên Tư pháp' } })
    expect(savedUser.statusCode, savedUser.body).toBe(200)
    expect(savedUser.json().rowVersion).toBe(userVersion + 1)

    // Roles are part of the official's record: a stale role change writes nothing.
    const rolesBefore = savedUser.json().roles
    const staleRoles = await t.app.inject({ method: 'PUT', url: `/api/users/${userId}/roles`, headers: { ...admin, 'if-match': `"${userVersion}"` }, payload: { roles: [] } })
    expect(staleRoles.statusCode).toBe(409)
    expect(staleRoles.json()).toMatchObject({ code: 'request.stale', currentVersion: userVersion + 1 })
    expect((await t.app.inject({ method: 'GET', url: `/api/users/${userId}`, headers: admin })).json().roles).toEqual(rolesBefore)
    const roles = await t.app.inject({ method: 'PUT', url: `/api/users/${userId}/roles`, headers: { ...admin, 'if-match': `"${userVersion + 1}"` }, payload: { roles: rolesBefore } })
    expect(roles.statusCode, roles.body).toBe(200)
    expect(roles.headers.etag).toBe(`"${userVersion + 2}"`)
  })

  it('refuses a stale draft edit and lets the current one through', async () => {
    const id = await createDraft()
    const read = await t.app.inject({ method: 'GET', url: `/api/procedures/${id}/versions/1`, headers: admin })
    expect(read.headers.etag).toBe('"1"')
    const content = read.json().content
    const saved = await t.app.inject({ method: 'PUT', url: `/api/procedures/${id}/versions/1`, headers: { ...admin, 'if-match': '"1"' }, payload: { content: { ...content, conditions: 'Lần sửa thứ nhất' }, effectiveFrom: '2026-01-01' } })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.headers.etag).toBe('"2"')
    const stale = await t.app.inject({ method: 'PUT', url: `/api/procedures/${id}/versions/1`, headers: { ...admin, 'if-match': '"1"' }, payload: { content: { ...content, conditions: 'Lần sửa thứ hai' }, effectiveFrom: '2026-01-01' } })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ code: 'request.stale', currentVersion: 2 })
    const current = (await t.app.inject({ method: 'GET', url: `/api/procedures/${id}/versions/1`, headers: admin })).json()
    expect(current.content.conditions).toBe('Lần sửa thứ nhất')
    expect(await auditCount('procedure.draft_updated', id)).toBe(1)
  })
})

describe('state transitions conditional on the state they leave', () => {
  it('publishes a version once: a second publish answers 409 procedure.version_state with the current state', async () => {
    const id = await createDraft()
    expect((await t.app.inject({ method: 'POST', url: `/api/procedures/${id}/versions/1/publish`, headers: admin })).statusCode).toBe(200)
    const again = await t.app.inject({ method: 'POST', url: `/api/procedures/${id}/versions/1/publish`, headers: admin })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'procedure.version_state', currentState: 'published' })
    expect(await auditCount('procedure.published', id)).toBe(1)
    expect(await eventCount('procedure.version.published', id)).toBe(1)
  })

  it.skipIf(!postgres)('lets exactly one of 20 parallel publishes of one version succeed, with exactly one audit entry and one event', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await createDraft()
      const answers = await Promise.all(Array.from({ length: 20 }, () => t.app.inject({ method: 'POST', url: `/api/procedures/${id}/versions/1/publish`, headers: admin })))
      const statuses = answers.map((a) => a.statusCode)
      expect(statuses.filter((s) => s === 200), statuses.join(',')).toHaveLength(1)
      expect(statuses.filter((s) => s === 409)).toHaveLength(19)
      expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'procedure.version_state')).toBe(true)
      expect(await auditCount('procedure.published', id)).toBe(1)
      expect(await eventCount('procedure.version.published', id)).toBe(1)
    }
  })

  it.skipIf(!postgres)('lets exactly one of 10 parallel edits made from one version win', async () => {
    const id = await t.agencyId('Sở Tư pháp tỉnh An Thịnh')
    const version = (await t.app.inject({ method: 'GET', url: `/api/agencies/${id}`, headers: admin })).json().rowVersion as number
    const before = await auditCount('agency.updated', id)
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => t.app.inject({ method: 'PATCH', url: `/api/agencies/${id}`, headers: { ...admin, 'if-match': `"${version}"` }, payload: { shortName: `STP ${i}` } })))
    const statuses = answers.map((a) => a.statusCode)
    expect(statuses.filter((s) => s === 200), statuses.join(',')).toHaveLength(1)
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().code === 'request.stale' && a.json().currentVersion === version + 1)).toBe(true)
    expect(await auditCount('agency.updated', id)).toBe(before + 1)
  })
})

describe('constraint violations mapped to domain codes', () => {
  it('maps a unique violation raised by the database to its domain code, and leaves an unknown one a server fault', async () => {
    const agencyId = await t.agencyId('Sở Tư pháp tỉnh An Thịnh')
    const duplicate = await t.database.db
      .insertInto('users')
      .values({ agency_id: agencyId, username: 'quantri', display_name: 'Trùng tên', email: null, password_hash: 'x', status: 'active' })
      .execute()
      .catch((error: unknown) => error as Error)
    expect(duplicate).toMatchObject({ code: '23505', constraint: 'users_username_key' })
    expect(toAppError(duplicate as Error)).toMatchObject({ code: 'user.username_taken', status: 409 })
    // A violation of a constraint no request should reach stays a 500 (and is logged).
    expect(toAppError(Object.assign(new Error('duplicate key'), { code: '23505', constraint: 'something_else_key' }))).toBeNull()
  })

  it.skipIf(!postgres)('answers two parallel creations of one user name with one 201 and one 409 user.username_taken, never 500', async () => {
    const agencyId = await t.agencyId('Sở Tư pháp tỉnh An Thịnh')
    for (let round = 0; round < 5; round++) {
      const username = `dongthoi.${round}`
      const payload = { username, displayName: 'Người dùng đồng thời', agencyId, password: TEST_PASSWORD, roles: [] }
      const answers = await Promise.all([0, 1].map(() => t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload })))
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409])
      expect(answers.find((a) => a.statusCode === 409)!.json().code).toBe('user.username_taken')
      expect(await auditCount('user.created', answers.find((a) => a.statusCode === 201)!.json().id)).toBe(1)
    }
  })
})

describe('identity codes as a database constraint', () => {
  it('refuses an overlapping code period in the database, even when the service is bypassed', async () => {
    const [a, b] = await Promise.all([t.agencyId('Sở Xây dựng tỉnh An Thịnh'), t.agencyId('Sở Tư pháp tỉnh An Thịnh')])
    await t.database.db.insertInto('agency_identity_codes').values({ agency_id: a, code: '000.00.99.Z01', valid_from: '1990-01-01', valid_to: '1990-12-31', legal_basis: null }).execute()
    // Periods before the seeded codes (which start when the agencies were founded). One code held by two agencies on one day:
    const shared = await t.database.db.insertInto('agency_identity_codes').values({ agency_id: b, code: '000.00.99.Z01', valid_from: '1990-06-01', valid_to: '1990-06-30', legal_basis: null }).execute().catch((e: unknown) => e)
    expect(shared).toMatchObject({ code: '23P01', constraint: 'agency_identity_codes_code_excl' })
    expect(toAppError(shared as Error)).toMatchObject({ code: 'agency.code_taken', status: 409 })
    // Two codes of one agency on one day.
    const overlapping = await t.database.db.insertInto('agency_identity_codes').values({ agency_id: a, code: '000.00.99.Z02', valid_from: '1990-12-31', valid_to: '1991-01-31', legal_basis: null }).execute().catch((e: unknown) => e)
    expect(overlapping).toMatchObject({ code: '23P01', constraint: 'agency_identity_codes_period_excl' })
    // The day after the period ends, the code is free again.
    await t.database.db.insertInto('agency_identity_codes').values({ agency_id: b, code: '000.00.99.Z01', valid_from: '1991-01-01', valid_to: '1991-12-31', legal_basis: null }).execute()
    await sql`delete from agency_identity_codes where code = '000.00.99.Z01'`.execute(t.database.db)
  })

  it('answers an identity code another agency holds with 409 agency.code_taken', async () => {
    const holder = (await t.app.inject({ method: 'GET', url: `/api/agencies/${await t.agencyId('Sở Xây dựng tỉnh An Thịnh')}`, headers: admin })).json()
    const other = await t.agencyId('Sở Tư pháp tỉnh An Thịnh')
    const response = await t.app.inject({ method: 'POST', url: `/api/agencies/${other}/identity-codes`, headers: admin, payload: { code: holder.identityCode, validFrom: '2026-06-01' } })
    expect(response.statusCode).toBe(409)
    expect(response.json().code).toBe('agency.code_taken')
  })

  it.skipIf(!postgres)('gives a new code to only one of two agencies asking for it at once', async () => {
    const agencies = await Promise.all(['Sở Xây dựng tỉnh An Thịnh', 'Sở Tư pháp tỉnh An Thịnh'].map((name) => t.agencyId(name)))
    for (let round = 0; round < 5; round++) {
      const code = `000.00.98.Z${String(round).padStart(2, '0')}`
      const answers = await Promise.all(agencies.map((id) => t.app.inject({ method: 'POST', url: `/api/agencies/${id}/identity-codes`, headers: admin, payload: { code, validFrom: `2027-0${round + 1}-01` } })))
      expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409])
      expect(answers.find((a) => a.statusCode === 409)!.json().code).toBe('agency.code_taken')
    }
  })
})

describe('row versions on a calendar year, office hours and a procedure', () => {
  const hours = (end: string) => ({ weekdaySessions: [{ start: '07:30', end: '11:30' }, { start: '13:30', end }], saturdaySessions: [] })

  it('refuses a stale office-hours write with the current version; version 0 means none stored yet', async () => {
    const agencyId = await t.agencyId('Sở Xây dựng tỉnh An Thịnh')
    const read = await t.app.inject({ method: 'GET', url: `/api/agencies/${agencyId}/office-hours`, headers: admin })
    const version = read.json().rowVersion as number
    expect(read.headers.etag).toBe(`"${version}"`)
    const saved = await t.app.inject({ method: 'PUT', url: `/api/agencies/${agencyId}/office-hours`, headers: { ...admin, 'if-match': `"${version}"` }, payload: hours('17:00') })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.headers.etag).toBe(`"${version + 1}"`)
    const stale = await t.app.inject({ method: 'PUT', url: `/api/agencies/${agencyId}/office-hours`, headers: { ...admin, 'if-match': `"${version}"` }, payload: hours('16:30') })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ code: 'request.stale', currentVersion: version + 1 })
    expect((await t.app.inject({ method: 'GET', url: `/api/agencies/${agencyId}/office-hours`, headers: admin })).json().weekdaySessions[1].end).toBe('17:00')
  })

  it('refuses a stale calendar-year save, writing nothing', async () => {
    const read = await t.app.inject({ method: 'GET', url: '/api/calendar/years/2025', headers: admin })
    const version = read.json().rowVersion as number
    expect(version).toBeGreaterThan(0)
    const file = (await t.app.inject({ method: 'GET', url: '/api/calendar/years/2025/export', headers: admin })).json()
    const saved = await t.app.inject({ method: 'PUT', url: '/api/calendar/years/2025', headers: { ...admin, 'if-match': `"${version}"` }, payload: file })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.json().rowVersion).toBe(version + 1)
    const audits = await auditCount('calendar.year_saved', '2025')
    const stale = await t.app.inject({ method: 'PUT', url: '/api/calendar/years/2025', headers: { ...admin, 'if-match': `"${version}"` }, payload: { ...file, sources: ['Một nguồn khác'] } })
    expect(stale.json()).toMatchObject({ code: 'request.stale', currentVersion: version + 1 })
    expect(await auditCount('calendar.year_saved', '2025')).toBe(audits)
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/years/2025', headers: admin })).json().sources).toEqual(file.sources)
  })

  it("refuses a stale replacement of a procedure's agencies", async () => {
    const id = await createDraft()
    const agencyId = await t.agencyId('Sở Xây dựng tỉnh An Thịnh')
    const read = await t.app.inject({ method: 'GET', url: `/api/procedures/${id}`, headers: admin })
    expect(read.headers.etag).toBe('"1"')
    const payload = { agencies: [{ agencyId, localCode: null, onlineLevel: 'partial', active: true }] }
    const saved = await t.app.inject({ method: 'PUT', url: `/api/procedures/${id}/agencies`, headers: { ...admin, 'if-match': '"1"' }, payload })
    expect(saved.statusCode, saved.body).toBe(200)
    expect(saved.headers.etag).toBe('"2"')
    const stale = await t.app.inject({ method: 'PUT', url: `/api/procedures/${id}/agencies`, headers: { ...admin, 'if-match': '"1"' }, payload: { agencies: [] } })
    expect(stale.json()).toMatchObject({ code: 'request.stale', currentVersion: 2 })
    expect((await t.app.inject({ method: 'GET', url: `/api/procedures/${id}`, headers: admin })).json().agencies).toHaveLength(1)
  })

  it.skipIf(!postgres)('lets exactly one of 10 parallel office-hours writes made from one version win', async () => {
    const agencyId = await t.agencyId('Sở Xây dựng tỉnh An Thịnh')
    const version = (await t.app.inject({ method: 'GET', url: `/api/agencies/${agencyId}/office-hours`, headers: admin })).json().rowVersion as number
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => t.app.inject({ method: 'PUT', url: `/api/agencies/${agencyId}/office-hours`, headers: { ...admin, 'if-match': `"${version}"` }, payload: hours(`16:${String(10 + i)}`) })),
    )
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, ...Array(9).fill(409)])
    expect(answers.filter((a) => a.statusCode === 409).every((a) => a.json().currentVersion === version + 1)).toBe(true)
  })
})
