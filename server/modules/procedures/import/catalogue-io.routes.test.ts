import { createHash } from 'node:crypto'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { stringify } from 'csv-stringify/sync'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProcedureContent } from '../../../../contracts/procedures.ts'
import { buildApp } from '../../../app.ts'
import { fixedClock } from '../../../platform/clock.ts'
import type { Database } from '../../../platform/db/database.ts'
import { createTestDatabase, sessionCookie, TEST_PASSWORD, testConfig, type SessionHeaders } from '../../../test/test-app.ts'
import { catalogueIoRoutes } from '../catalogue-io.routes.ts'
import { seedDemoCatalogueIfEmpty } from '../demo-catalogue.ts'
import { CSV_TYPE, readCatalogueFile, writeCatalogueCsv, XLSX_TYPE } from './catalogue-files.ts'
import { versionsInForce } from './catalogue-import.repository.ts'
import { contentToRow, HEADERS } from './catalogue-rows.ts'

let app: FastifyInstance
let database: Database
let admin: SessionHeaders
let specialist: SessionHeaders
let demoSeedMs: number | null = null
const clock = fixedClock('2026-03-02T02:00:00Z')

async function signIn(username: string): Promise<SessionHeaders> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: TEST_PASSWORD } })
  if (response.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${response.body}`)
  return { cookie: sessionCookie(response), 'x-csrf-token': response.json().csrfToken as string }
}

beforeAll(async () => {
  database = await createTestDatabase()
  // Until server/test/global-setup.ts seeds the demo catalogue into the template, seed it here.
  const seeded = await seedDemoCatalogueIfEmpty(database.db, clock)
  if (seeded.seeded) demoSeedMs = seeded.ms
  app = await buildApp({ config: testConfig(), database, clock })
  // Until server/app.ts registers these routes, register them here (the app is not ready yet).
  if (!app.hasRoute({ method: 'GET', url: '/api/procedures/export.xlsx' })) {
    await app.register(async (api) => api.register(catalogueIoRoutes, { db: database.db, clock, publicRateLimit: { max: 1000, timeWindow: '1 minute' } }), { prefix: '/api' })
  }
  await app.ready()
  // Background imports run on the durable job queue's workers.
  await app.jobs.start()
  admin = await signIn('quantri')
  specialist = await signIn('chuyenvien.binhlac')
})
afterAll(async () => {
  await app.close()
  await database.close()
})

const db = () => database.db
const count = async (table: 'procedures' | 'procedure_versions' | 'audit_entries' | 'procedure_agencies') => (await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n
const counts = async () => ({ procedures: await count('procedures'), versions: await count('procedure_versions'), audit: await count('audit_entries') })

function upload(headers: SessionHeaders, file: Buffer, type: string, query = ''): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: `/api/procedures/imports${query}`, headers: { ...headers, 'content-type': type }, payload: file })
}

const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8')
const csvRow = (values: Record<string, string>) => HEADERS.map((h) => `"${(values[h] ?? '').replace(/"/g, '""')}"`).join(',')
const header = HEADERS.join(',')
const newRow = (code: string, overrides: Record<string, string> = {}) =>
  csvRow({ national_code: code, name: `Thủ tục thử ${code}`, field_name: 'Lĩnh vực thử', levels: 'commune', online_level: 'full', time_limit_value: '3', time_limit_unit: 'working_days', effective_from: '2026-01-01', ...overrides })

/** The catalogue in force, keyed by national code (or name), for exact comparison. */
async function catalogueInForce(): Promise<Record<string, { effectiveFrom: string; content: ProcedureContent }>> {
  const rows = await versionsInForce(db(), '2026-03-02')
  return Object.fromEntries(rows.map((r) => [r.content.nationalCode ?? r.content.name, { effectiveFrom: r.effectiveFrom, content: r.content }]))
}

async function exportFile(kind: 'xlsx' | 'csv', headers: SessionHeaders = admin): Promise<Buffer> {
  const response = await app.inject({ method: 'GET', url: `/api/procedures/export.${kind}`, headers })
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200)
  expect(response.headers['content-type']).toContain(kind === 'xlsx' ? XLSX_TYPE : CSV_TYPE)
  return response.rawPayload
}

/** Removes every procedure (test only), so an import must rebuild the catalogue from the file alone. */
async function emptyCatalogue(): Promise<void> {
  await db().deleteFrom('procedure_agencies').execute()
  await db().deleteFrom('procedure_versions').execute()
  await db().deleteFrom('procedures').execute()
}

describe('export and import round trip', () => {
  it('exports the 50 demo procedures and re-imports the XLSX without changing anything', async () => {
    if (demoSeedMs !== null) console.info(`demo catalogue seeded in ${demoSeedMs} ms`)
    const xlsx = await exportFile('xlsx')
    const table = await readCatalogueFile(xlsx)
    expect(table.kind).toBe('xlsx')
    expect(table.rows).toHaveLength(50)
    expect(table.rowNumbers[0]).toBe(3) // header row, then the Vietnamese labels
    const inForce = await catalogueInForce()
    const before = await counts()

    const dry = await upload(admin, xlsx, XLSX_TYPE, '?dryRun=true')
    expect(dry.statusCode, dry.body).toBe(200)
    expect(dry.json()).toEqual({ rows: 50, valid: 50, imported: 0, skipped: 0, created: 0, versions: 0, published: 0, errors: [] })
    expect(await counts()).toEqual(before)

    const again = await upload(admin, xlsx, XLSX_TYPE, '?publish=true')
    expect(again.statusCode, again.body).toBe(200)
    expect(again.json()).toMatchObject({ rows: 50, imported: 0, skipped: 50, created: 0, versions: 0, errors: [] })
    expect(await counts()).toEqual({ ...before, audit: before.audit + 1 }) // the summary entry only
    expect(await catalogueInForce()).toEqual(inForce)
    expect((await readCatalogueFile(await exportFile('xlsx'))).rows).toEqual(table.rows)
    // The portal's search finds the demo procedures.
    const search = (await app.inject({ method: 'GET', url: '/api/public/procedures?q=dang%20ky%20khai%20sinh' })).json()
    expect(search.items.map((i: { nationalCode: string | null }) => i.nationalCode)).toContain('1.001193')
  })

  it('rebuilds exactly the same catalogue from its XLSX export, and from its CSV export', async () => {
    const inForce = await catalogueInForce()
    const firstCsv = await exportFile('csv')
    const xlsx = await exportFile('xlsx')
    for (const [file, type] of [
      [xlsx, XLSX_TYPE],
      [firstCsv, CSV_TYPE],
    ] as const) {
      await emptyCatalogue()
      const auditBefore = await count('audit_entries')
      const started = performance.now()
      const response = await upload(admin, file, type, '?publish=true')
      const ms = Math.round(performance.now() - started)
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json()).toMatchObject({ rows: 50, imported: 50, created: 50, versions: 0, skipped: 0, errors: [] })
      console.info(`${type === XLSX_TYPE ? 'XLSX' : 'CSV'} import of 50 procedures: ${ms} ms`)
      expect(await count('procedures')).toBe(50)
      expect(await count('audit_entries')).toBe(auditBefore + 51)
      expect(await catalogueInForce()).toEqual(inForce)
      expect((await exportFile('csv')).equals(firstCsv)).toBe(true)
    }
  })

  it('reads CSV with or without a BOM, with semicolons, and with multi-line quoted cells', async () => {
    const rows = [contentToRow((await versionsInForce(db(), '2026-03-02'))[0]!.content, '2026-02-01')]
    rows[0]!.name = `${rows[0]!.name} (sửa)`
    const withBom = writeCatalogueCsv(rows)
    expect(withBom.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true)
    const withoutBom = withBom.subarray(3)
    const semicolons = Buffer.from(stringify([HEADERS, ...rows.map((r) => HEADERS.map((h) => r[h]))], { delimiter: ';' }), 'utf8')
    for (const file of [withBom, withoutBom, semicolons]) {
      const table = await readCatalogueFile(file, 'csv')
      expect(table.rows[0]!.fees).toBe(rows[0]!.fees)
      expect(table.rows[0]!.name).toBe(rows[0]!.name)
    }
    const dry = await upload(admin, withoutBom, `${CSV_TYPE}; charset=utf-8`, '?dryRun=true')
    expect(dry.json()).toMatchObject({ rows: 1, valid: 1, errors: [] })
  })
})

describe('refusals', () => {
  it('refuses a disguised file with import.invalid_file', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4d60000000049454e44ae426082', 'hex')
    const before = await counts()
    for (const [file, type] of [
      [png, XLSX_TYPE],
      [png, CSV_TYPE],
      [csv([header, newRow('9.000001')]), XLSX_TYPE],
      [Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]), XLSX_TYPE],
      [await exportFile('xlsx'), CSV_TYPE],
    ] as const) {
      const response = await upload(admin, file, type)
      expect(response.statusCode, response.body).toBe(400)
      expect(response.json().code).toBe('import.invalid_file')
    }
    const json = await app.inject({ method: 'POST', url: '/api/procedures/imports', headers: admin, payload: { surprise: true } })
    expect(json.statusCode).toBe(400)
    expect(json.json().code).toBe('request.invalid')
    const other = await app.inject({ method: 'POST', url: '/api/procedures/imports', headers: { ...admin, 'content-type': 'application/pdf' }, payload: png })
    expect(other.statusCode).toBe(415)
    expect(await counts()).toEqual(before)
  })

  it('answers wrong or missing columns with 400 and every error', async () => {
    const file = csv(['name,field_name,levels,national_cod,online_level', 'A,B,commune,x,full'])
    const response = await upload(admin, file, CSV_TYPE, '?mode=valid_rows_only')
    expect(response.statusCode).toBe(400)
    expect(response.json().code).toBe('import.invalid_rows')
    expect(response.json().errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`).sort()).toEqual(['1:effective_from', '1:national_cod'])
  })

  it('writes nothing in all-or-nothing mode when any row is wrong, naming each error', async () => {
    const file = csv([header, newRow('9.000101'), newRow('9.000102', { time_limit_value: '-1', levels: 'huyện' }), newRow('9.000103')])
    const before = await counts()
    const response = await upload(admin, file, CSV_TYPE, '?publish=true')
    expect(response.statusCode).toBe(400)
    const body = response.json()
    expect(body.code).toBe('import.invalid_rows')
    expect(body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual(['3:levels', '3:time_limit_value'])
    expect(body.errors[0]).toMatchObject({ reason: expect.any(String), reasonVi: expect.any(String), field: '/rows/3/levels' })
    expect(await counts()).toEqual(before)
  })

  it('writes only the valid rows in valid_rows_only mode, and a second import of the file changes nothing', async () => {
    const file = csv([header, newRow('9.000201'), newRow('9.000202', { time_limit_value: '1', workflow: 'Xử lý | specialist |  | 12 | no' }), newRow('9.000203')])
    const before = await counts()
    const response = await upload(admin, file, CSV_TYPE, '?mode=valid_rows_only')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ rows: 3, valid: 2, imported: 2, created: 2, skipped: 0 })
    expect(response.json().errors).toEqual([expect.objectContaining({ row: 3, column: 'workflow' })])
    expect(await counts()).toEqual({ procedures: before.procedures + 2, versions: before.versions + 2, audit: before.audit + 3 })
    const drafts = await db().selectFrom('procedure_versions').select('status').where('name', 'like', 'Thủ tục thử 9.0002%').execute()
    expect(drafts.map((d) => d.status)).toEqual(['draft', 'draft'])

    const again = await upload(admin, file, CSV_TYPE, '?mode=valid_rows_only')
    expect(again.json()).toMatchObject({ imported: 0, skipped: 2 })
    // Publishing the same file publishes the equal drafts instead of copying them.
    const published = await upload(admin, file, CSV_TYPE, '?mode=valid_rows_only&publish=true')
    expect(published.json()).toMatchObject({ imported: 2, published: 2, versions: 0 })
    // A changed row is a new version.
    const changed = await upload(admin, csv([header, newRow('9.000201', { time_limit_value: '5', effective_from: '2026-04-01' })]), CSV_TYPE)
    expect(changed.json()).toMatchObject({ imported: 1, versions: 1, created: 0 })
    expect(await count('procedure_versions')).toBe(before.versions + 3)
  })

  it('reports a field code that belongs to another field as a row error, not a server error', async () => {
    await db().insertInto('procedure_fields').values({ name: 'Lĩnh vực có mã', code: 'LV-01' }).execute()
    const file = csv([header, newRow('9.000251', { field_name: 'Lĩnh vực khác', field_code: 'LV-01' }), newRow('9.000252')])
    const before = await counts()
    const strict = await upload(admin, file, CSV_TYPE)
    expect(strict.statusCode).toBe(400)
    expect(strict.json().errors).toEqual([expect.objectContaining({ row: 2, column: 'field_code', reason: 'field code LV-01 already belongs to the field "Lĩnh vực có mã"' })])
    expect(await counts()).toEqual(before)
    const lenient = await upload(admin, file, CSV_TYPE, '?mode=valid_rows_only')
    expect(lenient.json()).toMatchObject({ rows: 2, imported: 1, created: 1, errors: [expect.objectContaining({ row: 2, column: 'field_code' })] })
  })

  it('lets only a province catalogue manager import; every official may export', async () => {
    const before = await counts()
    const file = csv([header, newRow('9.000301')])
    expect((await upload(specialist, file, CSV_TYPE)).statusCode).toBe(403)
    expect((await upload(specialist, file, CSV_TYPE, '?dryRun=true')).statusCode).toBe(403)
    const pkg = (await app.inject({ method: 'GET', url: `/api/procedures/${(await db().selectFrom('procedures').select('id').where('national_code', '=', '1.001193').executeTakeFirstOrThrow()).id}/package`, headers: specialist })).json()
    expect((await app.inject({ method: 'POST', url: '/api/procedures/packages', headers: specialist, payload: { ...pkg, procedure: { ...pkg.procedure, nationalCode: '9.000302' } } })).statusCode).toBe(403)
    expect(await counts()).toEqual(before)
    expect((await exportFile('csv', specialist)).length).toBeGreaterThan(1000)
    expect((await app.inject({ method: 'GET', url: '/api/procedures/export.csv' })).statusCode).toBe(401)
  })
})

describe('background import', () => {
  it('reports progress to its author only, then the report', async () => {
    const lines = [header, ...Array.from({ length: 30 }, (_, i) => newRow(`9.0004${String(i).padStart(2, '0')}`))]
    const response = await upload(admin, csv(lines), CSV_TYPE, '?async=true&publish=true')
    expect(response.statusCode, response.body).toBe(202)
    const { jobId } = response.json()
    let status = (await app.inject({ method: 'GET', url: `/api/procedures/imports/${jobId}`, headers: admin })).json()
    expect(['running', 'done']).toContain(status.state)
    for (let i = 0; i < 600 && status.state === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      status = (await app.inject({ method: 'GET', url: `/api/procedures/imports/${jobId}`, headers: admin })).json()
    }
    expect(status).toMatchObject({ state: 'done', processed: 30, total: 30, report: { rows: 30, created: 30, errors: [] } })
    const other = await app.inject({ method: 'GET', url: `/api/procedures/imports/${jobId}`, headers: specialist })
    expect(other.statusCode).toBe(404)

    const failed = await upload(admin, csv([header, newRow('9.000500', { levels: '' })]), CSV_TYPE, '?async=true')
    const failedId = failed.json().jobId
    let failure = (await app.inject({ method: 'GET', url: `/api/procedures/imports/${failedId}`, headers: admin })).json()
    for (let i = 0; i < 1500 && failure.state === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      failure = (await app.inject({ method: 'GET', url: `/api/procedures/imports/${failedId}`, headers: admin })).json()
    }
    expect(failure).toMatchObject({ state: 'failed', error: { code: 'import.invalid_rows', errors: [expect.objectContaining({ row: 2, column: 'levels' })] } })
  })

  it('keeps the upload and its progress in the database, so another server process starts, runs and answers for it', async () => {
    // A second process on the same database that does not run workers: its job runs on the first one's.
    const other = await buildApp({ config: testConfig(), database, clock })
    await other.ready()
    try {
      const lines = [header, ...Array.from({ length: 3 }, (_, i) => newRow(`9.0007${String(i).padStart(2, '0')}`))]
      const file = csv(lines)
      const sha256 = createHash('sha256').update(file).digest('hex')
      const started = await other.inject({ method: 'POST', url: '/api/procedures/imports?async=true', headers: { ...admin, 'content-type': CSV_TYPE }, payload: file })
      expect(started.statusCode, started.body).toBe(202)
      const { jobId } = started.json()
      // The upload waits in the file store (ADR 0013); the row holds its key, size and hash.
      const stored = await db().selectFrom('catalogue_import_jobs').select(['owner_id', 'file_key', 'file_size', 'file_sha256']).where('id', '=', jobId).executeTakeFirstOrThrow()
      expect(stored).toMatchObject({ file_size: file.length, file_sha256: sha256 })
      expect(stored.file_key).toMatch(/^catalogue-import\//)
      let status = (await other.inject({ method: 'GET', url: `/api/procedures/imports/${jobId}`, headers: admin })).json()
      for (let i = 0; i < 600 && status.state === 'running'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50))
        status = (await other.inject({ method: 'GET', url: `/api/procedures/imports/${jobId}`, headers: admin })).json()
      }
      expect(status).toMatchObject({ state: 'done', processed: 3, total: 3, report: { rows: 3, created: 3 } })
      expect((await app.inject({ method: 'GET', url: `/api/procedures/imports/${jobId}`, headers: admin })).json()).toEqual(status)
      expect((await other.inject({ method: 'GET', url: `/api/procedures/imports/${jobId}`, headers: specialist })).statusCode).toBe(404)
      // The uploaded bytes are gone once the job is finished, from the row and from the store.
      expect((await db().selectFrom('catalogue_import_jobs').select('file_key').where('id', '=', jobId).executeTakeFirstOrThrow()).file_key).toBeNull()
      // (deleted right after the row says done: wait for that moment, bounded)
      let kept = true
      for (let i = 0; i < 100 && kept; i++) {
        kept = await app.storage.exists(stored.file_key!)
        if (kept) await new Promise((resolve) => setTimeout(resolve, 20))
      }
      expect(kept).toBe(false)
      // The import's audit entry carries the hash of the file it imported.
      const entry = await db().selectFrom('audit_entries').select('changes').where('action', '=', 'procedure.catalogue_imported').orderBy('occurred_at', 'desc').orderBy('seq', 'desc').executeTakeFirstOrThrow()
      expect(entry.changes).toMatchObject({ after: { fileSha256: sha256, fileSize: file.length } })
    } finally {
      await other.close()
    }
  })
})

describe('packages', () => {
  it('exports a procedure as a package that the published schema accepts, and imports it as a new procedure', async () => {
    const schemaResponse = await app.inject({ method: 'GET', url: '/api/procedures/package.schema.json' })
    expect(schemaResponse.statusCode).toBe(200)
    expect(schemaResponse.headers['content-type']).toContain('application/schema+json')
    const schema = schemaResponse.json()
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    const validate = addFormats.default(new Ajv2020({ allErrors: true, strict: false })).compile(schema)

    const source = await db().selectFrom('procedures').select('id').where('national_code', '=', '1.001193').executeTakeFirstOrThrow()
    const response = await app.inject({ method: 'GET', url: `/api/procedures/${source.id}/package`, headers: specialist })
    expect(response.statusCode, response.body).toBe(200)
    const pkg = response.json()
    expect(validate(pkg), JSON.stringify(validate.errors)).toBe(true)
    expect(validate({ ...pkg, procedure: { ...pkg.procedure, levels: ['district'] } })).toBe(false)
    expect(pkg).toMatchObject({ format: 'cchc.procedure-package/1', effectiveFrom: '2025-07-01', procedure: { nationalCode: '1.001193' } })
    expect(pkg.procedure).toEqual((await catalogueInForce())['1.001193']!.content)

    // The same package again: nothing to do.
    const same = await app.inject({ method: 'POST', url: '/api/procedures/packages', headers: admin, payload: pkg })
    expect(same.statusCode, same.body).toBe(200)
    expect(same.json()).toMatchObject({ procedureId: source.id, action: 'skipped' })

    const copy = { ...pkg, procedure: { ...pkg.procedure, nationalCode: '9.000601', name: 'Bản sao gói thủ tục' } }
    const created = await app.inject({ method: 'POST', url: '/api/procedures/packages?publish=true', headers: admin, payload: copy })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ version: 1, status: 'published', action: 'created' })
    const back = await app.inject({ method: 'GET', url: `/api/procedures/${created.json().procedureId}/package?version=1`, headers: admin })
    expect(back.json()).toEqual(copy)

    const later = { ...copy, effectiveFrom: '2026-06-01', procedure: { ...copy.procedure, timeLimit: { ...copy.procedure.timeLimit, value: 1 } } }
    const version = await app.inject({ method: 'POST', url: '/api/procedures/packages', headers: admin, payload: later })
    expect(version.json()).toMatchObject({ procedureId: created.json().procedureId, version: 2, status: 'draft', action: 'version' })

    const inconsistent = { ...copy, procedure: { ...copy.procedure, nationalCode: '9.000602', workflow: [{ name: 'X', role: null, agencyKind: null, budgetHours: 100, interlinked: false }] } }
    const refused = await app.inject({ method: 'POST', url: '/api/procedures/packages', headers: admin, payload: inconsistent })
    expect(refused.statusCode).toBe(400)
    expect(refused.json().code).toBe('procedure.invalid')
    expect((await app.inject({ method: 'GET', url: `/api/procedures/${source.id}/package?version=99`, headers: admin })).json().code).toBe('procedure.version_not_found')
  })

  it('lists every route in the OpenAPI document', async () => {
    const paths = Object.keys((app.swagger() as { paths: Record<string, unknown> }).paths)
    for (const path of ['/api/procedures/imports', '/api/procedures/imports/{jobId}', '/api/procedures/export.xlsx', '/api/procedures/export.csv', '/api/procedures/{id}/package', '/api/procedures/packages', '/api/procedures/package.schema.json']) {
      expect(paths).toContain(path)
    }
  })
})

describe('demo catalogue', () => {
  it('links commune procedures to both communes and province ones to the provincial centre', async () => {
    // The round trips above rebuilt the catalogue without agencies: check a fresh copy of the seed.
    const fresh = await createTestDatabase()
    try {
      await seedDemoCatalogueIfEmpty(fresh.db, clock)
      const links = await fresh.db
        .selectFrom('procedure_agencies as pa')
        .innerJoin('agencies as a', 'a.id', 'pa.agency_id')
        .innerJoin('procedures as p', 'p.id', 'pa.procedure_id')
        .select(['a.name', 'pa.local_code', 'p.national_code'])
        .execute()
      expect(links.filter((l) => l.name === 'Ủy ban nhân dân xã Bình Lạc')).toHaveLength(30)
      expect(links.filter((l) => l.name === 'Ủy ban nhân dân xã Phú Lạc')).toHaveLength(30)
      expect(links.filter((l) => l.name === 'Trung tâm Phục vụ hành chính công tỉnh An Thịnh')).toHaveLength(20)
      expect(links.find((l) => l.national_code === '1.001193' && l.name === 'Ủy ban nhân dân xã Bình Lạc')?.local_code).toBe('1.001193.000.00.41.H99')
      expect(links.filter((l) => l.national_code === null).every((l) => l.local_code === null)).toBe(true)
      const birth = (await versionsInForce(fresh.db, '2026-03-02')).find((v) => v.content.nationalCode === '1.001193')!
      expect(birth.content.timeLimit).toMatchObject({ value: 0, unit: 'working_days', cutoff: '15:00' })
      expect(birth.content.provenance).toMatchObject({ confidence: 'S', templated: ['workflow'] })
      expect(birth.content.provenance.missing).toContain('onlineLevel')
      // Seeding again does nothing.
      expect((await seedDemoCatalogueIfEmpty(fresh.db, clock)).seeded).toBe(false)
    } finally {
      await fresh.close()
    }
  })
})
