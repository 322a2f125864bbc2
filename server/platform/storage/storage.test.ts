/**
 * Both stores through the same tests: the folder under DATA_DIR, and the S3 store through the real
 * @aws-sdk/client-s3 against s3rver (an S3-protocol server) on loopback. A multi-megabyte file
 * reads back byte for byte with its size and SHA-256; refused uploads (413, 415) leave nothing
 * behind; a renamed executable is refused whatever its name.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import S3rver from 's3rver'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../errors.ts'
import { FILE_KINDS, MEDIA } from './file-kinds.ts'
import { assertValidKey, newFileKey, type FileStore } from './file-store.ts'
import { createLocalFileStore } from './local-store.ts'
import { contentDisposition, cleanFileName } from './multipart.ts'
import { createS3FileStore } from './s3-store.ts'
import { docxFile, elfFile, exeFile, pdfFile, pngFile, xlsxFile, zipOf } from './test-files.ts'

const BUCKET = 'cchc-test'
let tmp: string
let server: S3rver
let endpoint: string
const stores: Record<'local' | 's3', FileStore> = {} as never

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'cchc-storage-'))
  server = new S3rver({ address: '127.0.0.1', port: 0, directory: path.join(tmp, 's3rver'), silent: true, configureBuckets: [{ name: BUCKET }] })
  const { port } = await server.run()
  endpoint = `http://127.0.0.1:${port}`
  stores.local = createLocalFileStore({ root: path.join(tmp, 'files') })
  stores.s3 = createS3FileStore({ endpoint, region: 'us-east-1', bucket: BUCKET, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true, spoolDir: path.join(tmp, 'spool') })
})

afterAll(async () => {
  await Promise.all(Object.values(stores).map((s) => s.close()))
  await server?.close()
  await fs.rm(tmp, { recursive: true, force: true })
})

/** A stream of `bytes` in chunks of `chunk` bytes, like a network upload. */
function chunked(bytes: Buffer, chunk = 64 * 1024): Readable {
  return Readable.from((function* () {
    for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk)
  })())
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const part of stream as AsyncIterable<Buffer>) parts.push(Buffer.from(part))
  return Buffer.concat(parts)
}

async function expectProblem(work: Promise<unknown>, code: string, status: number): Promise<void> {
  const error = await work.then(() => null, (e: unknown) => e)
  expect(error, `expected ${code}`).toBeInstanceOf(AppError)
  expect((error as AppError).code).toBe(code)
  expect((error as AppError).status).toBe(status)
}

/** Everything the store holds, temporary files included: after a refusal there must be nothing new. */
async function leftovers(driver: 'local' | 's3'): Promise<string[]> {
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => [])
    const files = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)])))
    return files.flat()
  }
  if (driver === 'local') return walk(path.join(tmp, 'files'))
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } })
  try {
    const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }))
    return [...(listed.Contents ?? []).map((o) => `s3:${o.Key}`), ...(await walk(path.join(tmp, 'spool')))]
  } finally {
    client.destroy()
  }
}

describe.each(['local', 's3'] as const)('%s store', (driver) => {
  const store = () => stores[driver]

  it('stores a multi-megabyte file and reads it back byte for byte, with its size and SHA-256', async () => {
    const bytes = pdfFile(6 * 1024 * 1024 + 12_345)
    const key = newFileKey('form-template')
    const stored = await store().put(key, chunked(bytes), { kind: 'form-template' })
    expect(stored).toEqual({ key, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), mediaType: MEDIA.pdf })
    expect(await store().exists(key)).toBe(true)
    const back = await store().get(key)
    expect(back.size).toBe(bytes.length)
    const read = await readAll(back.stream)
    expect(read.length).toBe(bytes.length)
    expect(read.equals(bytes)).toBe(true)
  })

  it('replaces a file under the same key only with a complete one', async () => {
    const key = newFileKey('form-template')
    const first = docxFile(1000)
    await store().put(key, chunked(first), { kind: 'form-template' })
    await expectProblem(store().put(key, chunked(elfFile()), { kind: 'form-template' }), 'file.unsupported_type', 415)
    expect((await readAll((await store().get(key)).stream)).equals(first)).toBe(true)
    const second = pdfFile(5000)
    await store().put(key, chunked(second), { kind: 'form-template' })
    expect((await readAll((await store().get(key)).stream)).equals(second)).toBe(true)
  })

  it('deletes, and answers file.not_found for a missing key', async () => {
    const key = newFileKey('scan')
    await store().put(key, chunked(pdfFile(2000)), { kind: 'scan' })
    await store().delete(key)
    expect(await store().exists(key)).toBe(false)
    await expectProblem(store().get(key), 'file.not_found', 404)
    await store().delete(key) // deleting again is not an error
    await expectProblem(store().get('form-template/2026/never-stored'), 'file.not_found', 404)
  })

  it('refuses a file over its kind’s limit while streaming (413) and leaves nothing behind', async () => {
    const before = await leftovers(driver)
    const key = newFileKey('form-template')
    let sent = 0
    const limit = FILE_KINDS['form-template'].maxBytes
    // An endless PDF: the store must stop reading once it is past the limit.
    const endless = Readable.from((function* () {
      yield pdfFile(1024)
      while (true) {
        sent += 256 * 1024
        yield randomBytes(256 * 1024)
      }
    })())
    await expectProblem(store().put(key, endless, { kind: 'form-template' }), 'file.too_large', 413)
    expect(sent).toBeLessThan(limit + 512 * 1024)
    expect(await store().exists(key)).toBe(false)
    expect(await leftovers(driver)).toEqual(before)
  })

  it('refuses a renamed executable (ELF or MZ bytes, whatever the name) with 415, storing nothing', async () => {
    const before = await leftovers(driver)
    for (const bytes of [elfFile(), exeFile(), elfFile(200_000)]) {
      const key = newFileKey('form-template')
      await expectProblem(store().put(key, chunked(bytes), { kind: 'form-template' }), 'file.unsupported_type', 415)
      expect(await store().exists(key)).toBe(false)
    }
    expect(await leftovers(driver)).toEqual(before)
  })
})

describe('content sniffing', () => {
  const put = (bytes: Buffer, kind: keyof typeof FILE_KINDS) => stores.local.put(newFileKey(kind), chunked(bytes, 1000), { kind })

  it('recognises DOCX and XLSX although both are ZIP files, and refuses a plain ZIP or a JAR', async () => {
    expect((await put(docxFile(), 'form-template')).mediaType).toBe(MEDIA.docx)
    expect((await put(docxFile(300_000), 'form-template')).mediaType).toBe(MEDIA.docx)
    expect((await put(xlsxFile(), 'form-template')).mediaType).toBe(MEDIA.xlsx)
    expect((await put(xlsxFile(), 'catalogue-import')).mediaType).toBe(MEDIA.xlsx)
    await expectProblem(put(zipOf([{ name: 'a.txt', data: 'hello' }]), 'form-template'), 'file.unsupported_type', 415)
    await expectProblem(put(zipOf([{ name: 'META-INF/MANIFEST.MF', data: 'Manifest-Version: 1.0\n' }, { name: 'A.class', data: randomBytes(100) }]), 'form-template'), 'file.unsupported_type', 415)
  })

  it('applies each kind’s own types: a DOCX is no scan, a PNG is no form template', async () => {
    await expectProblem(put(docxFile(), 'scan'), 'file.unsupported_type', 415)
    await expectProblem(put(docxFile(), 'catalogue-import'), 'file.unsupported_type', 415)
    const png = pngFile()
    expect((await put(png, 'scan')).mediaType).toBe(MEDIA.png)
    await expectProblem(put(png, 'form-template'), 'file.unsupported_type', 415)
  })

  it('takes UTF-8 text as CSV for a catalogue import only, even with a character cut at the sniffing boundary', async () => {
    const csv = Buffer.from(`name,field_name\n${'Đăng ký khai sinh,Hộ tịch\n'.repeat(5000)}`, 'utf8')
    expect((await put(csv, 'catalogue-import')).mediaType).toBe(MEDIA.csv)
    await expectProblem(put(csv, 'form-template'), 'file.unsupported_type', 415)
    await expectProblem(put(Buffer.from([0x61, 0x62, 0xff, 0xfe, 0x00, 0x01]), 'catalogue-import'), 'file.unsupported_type', 415)
    await expectProblem(put(Buffer.alloc(0), 'catalogue-import'), 'file.unsupported_type', 415)
  })

  it('tells an old Word document from another compound file (an .msi installer)', async () => {
    const cfb = (streamName: string) => {
      const file = Buffer.alloc(4096)
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file, 0)
      file.write(streamName, 1024, 'utf16le')
      return file
    }
    expect((await put(cfb('WordDocument'), 'form-template')).mediaType).toBe(MEDIA.doc)
    expect((await put(cfb('Workbook'), 'form-template')).mediaType).toBe(MEDIA.xls)
    await expectProblem(put(cfb('\u0005SummaryInformation'), 'form-template'), 'file.unsupported_type', 415)
  })
})

describe('keys and names', () => {
  it('refuses keys that could leave the store’s folder', async () => {
    for (const key of ['../etc/passwd', 'a/../../b', '/abs', 'a//b', 'a/./b', 'A/b', 'a\\b', '', 'a/b/', '.hidden', 'a/..', 'a b', `a/${'x'.repeat(120)}`]) {
      expect(() => assertValidKey(key), key).toThrow(AppError)
      await expectProblem(stores.local.get(key), 'request.invalid', 400)
    }
    expect(() => assertValidKey('form-template/2026/4f1c2a9e-0000-4000-8000-000000000000')).not.toThrow()
  })

  it('keeps only the last part of a client’s file name, in NFC, without control characters', () => {
    expect(cleanFileName('C:\\Users\\a\\Mẫu đơn.docx')).toBe('Mẫu đơn.docx')
    expect(cleanFileName('../../etc/passwd')).toBe('passwd')
    expect(cleanFileName('to\u0000khai\u202e.pdf'.normalize('NFD'))).toBe('tokhai.pdf')
    expect(cleanFileName('Tờ khai'.normalize('NFD'))).toBe('Tờ khai'.normalize('NFC'))
    expect(cleanFileName(undefined)).toBe('tep')
  })

  it('writes Content-Disposition with an ASCII fallback and the RFC 5987 UTF-8 name', () => {
    expect(contentDisposition('Tờ khai đăng ký (mẫu 01).docx')).toBe(`attachment; filename="To khai dang ky _mau 01_.docx"; filename*=UTF-8''T%E1%BB%9D%20khai%20%C4%91%C4%83ng%20k%C3%BD%20%28m%E1%BA%ABu%2001%29.docx`)
    expect(contentDisposition('a"b;c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%3Bc.pdf`)
  })
})
