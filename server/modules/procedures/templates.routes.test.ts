/**
 * Form templates end to end (ADR 0013): upload into the file store through multipart, download
 * byte for byte by officials and, once published, on the portal; refusals (413, 415, 403, stale
 * If-Match) store nothing; the audit entry carries the file's SHA-256.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MEDIA } from '../../platform/storage/index.ts'
import { docxFile, elfFile, exeFile, pdfFile } from '../../platform/storage/test-files.ts'
import { buildTestApp, type SessionHeaders, type TestApp } from '../../test/test-app.ts'
import { sampleContent } from './test-fixtures.ts'

let t: TestApp
let admin: SessionHeaders
let specialist: SessionHeaders
let dataDir: string
let procedureId: string

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cchc-templates-'))
  t = await buildTestApp({ DATA_DIR: dataDir })
  admin = await t.signIn('quantri')
  specialist = await t.signIn('chuyenvien.binhlac')
  const content = sampleContent({
    nationalCode: 'T.000901',
    name: 'Thủ tục thử mẫu đơn',
    documents: [
      { name: 'Tờ khai đăng ký', form: 'original', count: 1, templateUrl: null },
      { name: 'Bản sao giấy tờ tùy thân', form: 'copy', count: 1, templateUrl: null },
    ],
  })
  const created = await t.app.inject({ method: 'POST', url: '/api/procedures', headers: admin, payload: { content, effectiveFrom: '2025-07-01' } })
  expect(created.statusCode, created.body).toBe(201)
  procedureId = created.json().id
})
afterAll(async () => {
  await t.close()
  await fs.rm(dataDir, { recursive: true, force: true })
})

/** A multipart/form-data body with one file part. */
function multipart(file: Buffer, fileName: string, partType = 'application/octet-stream'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----cchc${randomBytes(8).toString('hex')}`
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${partType}\r\n\r\n`, 'utf8')
  return { payload: Buffer.concat([head, file, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

const templatePath = (version: number, document: number) => `/procedures/${procedureId}/versions/${version}/documents/${document}/template`

function upload(headers: SessionHeaders, file: Buffer, fileName: string, options: { version?: number; document?: number; partType?: string; ifMatch?: string } = {}) {
  const body = multipart(file, fileName, options.partType)
  return t.app.inject({ method: 'PUT', url: `/api${templatePath(options.version ?? 1, options.document ?? 0)}`, headers: { ...headers, ...body.headers, ...(options.ifMatch ? { 'if-match': options.ifMatch } : {}) }, payload: body.payload })
}

/** Every file under DATA_DIR/files, temporary ones included. */
async function storedFiles(): Promise<string[]> {
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [])
    return (await Promise.all(entries.map((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)])))).flat()
  }
  return (await walk(path.join(dataDir, 'files'))).sort()
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const templateRows = () => t.database.db.selectFrom('procedure_form_templates').selectAll().execute()

describe('form templates', () => {
  const docx = docxFile(50_000)
  const name = 'Tờ khai đăng ký (mẫu 01).docx'

  it('uploads a template for a draft’s document and reads it back byte for byte, with the hash in the audit entry', async () => {
    const response = await upload(admin, docx, name)
    expect(response.statusCode, response.body).toBe(201)
    expect(response.headers.etag).toBe('"1"')
    expect(response.json()).toMatchObject({ documentIndex: 0, fileName: name, mediaType: MEDIA.docx, size: docx.length, sha256: sha256(docx), rowVersion: 1, url: `/api${templatePath(1, 0)}` })

    const entry = await t.database.db.selectFrom('audit_entries').select(['changes', 'subject_id']).where('action', '=', 'procedure.template_uploaded').executeTakeFirstOrThrow()
    expect(entry.subject_id).toBe(procedureId)
    expect(entry.changes).toMatchObject({ after: { version: 1, document: 0, sha256: sha256(docx), size: docx.length, mediaType: MEDIA.docx } })

    const download = await t.app.inject({ method: 'GET', url: `/api${templatePath(1, 0)}`, headers: specialist })
    expect(download.statusCode).toBe(200)
    expect(download.rawPayload.equals(docx)).toBe(true)
    expect(download.headers['content-type']).toBe(MEDIA.docx)
    expect(download.headers['x-content-type-options']).toBe('nosniff')
    expect(download.headers['content-disposition']).toBe(`attachment; filename="To khai dang ky _mau 01_.docx"; filename*=UTF-8''T%E1%BB%9D%20khai%20%C4%91%C4%83ng%20k%C3%BD%20%28m%E1%BA%ABu%2001%29.docx`)
    expect(download.headers.etag).toBe(`"${sha256(docx)}"`)
    expect((await t.app.inject({ method: 'GET', url: `/api${templatePath(1, 0)}`, headers: { ...specialist, 'if-none-match': `"${sha256(docx)}"` } })).statusCode).toBe(304)
    // Not on the portal while the version is a draft.
    expect((await t.app.inject({ method: 'GET', url: `/api/public${templatePath(1, 0)}` })).json()).toMatchObject({ code: 'file.not_found' })
  })

  it('refuses a renamed executable (ELF or MZ bytes named .pdf, sent as application/pdf) with 415 and stores nothing', async () => {
    const before = await storedFiles()
    const rows = await templateRows()
    for (const bytes of [elfFile(), exeFile()]) {
      const response = await upload(admin, bytes, 'mau-don.pdf', { document: 1, partType: 'application/pdf' })
      expect(response.statusCode, response.body).toBe(415)
      expect(response.json()).toMatchObject({ code: 'file.unsupported_type' })
    }
    expect(await storedFiles()).toEqual(before)
    expect(await templateRows()).toEqual(rows)
  })

  it('refuses a file over 10 MB with 413 and leaves nothing behind', async () => {
    const before = await storedFiles()
    const response = await upload(admin, pdfFile(10 * 1024 * 1024 + 1), 'lon.pdf', { document: 1 })
    expect(response.statusCode, response.body).toBe(413)
    expect(response.json()).toMatchObject({ code: 'file.too_large' })
    expect(await storedFiles()).toEqual(before)
    expect((await templateRows()).filter((r) => r.document_index === 1)).toEqual([])
  })

  it('lets only a catalogue manager upload, and only for a document the draft lists, with a multipart body', async () => {
    const before = await storedFiles()
    expect((await upload(specialist, pdfFile(2000), 'a.pdf', { document: 1 })).json()).toMatchObject({ code: 'auth.forbidden' })
    expect((await upload(admin, pdfFile(2000), 'a.pdf', { document: 2 })).json()).toMatchObject({ code: 'procedure.invalid' })
    expect((await upload(admin, pdfFile(2000), 'a.pdf', { version: 9 })).json()).toMatchObject({ code: 'procedure.version_not_found' })
    const json = await t.app.inject({ method: 'PUT', url: `/api${templatePath(1, 1)}`, headers: admin, payload: { file: 'x' } })
    expect(json.statusCode).toBe(415)
    // Multipart reaches only the upload routes: a JSON route refuses it as before.
    const toJsonRoute = multipart(pdfFile(2000), 'a.pdf')
    const refused = await t.app.inject({ method: 'POST', url: `/api/procedures/${procedureId}/versions/1/publish`, headers: { ...admin, ...toJsonRoute.headers }, payload: toJsonRoute.payload })
    expect(refused.statusCode).toBe(415)
    expect(refused.json()).toMatchObject({ code: 'request.unsupported_media_type' })
    // A multipart body without its file part.
    const noFile = await t.app.inject({ method: 'PUT', url: `/api${templatePath(1, 1)}`, headers: { ...admin, 'content-type': 'multipart/form-data; boundary=zz' }, payload: '--zz\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--zz--\r\n' })
    expect(noFile.json()).toMatchObject({ code: 'file.missing' })
    expect(await storedFiles()).toEqual(before)
  })

  it('replaces a template under If-Match, deletes the replaced file, and refuses a stale version', async () => {
    const oldKey = (await templateRows()).find((r) => r.document_index === 0)!.file_key
    const pdf = pdfFile(30_000)
    const stale = await upload(admin, pdf, 'to-khai.pdf', { ifMatch: '"7"' })
    expect(stale.statusCode).toBe(409)
    expect(stale.json()).toMatchObject({ code: 'request.stale', currentVersion: 1 })
    const replaced = await upload(admin, pdf, 'to-khai.pdf', { ifMatch: '"1"' })
    expect(replaced.statusCode, replaced.body).toBe(200)
    expect(replaced.json()).toMatchObject({ mediaType: MEDIA.pdf, size: pdf.length, sha256: sha256(pdf), rowVersion: 2 })
    expect(await t.app.storage.exists(oldKey)).toBe(false)
    const entry = await t.database.db.selectFrom('audit_entries').select('changes').where('action', '=', 'procedure.template_replaced').executeTakeFirstOrThrow()
    expect(entry.changes).toMatchObject({ before: { sha256: sha256(docx) }, after: { sha256: sha256(pdf) } })
    // One file per template: the stale attempt left nothing.
    expect((await storedFiles()).filter((f) => !f.includes(`${path.sep}.tmp${path.sep}`))).toHaveLength(1)
  })

  it('shows the template in the public detail once published and serves it on the portal', async () => {
    const pdf = pdfFile(30_000)
    await upload(admin, pdf, 'to-khai.pdf', { ifMatch: '"2"' })
    expect((await t.app.inject({ method: 'POST', url: `/api/procedures/${procedureId}/versions/1/publish`, headers: admin })).statusCode).toBe(200)
    const detail = (await t.app.inject({ method: 'GET', url: `/api/public/procedures/${procedureId}` })).json()
    expect(detail.current.templates).toEqual([expect.objectContaining({ documentIndex: 0, fileName: 'to-khai.pdf', size: pdf.length, mediaType: MEDIA.pdf, url: `/api/public${templatePath(1, 0)}` })])
    const download = await t.app.inject({ method: 'GET', url: detail.current.templates[0].url })
    expect(download.statusCode).toBe(200)
    expect(download.rawPayload.equals(pdf)).toBe(true)
    expect(download.headers['content-type']).toBe(MEDIA.pdf)
    expect(download.headers['content-length']).toBe(String(pdf.length))
    // A published version's templates no longer change.
    expect((await upload(admin, pdf, 'b.pdf', { document: 1 })).json()).toMatchObject({ code: 'procedure.version_not_draft' })
    expect((await t.app.inject({ method: 'DELETE', url: `/api${templatePath(1, 0)}`, headers: admin })).json()).toMatchObject({ code: 'procedure.version_not_draft' })
  })

  it('deletes a draft’s template with its file, audited', async () => {
    const draft = await t.app.inject({ method: 'POST', url: `/api/procedures/${procedureId}/versions`, headers: admin, payload: { content: sampleContent({ nationalCode: 'T.000901', name: 'Thủ tục thử mẫu đơn' }), effectiveFrom: '2026-07-01' } })
    expect(draft.statusCode, draft.body).toBe(201)
    const uploaded = await upload(admin, pdfFile(4000), 'mau.pdf', { version: 2 })
    expect(uploaded.statusCode, uploaded.body).toBe(201)
    const key = (await t.database.db.selectFrom('procedure_form_templates').select('file_key').where('sha256', '=', uploaded.json().sha256).executeTakeFirstOrThrow()).file_key
    expect((await t.app.inject({ method: 'DELETE', url: `/api${templatePath(2, 0)}`, headers: { ...admin, 'if-match': '"5"' } })).statusCode).toBe(409)
    const removed = await t.app.inject({ method: 'DELETE', url: `/api${templatePath(2, 0)}`, headers: { ...admin, 'if-match': '"1"' } })
    expect(removed.statusCode, removed.body).toBe(204)
    expect(await t.app.storage.exists(key)).toBe(false)
    expect((await t.app.inject({ method: 'GET', url: `/api${templatePath(2, 0)}`, headers: admin })).json()).toMatchObject({ code: 'file.not_found' })
    const entry = await t.database.db.selectFrom('audit_entries').select('changes').where('action', '=', 'procedure.template_deleted').executeTakeFirstOrThrow()
    expect(entry.changes).toMatchObject({ before: { version: 2, document: 0, sha256: uploaded.json().sha256 } })
  })
})
