/**
 * Test helpers (no tests here): hostile and very large catalogue files built in the test itself,
 * with little memory, and a probe of the event loop's longest stall.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { PassThrough } from 'node:stream'
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib'
import ExcelJS from 'exceljs'

export interface TestZipEntry {
  name: string
  /** 0 stored, 8 deflated. */
  method: number
  crc: number
  compressed: Buffer
  /** The uncompressed size written in both headers (it may lie). */
  declaredSize: number
  /** General purpose flags (default: UTF-8 names). */
  flags?: number
}

/** The entries of a ZIP (read from its central directory), with their compressed bytes. */
export function zipTestEntries(zip: Buffer): TestZipEntry[] {
  let eocd = zip.length - 22
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--
  if (eocd < 0) throw new Error('not a zip')
  const entries: TestZipEntry[] = []
  let at = zip.readUInt32LE(eocd + 16)
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    const nameLength = zip.readUInt16LE(at + 28)
    const local = zip.readUInt32LE(at + 42)
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressed: zip.subarray(start, start + zip.readUInt32LE(at + 20)),
      declaredSize: zip.readUInt32LE(at + 24),
    })
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return entries
}

/** A ZIP of these entries: local headers and central directory both carry `declaredSize`. */
export function buildTestZip(entries: TestZipEntry[]): Buffer {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(entry.flags ?? 0x0800, 6) // UTF-8 names, sizes in the header (no data descriptor)
    local.writeUInt16LE(entry.method, 8)
    local.writeUInt32LE(entry.crc, 14)
    local.writeUInt32LE(entry.compressed.length, 18)
    local.writeUInt32LE(entry.declaredSize, 22)
    local.writeUInt16LE(name.length, 26)
    const record = Buffer.alloc(46)
    record.writeUInt32LE(0x02014b50, 0)
    record.writeUInt16LE(20, 4)
    record.writeUInt16LE(20, 6)
    record.writeUInt16LE(entry.flags ?? 0x0800, 8)
    record.writeUInt16LE(entry.method, 10)
    record.writeUInt32LE(entry.crc, 16)
    record.writeUInt32LE(entry.compressed.length, 20)
    record.writeUInt32LE(entry.declaredSize, 24)
    record.writeUInt16LE(name.length, 28)
    record.writeUInt32LE(offset, 42)
    parts.push(local, name, entry.compressed)
    central.push(record, name)
    offset += local.length + name.length + entry.compressed.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, directory, end])
}

/**
 * Raw deflate of `head` followed by `padMiB` MiB of `fill`, built without ever holding the
 * inflated bytes: each part is compressed on its own and ends on a full flush (byte-aligned, no
 * reference to earlier data), so one compressed MiB can be repeated; an empty final block ends it.
 */
export function deflateStream(head: Buffer, padMiB: number, fill = 0x20): Buffer {
  const part = (data: Buffer) => deflateRawSync(data, { finishFlush: constants.Z_FULL_FLUSH })
  const block = part(Buffer.alloc(1024 * 1024, fill))
  return Buffer.concat([part(head), ...Array.from({ length: padMiB }, () => block), deflateRawSync(Buffer.alloc(0))])
}

/**
 * A real workbook whose first sheet is replaced by its own XML followed by `padMiB` MiB of `fill`
 * (spaces are valid after the root element, NUL bytes are not), deflated, with both headers
 * declaring 1,000 bytes.
 */
export async function zipBombWorkbook(padMiB: number, fill = 0x20): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Sheet1')
  sheet.addRow(['name', 'field_name'])
  sheet.addRow(['Thủ tục', 'Hộ tịch'])
  const entries = zipTestEntries(Buffer.from(await book.xlsx.writeBuffer()))
  const target = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!
  const xml = target.method === 8 ? inflateRawSync(target.compressed) : target.compressed
  target.compressed = deflateStream(xml, padMiB, fill)
  target.method = 8
  target.declaredSize = 1000
  return buildTestZip(entries)
}

/** A workbook of `rows` data rows under a header, written by ExcelJS's streaming writer. */
export async function streamedWorkbook(rows: number, header = ['name', 'field_name']): Promise<Buffer> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false })
  const sheet = book.addWorksheet('Sheet1')
  sheet.addRow(header).commit()
  for (let i = 0; i < rows; i++) sheet.addRow([`T${i}`, 'x']).commit()
  sheet.commit()
  await book.commit()
  return Buffer.concat(chunks)
}

/** Measures the longest time the event loop could not run a timer, from start() to stop(). */
export function eventLoopProbe(intervalMs = 10): { stop(): number } {
  let last = performance.now()
  let worst = 0
  const timer = setInterval(() => {
    const now = performance.now()
    worst = Math.max(worst, now - last - intervalMs)
    last = now
  }, intervalMs)
  return {
    stop() {
      clearInterval(timer)
      return Math.max(worst, performance.now() - last - intervalMs)
    },
  }
}

/** The kernel's record of this process's peak resident memory (Linux), or null elsewhere. */
function peakRss(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
    return kb ? Number(kb) * 1024 : null
  } catch {
    return null
  }
}

/**
 * How much the process's resident memory grows from start() to stop(): the kernel's peak, reset
 * at start (Linux; a timer cannot sample while the event loop is blocked), and timer samples.
 */
export function memoryProbe(intervalMs = 10): { stop(): number } {
  try {
    writeFileSync('/proc/self/clear_refs', '5') // resets VmHWM to the current RSS
  } catch {
    // not Linux: samples only
  }
  const before = process.memoryUsage.rss()
  let peak = before
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, intervalMs)
  return {
    stop() {
      clearInterval(timer)
      return Math.max(peak, process.memoryUsage.rss(), peakRss() ?? 0) - before
    },
  }
}
