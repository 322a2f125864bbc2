/**
 * Input that passes a naive schema check but that PostgreSQL refuses: NUL characters and unpaired
 * UTF-16 surrogates in query strings, bodies and path parameters, and numbers beyond the SQL
 * integer range. Each is refused at validation with 400 request.invalid, naming the field as a JSON
 * pointer, on authenticated and public routes alike, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sampleContent } from '../modules/procedures/test-fixtures.ts'
import { buildTestApp, type SessionHeaders, type TestApp } from './test-app.ts'

let t: TestApp
let admin: SessionHeaders
let agencyId: string
let procedureId: string

beforeAll(async () => {
  t = await buildTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '100000' })
  admin = await t.signIn('quantri')
  agencyId = await t.agencyId('Sở Tư pháp tỉnh An Thịnh')
  procedureId = (await t.database.db.selectFrom('procedures').select('id').limit(1).executeTakeFirstOrThrow()).id
})
afterAll(() => t.close())

const auditCount = async () => (await t.database.db.selectFrom('audit_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n

interface Problem {
  code?: string
  errors?: Array<{ field: string; message: string }>
}

function expectInvalid(response: { statusCode: number; headers: Record<string, unknown>; body: string; json(): Problem }, field: string, label: string) {
  expect(response.statusCode, `${label}: ${response.body}`).toBe(400)
  expect(String(response.headers['content-type']), label).toContain('application/problem+json')
  const problem = response.json()
  expect(problem.code, label).toBe('request.invalid')
  expect(problem.errors?.map((e) => e.field), label).toContain(field)
}

describe('NUL characters and unpaired surrogates', () => {
  it('refuses them in query strings', async () => {
    expectInvalid(await t.app.inject({ method: 'GET', url: '/api/users?q=%00', headers: admin }), '/querystring/q', 'users q')
    expectInvalid(await t.app.inject({ method: 'GET', url: '/api/users?q=ab%00cd', headers: admin }), '/querystring/q', 'users q inside')
    expectInvalid(await t.app.inject({ method: 'GET', url: '/api/audit-entries?subjectId=%00', headers: admin }), '/querystring/subjectId', 'audit subjectId')
    expectInvalid(await t.app.inject({ method: 'GET', url: '/api/public/procedures?q=%00', headers: {} }), '/querystring/q', 'public search')
    expectInvalid(await t.app.inject({ method: 'GET', url: '/api/public/procedures/suggest?q=x%00', headers: {} }), '/querystring/q', 'public suggest')
  })

  it('refuses them in JSON bodies, naming the field', async () => {
    const before = await auditCount()
    const url = `/api/agencies/${agencyId}`
    expectInvalid(await t.app.inject({ method: 'PATCH', url, headers: admin, payload: { name: 'a\u0000b' } }), '/body/name', 'agency name NUL')
    // Sent as raw JSON text: the escape reaches JSON.parse, which yields the lone surrogate.
    const raw = (json: string) => t.app.inject({ method: 'PATCH', url, headers: { ...admin, 'content-type': 'application/json' }, payload: json })
    expectInvalid(await raw('{"name":"a\\ud800b"}'), '/body/name', 'agency name lone high surrogate')
    expectInvalid(await raw('{"name":"\\udfff"}'), '/body/name', 'agency name lone low surrogate')
    expectInvalid(await raw('{"shortName":"ok","name":"x\\u0000"}'), '/body/name', 'agency name escaped NUL')
    const users = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'new.user', displayName: 'Tên \u0000', agencyId, password: 'long enough password', roles: [] } })
    expectInvalid(users, '/body/displayName', 'user displayName')
    expect(await auditCount()).toBe(before)
    // A proper surrogate pair is an ordinary character.
    const emoji = await raw('{"shortName":"STP \\ud83d\\ude00"}')
    expect(emoji.statusCode, emoji.body).toBe(200)
    expect(emoji.json().shortName).toBe('STP 😀')
  })

  it('refuses them on the unauthenticated sign-in with 400, not 500', async () => {
    const signIn = (payload: string) => t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, payload, remoteAddress: '10.1.2.3' })
    expectInvalid(await signIn('{"username":"a\\u0000","password":"x"}'), '/body/username', 'sign-in username NUL')
    expectInvalid(await signIn('{"username":"quantri","password":"\\ud800"}'), '/body/password', 'sign-in password lone surrogate')
    expectInvalid(await signIn('{"username":"\\udc00quantri","password":"x"}'), '/body/username', 'sign-in username lone low surrogate')
  })

  it('refuses them in path parameters', async () => {
    expectInvalid(await t.app.inject({ method: 'GET', url: '/api/agencies/%00', headers: admin }), '/params/id', 'agency id NUL')
    expectInvalid(await t.app.inject({ method: 'PATCH', url: '/api/units/%00', headers: admin, payload: { name: 'x' } }), '/params/id', 'unit id NUL')
  })

  it('refuses them in object keys', async () => {
    const response = await t.app.inject({ method: 'PATCH', url: `/api/agencies/${agencyId}`, headers: { ...admin, 'content-type': 'application/json' }, payload: '{"na\\u0000me":"x"}' })
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json().code).toBe('request.invalid')
  })
})

describe('numbers beyond the SQL range', () => {
  it('refuses 1e308 and other huge integers in the query of compare', async () => {
    const compare = (query: string) => t.app.inject({ method: 'GET', url: `/api/procedures/${procedureId}/compare?${query}`, headers: admin })
    expectInvalid(await compare('from=1e308&to=1'), '/querystring/from', 'from=1e308')
    expectInvalid(await compare('from=1&to=2147483648'), '/querystring/to', 'to=2^31')
    expectInvalid(await compare('from=9007199254740993&to=1'), '/querystring/from', 'from=2^53+1')
    expectInvalid(await compare('from=Infinity&to=1'), '/querystring/from', 'from=Infinity')
    // In range but absent: an ordinary answer, not a server error.
    const absent = await compare('from=2147483647&to=1')
    expect(absent.statusCode, absent.body).toBeLessThan(500)
  })
})

describe('dates the database or JavaScript cannot hold', () => {
  it('refuses year 0000 (valid to Ajv, out of range in PostgreSQL)', async () => {
    expectInvalid(await t.app.inject({ method: 'GET', url: '/api/agencies?validOn=0000-01-01', headers: admin }), '/querystring/validOn', 'agencies validOn')
    expectInvalid(await t.app.inject({ method: 'GET', url: '/api/procedures/export.xlsx?on=0000-01-01', headers: admin }), '/querystring/on', 'export on')
  })

  it('refuses a leap second and an hour-only offset, which new Date() cannot read', async () => {
    const due = (receivedAt: string) => t.app.inject({ method: 'GET', url: `/api/public/due-date?value=1&unit=working_days&receivedAt=${encodeURIComponent(receivedAt)}` })
    expectInvalid(await due('2026-03-02T23:59:60Z'), '/querystring/receivedAt', 'leap second')
    expectInvalid(await due('2026-03-02T10:00:00+07'), '/querystring/receivedAt', 'hour-only offset')
    expect((await due('2026-03-02T10:00:00+07:00')).statusCode).toBe(200)
  })
})

describe('strings shorter than the database allows', () => {
  it('refuses an empty field code, which procedure_fields refuses (length between 1 and 30)', async () => {
    const before = await auditCount()
    const content = sampleContent({ nationalCode: null, name: 'Thủ tục thử mã lĩnh vực rỗng', field: { name: 'Lĩnh vực chưa có', code: '' } })
    const created = await t.app.inject({ method: 'POST', url: '/api/procedures', headers: admin, payload: { content, effectiveFrom: '2026-06-01' } })
    expectInvalid(created, '/body/content/field/code', 'procedure field code')
    const pkg = await t.app.inject({ method: 'POST', url: '/api/procedures/packages', headers: admin, payload: { format: 'cchc.procedure-package/1', effectiveFrom: '2026-06-01', procedure: content } })
    expectInvalid(pkg, '/body/procedure/field/code', 'package field code')
    expect(await auditCount()).toBe(before)
  })
})

describe('faults found by the hostile-input run', () => {
  it('answers an unreadable URL or an overlong path parameter with a problem that does not echo the URL', async () => {
    for (const url of ['/api/units/%ZZ', '/api/agencies/%ED%A0%80?secret=yes', '/api/users/%FF']) {
      const response = await t.app.inject({ method: 'GET', url, headers: admin })
      expect(response.statusCode, url).toBe(400)
      expect(String(response.headers['content-type']), url).toContain('application/problem+json')
      expect(response.json().code, url).toBe('request.invalid')
      expect(response.body, url).not.toContain('secret')
    }
    const long = await t.app.inject({ method: 'GET', url: `/api/agencies/${'a'.repeat(150)}`, headers: admin })
    expect(long.statusCode).toBe(414)
    expect(long.json().code).toBe('request.uri_too_long')
  })

  it('refuses an office-hours session ending after 24:00', async () => {
    const response = await t.app.inject({ method: 'PUT', url: `/api/agencies/${agencyId}/office-hours`, headers: admin, payload: { weekdaySessions: [{ start: '07:30', end: '24:30' }], saturdaySessions: [] } })
    expectInvalid(response, '/body/weekdaySessions/0/end', 'end 24:30')
    const midnight = await t.app.inject({ method: 'PUT', url: `/api/agencies/${agencyId}/office-hours`, headers: admin, payload: { weekdaySessions: [{ start: '07:30', end: '24:00' }], saturdaySessions: [] } })
    expect(midnight.statusCode, midnight.body).toBe(200)
  })

  it('answers 409 when a new field reuses another field\'s code, and writes nothing', async () => {
    const reformOfficer = await t.signIn('cchc.sonoivu')
    const first = { ...sampleContent(), name: 'Thủ tục có mã lĩnh vực', nationalCode: null, field: { name: 'Lĩnh vực có mã', code: 'LV-THU' } }
    const created = await t.app.inject({ method: 'POST', url: '/api/procedures', headers: reformOfficer, payload: { content: first, effectiveFrom: '2026-04-01' } })
    expect(created.statusCode, created.body).toBe(201)
    const taken = { code: 'LV-THU' }
    const before = await auditCount()
    const content = { ...sampleContent(), name: 'Thủ tục thử mã lĩnh vực', nationalCode: null, field: { name: 'Lĩnh vực mới hoàn toàn', code: taken.code } }
    const response = await t.app.inject({ method: 'POST', url: '/api/procedures', headers: reformOfficer, payload: { content, effectiveFrom: '2026-04-01' } })
    expect(response.statusCode, response.body).toBe(409)
    expect(response.json().code).toBe('procedure.field_code_taken')
    expect(await auditCount()).toBe(before)
    expect(await t.database.db.selectFrom('procedure_fields').select('id').where('name', '=', 'Lĩnh vực mới hoàn toàn').execute()).toEqual([])
  })

  it('refuses a merger whose predecessor has an identity code starting after it, instead of failing in the database', async () => {
    const committee = await t.agencyId('Ủy ban nhân dân xã Bình Lạc')
    const recoded = await t.app.inject({ method: 'POST', url: `/api/agencies/${committee}/identity-codes`, headers: admin, payload: { code: '000.09.09.H98', validFrom: '2026-06-01' } })
    expect(recoded.statusCode, recoded.body).toBe(201)
    const before = await auditCount()
    const merger = await t.app.inject({
      method: 'POST',
      url: '/api/units',
      headers: admin,
      payload: { code: '99970', name: 'Xã Mới', level: 'commune', kind: 'commune', parentId: await t.unitId('Tỉnh An Thịnh'), validFrom: '2026-03-01', predecessorIds: [await t.unitId('Xã Bình Lạc')] },
    })
    expect(merger.statusCode, merger.body).toBe(400)
    expect(merger.json().code).toBe('unit.invalid_period')
    expect(await auditCount()).toBe(before)
  })
})
