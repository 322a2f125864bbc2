/**
 * Uploads through @fastify/multipart (registered once in server/app.ts): the file part streams
 * straight into the store, which counts, hashes and sniffs it on the way (only the first
 * SNIFF_BYTES are held in memory). And the Content-Disposition of a download, with the original
 * (often Vietnamese) name.
 */
import path from 'node:path'
import type { FastifyRequest } from 'fastify'
import { AppError } from '../errors.ts'
import { FILE_KINDS, tooLarge, type FileKind } from './file-kinds.ts'
import type { FileStore, StoredFile } from './file-store.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes a multipart/form-data upload; every other route refuses multipart with 415 (see refuseMultipart). */
    multipart?: boolean
  }
}

/**
 * preValidation hook for the whole app: multipart/form-data (which a cross-site HTML form can send
 * without a CORS preflight) reaches only the routes that take uploads; the others stay JSON only.
 */
export async function refuseMultipart(request: FastifyRequest): Promise<void> {
  if (request.isMultipart() && !request.routeOptions.config?.multipart) throw new AppError('request.unsupported_media_type')
}

export interface Upload {
  stored: StoredFile
  /** The name the client gave the file (NFC, without any folder, control characters or more than 200 characters); for display and download only. */
  fileName: string
}

/** The client's file name, reduced to something safe to store and show; never used as a path or key. */
export function cleanFileName(raw: string | undefined): string {
  const base = path.posix.basename(path.win32.basename(raw ?? '')).normalize('NFC')
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim()
  return Array.from(clean).slice(0, 200).join('') || 'tep'
}

/**
 * Reads the one file part of a multipart request into `store` under `key`, checked against the
 * policy of `kind`: 413 file.too_large, 415 file.unsupported_type (nothing stored), 400
 * file.missing without a file part, 415 request.unsupported_media_type when the body is not multipart.
 */
export async function receiveUpload(request: FastifyRequest, store: FileStore, key: string, kind: FileKind): Promise<Upload> {
  if (!request.isMultipart()) throw new AppError('request.unsupported_media_type', { vi: 'Hãy gửi tệp dưới dạng multipart/form-data', en: 'Send the file as multipart/form-data' })
  const policy = FILE_KINDS[kind]
  let part
  try {
    // One byte past the kind's limit, so the store's own count (413 file.too_large) decides.
    part = await request.file({ limits: { fileSize: policy.maxBytes + 1, files: 1 } })
  } catch (error) {
    throw multipartError(error, kind)
  }
  if (!part) throw new AppError('file.missing')
  // The part's declared Content-Type (part.mimetype) and the name's extension are never read: the bytes decide.
  try {
    const stored = await store.put(key, part.file, { kind })
    return { stored, fileName: cleanFileName(part.filename) }
  } catch (error) {
    throw multipartError(error, kind)
  }
}

function multipartError(error: unknown, kind: FileKind): unknown {
  const code = (error as { code?: unknown } | null)?.code
  if (code === 'FST_REQ_FILE_TOO_LARGE') return tooLarge(FILE_KINDS[kind])
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new AppError('request.invalid', { vi: 'Chỉ gửi một tệp', en: 'Send one file only' })
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE' || code === 'FST_MP_PREMATURE_CLOSE' || code === 'FST_PROTO_VIOLATION') return new AppError('request.invalid', { vi: 'Dữ liệu multipart không hợp lệ', en: 'The multipart body is not valid' })
  // busboy's own parse errors ("Malformed part header", "Unexpected end of form").
  if (error instanceof Error && !(error instanceof AppError) && /multipart|boundary|part header|end of form/i.test(error.message)) return new AppError('request.invalid', { vi: 'Dữ liệu multipart không hợp lệ', en: 'The multipart body is not valid' })
  return error
}

/** ASCII stand-in of a name for old clients: Vietnamese letters without their marks, other characters as `_`. */
function asciiName(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._ -]/g, '_')
  return ascii || 'tep'
}

/** RFC 5987 value characters: everything else percent-encoded (encodeURIComponent leaves ' ( ) * as they are). */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266 §4.3, RFC 8187): every browser shows the original Vietnamese name. */
export function contentDisposition(fileName: string): string {
  return `attachment; filename="${asciiName(fileName)}"; filename*=UTF-8''${rfc5987(fileName)}`
}
