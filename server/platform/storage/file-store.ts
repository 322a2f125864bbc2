/**
 * File storage (docs/adr/0013-file-storage.md): files put, read and deleted by key, as streams.
 * Two stores behind one interface: a folder under DATA_DIR (the embedded default) and an
 * S3-compatible object store (production). Both receive an upload the same way: it streams into a
 * temporary file while it is counted (over the kind's limit → 413), hashed (SHA-256) and sniffed
 * (bytes of a type the kind does not accept → 415); only a file that passed every check is moved
 * into place (a rename, or one PutObject of known length), so nothing half written is ever
 * visible under its key.
 */
import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { AppError } from '../errors.ts'
import { FILE_KINDS, sniffContainer, sniffHead, SNIFF_BYTES, tooLarge, type FileKind, type MediaType } from './file-kinds.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** File storage (server/platform/storage, ADR 0013): the store chosen by STORAGE_DRIVER. */
    storage: FileStore
  }
}

export interface StoredFile {
  key: string
  /** Bytes stored. */
  size: number
  /** Hex SHA-256 of the bytes stored. */
  sha256: string
  /** Sniffed from the bytes. */
  mediaType: MediaType
}

export interface FileContent {
  stream: Readable
  size: number
}

export interface FileStore {
  readonly driver: 'local' | 's3'
  /**
   * Streams `source` into the store under `key`, checked against the policy of `kind`. Throws
   * 413 file.too_large or 415 file.unsupported_type and stores nothing; the source is consumed or
   * destroyed either way. An existing file under `key` is replaced only when the new one is complete.
   */
  put(key: string, source: Readable | AsyncIterable<Uint8Array>, options: { kind: FileKind }): Promise<StoredFile>
  /** The file's bytes as a stream, and its size; throws 404 file.not_found when there is none. */
  get(key: string): Promise<FileContent>
  /** Deletes the file; deleting a missing key is not an error. */
  delete(key: string): Promise<void>
  exists(key: string): Promise<boolean>
  close(): Promise<void>
}

/** Lower-case segments of letters, digits, `-`, `_` and `.` (never a segment of dots), joined by `/`. */
const KEY_PATTERN = /^(?!.*(^|\/)\.+(\/|$))[a-z0-9][a-z0-9._-]{0,99}(\/[a-z0-9][a-z0-9._-]{0,99}){0,7}$/

/** Throws unless `key` is a safe store key: no path traversal, no absolute path, nothing a shell or S3 would read twice. */
export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key.length > 400 || !KEY_PATTERN.test(key)) {
    throw new AppError('request.invalid', { vi: 'Khoá tệp không hợp lệ', en: 'Invalid file key' })
  }
}

/** A new key for a file of `kind`: `<kind>/<yyyy>/<uuid>`, never derived from anything a user sent. */
export function newFileKey(kind: FileKind, now: Date = new Date()): string {
  return `${kind}/${now.getUTCFullYear()}/${randomUUID()}`
}

export interface SpooledFile {
  /** The temporary file holding the checked bytes; the caller moves or deletes it. */
  file: string
  size: number
  sha256: string
  mediaType: MediaType
}

/**
 * Streams `source` into a new file `file` (created exclusively), counting, hashing and sniffing
 * as it goes. On any failure the file is removed and the source destroyed.
 */
export async function spool(source: Readable | AsyncIterable<Uint8Array>, file: string, kind: FileKind): Promise<SpooledFile> {
  const policy = FILE_KINDS[kind]
  const hash = createHash('sha256')
  const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 })
  const opened = new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject))
  let failed: unknown = null
  out.on('error', (error) => {
    failed ??= error
  })
  const write = async (chunk: Uint8Array) => {
    if (failed) throw failed
    if (!out.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: unknown) => reject(error)
        out.once('drain', () => {
          out.off('error', onError)
          resolve()
        })
        out.once('error', onError)
      })
    }
  }
  let size = 0
  let head: Buffer[] = []
  let headBytes = 0
  let verdict: Awaited<ReturnType<typeof sniffHead>> | null = null
  const decide = async (complete: boolean) => {
    const bytes = Buffer.concat(head, headBytes)
    verdict = await sniffHead(bytes, complete, policy)
    head = []
    await write(bytes)
  }
  try {
    await opened
    for await (const piece of source) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece) : piece
      size += chunk.length
      if (size > policy.maxBytes) throw tooLarge(policy)
      hash.update(chunk)
      if (verdict) {
        await write(chunk)
        continue
      }
      head.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength))
      headBytes += chunk.length
      if (headBytes >= SNIFF_BYTES) await decide(false)
    }
    if (!verdict) await decide(true)
    await new Promise<void>((resolve, reject) => {
      if (failed) return reject(failed)
      out.once('error', reject)
      out.end(() => resolve())
    })
    const first = verdict as unknown as Awaited<ReturnType<typeof sniffHead>>
    const mediaType = first.verdict === 'accept' ? first.mediaType : await sniffContainer(file, policy)
    return { file, size, sha256: hash.digest('hex'), mediaType }
  } catch (error) {
    out.destroy()
    if (typeof (source as Readable).destroy === 'function') (source as Readable).destroy()
    await fsp.rm(file, { force: true })
    throw error
  }
}

/** A name for a temporary file in `dir` that no other upload uses. */
export function temporaryName(dir: string): string {
  return path.join(dir, `${randomUUID()}.part`)
}
