/**
 * A ZIP reader for untrusted files held in memory, bounded in what it unpacks. Sizes written in
 * the archive (central directory or local headers) are never trusted: every byte an entry
 * inflates to is counted while it streams, and the stream fails with `UnpackLimitError` as soon
 * as the bytes of all entries opened exceed the limit. So a small file declaring 1 KB that
 * inflates to gigabytes costs at most the limit in CPU and a few stream buffers in memory.
 *
 * Entries are found through the central directory only (one parser: nothing is read by walking
 * local headers). Refused (null): not a ZIP, ZIP64, too many entries, entries outside the
 * buffer. Refused when opened: encryption, a method other than stored or deflate.
 */
import { Readable, Transform, pipeline } from 'node:stream'
import { createInflateRaw } from 'node:zlib'

export interface ZipEntry {
  name: string
  /** 0 stored, 8 deflate. */
  method: number
  flags: number
  compressedSize: number
  localHeaderOffset: number
}

/** The entries opened so far unpacked to more than `limit` bytes. */
export class UnpackLimitError extends Error {
  constructor(readonly limit: number) {
    super(`the archive unpacks to more than ${limit} bytes`)
    this.name = 'UnpackLimitError'
  }
}

/** An entry cannot be opened (encrypted, unknown method, broken local header). */
export class ZipEntryError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ZipEntryError'
  }
}

const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_DIRECTORY = 0x06054b50
/** Compressed bytes fed to the inflater at a time (a deflate block can expand ~1000×). */
const FEED_BYTES = 16 * 1024

/** The entries of a ZIP's central directory, or null when the bytes are not a ZIP this reader takes. */
export function readZipDirectory(buffer: Buffer, maxEntries: number): ZipEntry[] | null {
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== LOCAL_HEADER) return null
  // End of central directory: 22 bytes plus a comment of at most 65535 bytes, at the end.
  let eocd = -1
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
    if (buffer.readUInt32LE(i) === END_OF_DIRECTORY) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return null
  const count = buffer.readUInt16LE(eocd + 10)
  const offset = buffer.readUInt32LE(eocd + 16)
  if (count === 0xffff || offset === 0xffffffff || count > maxEntries) return null // ZIP64, or too many
  const entries: ZipEntry[] = []
  let at = offset
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_HEADER) return null
    const flags = buffer.readUInt16LE(at + 8)
    const method = buffer.readUInt16LE(at + 10)
    const compressedSize = buffer.readUInt32LE(at + 20)
    const nameLength = buffer.readUInt16LE(at + 28)
    const extraLength = buffer.readUInt16LE(at + 30)
    const commentLength = buffer.readUInt16LE(at + 32)
    const localHeaderOffset = buffer.readUInt32LE(at + 42)
    if (at + 46 + nameLength > buffer.length) return null
    if (compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) return null // ZIP64
    if (localHeaderOffset + 30 > buffer.length) return null
    entries.push({ name: buffer.toString('utf8', at + 46, at + 46 + nameLength), method, flags, compressedSize, localHeaderOffset })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

export interface BoundedZip {
  readonly entries: ReadonlyMap<string, ZipEntry>
  /** Bytes unpacked so far by every stream opened. */
  readonly unpacked: number
  has(name: string): boolean
  /**
   * The entry's content as UTF-8 text chunks (decoded across chunk boundaries). The stream fails
   * with UnpackLimitError past the limit, ZipEntryError when the entry cannot be opened, and a
   * zlib error when the data is corrupt.
   */
  openText(name: string): Readable
}

/** A bounded reader over `buffer`, or null when it is not a ZIP this reader takes. */
export function openZip(buffer: Buffer, options: { maxUnpackedBytes: number; maxEntries: number }): BoundedZip | null {
  const list = readZipDirectory(buffer, options.maxEntries)
  if (!list) return null
  const entries = new Map<string, ZipEntry>()
  for (const entry of list) if (!entries.has(entry.name)) entries.set(entry.name, entry)
  let unpacked = 0

  function compressedData(entry: ZipEntry): Buffer {
    const at = entry.localHeaderOffset
    if (buffer.readUInt32LE(at) !== LOCAL_HEADER) throw new ZipEntryError(`${entry.name}: no local header`)
    // Only the lengths of the local name and extra field are taken from the local header: they say where the data starts.
    const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28)
    const end = start + entry.compressedSize
    if (end > buffer.length) throw new ZipEntryError(`${entry.name}: data past the end of the file`)
    return buffer.subarray(start, end)
  }

  return {
    entries,
    get unpacked() {
      return unpacked
    },
    has: (name) => entries.has(name),
    openText(name) {
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          unpacked += chunk.length
          if (unpacked > options.maxUnpackedBytes) callback(new UnpackLimitError(options.maxUnpackedBytes))
          else callback(null, chunk)
        },
      })
      counter.setEncoding('utf8')
      const entry = entries.get(name)
      let data: Buffer
      try {
        if (!entry) throw new ZipEntryError(`${name}: no such entry`)
        if (entry.flags & 0x1) throw new ZipEntryError(`${name}: encrypted`)
        if (entry.method !== 0 && entry.method !== 8) throw new ZipEntryError(`${name}: compression method ${entry.method} is not supported`)
        data = compressedData(entry)
      } catch (error) {
        process.nextTick(() => counter.destroy(error as Error))
        return counter
      }
      function* feed(): Generator<Buffer> {
        for (let at = 0; at < data.length; at += FEED_BYTES) yield data.subarray(at, at + FEED_BYTES)
      }
      const source = Readable.from(feed(), { objectMode: false })
      if (entry.method === 0) pipeline(source, counter, () => {})
      else pipeline(source, createInflateRaw(), counter, () => {})
      return counter
    },
  }
}
