/**
 * What each kind of stored file may be: the media types its bytes may have and its size limit
 * (docs/adr/0013-file-storage.md). The type is sniffed from the content with file-type, never
 * taken from the file name or a Content-Type header: a renamed executable is an executable.
 */
import fs from 'node:fs'
import { AppError } from '../errors.ts'

// file-type is loaded on the first upload, not at start (it costs a tenth of a second of CPU).
const fileType = () => import('file-type')

export const MEDIA = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  csv: 'text/csv',
  jpeg: 'image/jpeg',
  png: 'image/png',
} as const

export type MediaType = (typeof MEDIA)[keyof typeof MEDIA]

export interface FilePolicy {
  /** Media types the bytes may have. */
  types: readonly MediaType[]
  /** Largest accepted file, in bytes. */
  maxBytes: number
}

const MiB = 1024 * 1024

export const FILE_KINDS = {
  /** Blank forms (mẫu đơn, tờ khai) attached to a procedure's documents, downloaded on the portal. */
  'form-template': { types: [MEDIA.pdf, MEDIA.doc, MEDIA.docx, MEDIA.xls, MEDIA.xlsx, MEDIA.odt], maxBytes: 10 * MiB },
  /** Catalogue import files: what the catalogue import accepts (import/catalogue-grid.ts: XLSX or UTF-8 CSV, 10 MB). */
  'catalogue-import': { types: [MEDIA.xlsx, MEDIA.csv], maxBytes: 10 * MiB },
  /** Scans of a dossier's papers (for the one-stop shop). */
  scan: { types: [MEDIA.pdf, MEDIA.jpeg, MEDIA.png], maxBytes: 20 * MiB },
} as const satisfies Record<string, FilePolicy>

export type FileKind = keyof typeof FILE_KINDS

/** Bytes read before the first verdict on the type: enough for every magic number file-type checks first. */
export const SNIFF_BYTES = 64 * 1024

/** The largest limit of any kind: the ceiling given to the multipart parser. */
export const MAX_FILE_BYTES = Math.max(...Object.values(FILE_KINDS).map((p) => p.maxBytes))

export function tooLarge(policy: FilePolicy): AppError {
  const mb = Math.round((policy.maxBytes / MiB) * 10) / 10
  return new AppError('file.too_large', { vi: `Tệp lớn hơn ${mb} MB`, en: `The file is larger than ${mb} MB` }, { maxBytes: policy.maxBytes })
}

export function unsupportedType(policy: FilePolicy, found?: string): AppError {
  const accepted = policy.types.join(', ')
  return new AppError(
    'file.unsupported_type',
    { vi: `Nội dung tệp${found ? ` là ${found}` : ''} không thuộc loại được chấp nhận (${accepted})`, en: `The file's content${found ? ` is ${found}, which is` : ' is'} not an accepted type (${accepted})` },
    { accepted: [...policy.types] },
  )
}

/** A container whose exact type needs the whole file (ZIP entries, compound-file streams). */
const CONTAINERS = new Set(['application/zip', 'application/x-cfb', MEDIA.docx, MEDIA.xlsx, MEDIA.odt, MEDIA.ods])

/** Text that may be a CSV file: no NUL byte and valid UTF-8 (a character cut by the end of the sample allowed). */
function looksLikeText(head: Uint8Array, complete: boolean): boolean {
  if (head.includes(0)) return false
  let end = head.length
  if (!complete) {
    // Step back over a multi-byte character the sample cut in two.
    let back = 0
    while (back < 3 && end - back - 1 >= 0 && (head[end - back - 1]! & 0xc0) === 0x80) back++
    const lead = end - back - 1 >= 0 ? head[end - back - 1]! : 0
    if (lead >= 0xc0) end = end - back - 1
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end))
    return true
  } catch {
    return false
  }
}

/**
 * First verdict, from the first bytes: `accept` with the type when the magic number settles it,
 * `container` when the whole file must be read (OOXML, ODF, old Office), or an AppError 415.
 */
export async function sniffHead(head: Uint8Array, complete: boolean, policy: FilePolicy): Promise<{ verdict: 'accept'; mediaType: MediaType } | { verdict: 'container' }> {
  const found = await (await fileType()).fileTypeFromBuffer(head)
  if (!found) {
    if (policy.types.includes(MEDIA.csv) && head.length > 0 && looksLikeText(head, complete)) return { verdict: 'accept', mediaType: MEDIA.csv }
    throw unsupportedType(policy)
  }
  if (CONTAINERS.has(found.mime) && policy.types.some((t) => CONTAINERS.has(t) || t === MEDIA.doc || t === MEDIA.xls)) return { verdict: 'container' }
  if ((policy.types as readonly string[]).includes(found.mime)) return { verdict: 'accept', mediaType: found.mime as MediaType }
  throw unsupportedType(policy, found.mime)
}

/** UTF-16LE bytes of a compound-file stream name, as stored in its directory entries. */
const utf16 = (name: string) => Buffer.from(name, 'utf16le')
const WORD_STREAM = utf16('WordDocument')
const EXCEL_STREAMS = [utf16('Workbook'), utf16('Book\u0000')]

/**
 * Final verdict on a container, from the whole file (spooled to a temporary file, so file-type can
 * read ZIP entries wherever they are). An old Office compound file is told apart from other
 * compound files (e.g. an .msi installer) by its main stream's name in the directory.
 */
export async function sniffContainer(file: string, policy: FilePolicy): Promise<MediaType> {
  const found = await (await fileType()).fileTypeFromFile(file)
  let mediaType: string | undefined = found?.mime
  if (mediaType === 'application/x-cfb') {
    const names = await streamNamesIn(file, [WORD_STREAM, ...EXCEL_STREAMS])
    if (names[0]) mediaType = MEDIA.doc
    else if (names[1] || names[2]) mediaType = MEDIA.xls
  }
  if (mediaType && (policy.types as readonly string[]).includes(mediaType)) return mediaType as MediaType
  throw unsupportedType(policy, mediaType)
}

/** Which of `needles` occur in the file, read in chunks (never the whole file in memory). */
async function streamNamesIn(file: string, needles: Buffer[]): Promise<boolean[]> {
  const found = needles.map(() => false)
  const overlap = Math.max(...needles.map((n) => n.length)) - 1
  let tail = Buffer.alloc(0)
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    const window = Buffer.concat([tail, chunk])
    needles.forEach((needle, i) => {
      if (!found[i] && window.includes(needle)) found[i] = true
    })
    if (found.every(Boolean)) break
    tail = window.subarray(Math.max(0, window.length - overlap))
  }
  return found
}
