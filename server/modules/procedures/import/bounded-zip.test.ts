import { text } from 'node:stream/consumers'
import { deflateRawSync, inflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { openZip, UnpackLimitError, ZipEntryError } from './bounded-zip.ts'
import { buildTestZip, deflateStream, zipTestEntries, type TestZipEntry } from './catalogue-test-files.ts'

const MiB = 1024 * 1024
const limits = (maxUnpackedBytes: number) => ({ maxUnpackedBytes, maxEntries: 100 })
const stored = (name: string, data: Buffer): TestZipEntry => ({ name, method: 0, crc: 0, compressed: data, declaredSize: data.length })
const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error)

describe('bounded ZIP reader', () => {
  it('reads the parts of a real workbook as text', async () => {
    const book = new ExcelJS.Workbook()
    book.addWorksheet('Trang 1').addRow(['Thủ tục đăng ký khai sinh'])
    const file = Buffer.from(await book.xlsx.writeBuffer())
    const zip = openZip(file, limits(10 * MiB))!
    expect(zip.has('xl/workbook.xml')).toBe(true)
    const entry = zipTestEntries(file).find((e) => e.name === 'xl/sharedStrings.xml')!
    const expected = (entry.method === 8 ? inflateRawSync(entry.compressed) : entry.compressed).toString('utf8')
    expect(await text(zip.openText('xl/sharedStrings.xml'))).toBe(expected)
    expect(expected).toContain('Thủ tục đăng ký khai sinh')
    expect(zip.unpacked).toBe(Buffer.byteLength(expected))
  })

  it('decodes letters split across chunks', async () => {
    const letters = 'ệ'.repeat(100_000) // 3 bytes each: chunk boundaries fall inside letters
    const zip = openZip(buildTestZip([stored('a.txt', Buffer.from(letters))]), limits(MiB))!
    expect(await text(zip.openText('a.txt'))).toBe(letters)
  })

  it('counts inflated bytes, never the declared sizes, and stops at the limit', async () => {
    const bomb: TestZipEntry = { name: 'bomb.xml', method: 8, crc: 0, compressed: deflateStream(Buffer.from('<x>'), 64), declaredSize: 1000 }
    const zip = openZip(buildTestZip([bomb]), limits(MiB))!
    const error = await failure(text(zip.openText('bomb.xml')))
    expect(error).toBeInstanceOf(UnpackLimitError)
    // Stopped within a few stream buffers of the limit, not after 64 MiB.
    expect(zip.unpacked).toBeLessThan(2 * MiB)
  })

  it('applies the limit to stored entries and to all entries opened together', async () => {
    const big = openZip(buildTestZip([{ ...stored('big.txt', Buffer.alloc(2 * MiB, 0x61)), declaredSize: 10 }]), limits(MiB))!
    expect(await failure(text(big.openText('big.txt')))).toBeInstanceOf(UnpackLimitError)
    const half = Buffer.alloc(0.6 * MiB, 0x61)
    const two = openZip(buildTestZip([{ name: 'a', method: 8, crc: 0, compressed: deflateRawSync(half), declaredSize: 1 }, stored('b', half)]), limits(MiB))!
    expect((await text(two.openText('a'))).length).toBe(half.length)
    expect(await failure(text(two.openText('b')))).toBeInstanceOf(UnpackLimitError)
  })

  it('refuses encrypted entries, unknown methods, broken data and ZIP64', async () => {
    const zip = openZip(
      buildTestZip([
        { ...stored('secret', Buffer.from('x')), flags: 0x0801 },
        { ...stored('bzip2', Buffer.from('x')), method: 12 },
        { name: 'broken', method: 8, crc: 0, compressed: Buffer.from([0xff, 0xff, 0xff]), declaredSize: 3 },
        { name: 'cut', method: 8, crc: 0, compressed: deflateRawSync(Buffer.alloc(100_000, 1)).subarray(0, 20), declaredSize: 100_000 },
      ]),
      limits(MiB),
    )!
    expect(await failure(text(zip.openText('secret')))).toBeInstanceOf(ZipEntryError)
    expect(await failure(text(zip.openText('bzip2')))).toBeInstanceOf(ZipEntryError)
    expect(await failure(text(zip.openText('missing')))).toBeInstanceOf(ZipEntryError)
    expect(await failure(text(zip.openText('broken')))).toBeInstanceOf(Error)
    expect(await failure(text(zip.openText('cut')))).toBeInstanceOf(Error)
    const zip64 = buildTestZip([stored('a', Buffer.from('x'))])
    zip64.writeUInt32LE(0xffffffff, zip64.length - 22 - 46 - 1 + 20) // central directory: compressed size
    expect(openZip(zip64, limits(MiB))).toBeNull()
    expect(openZip(Buffer.from('name,field_name\n'), limits(MiB))).toBeNull()
  })
})
