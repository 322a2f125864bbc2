/**
 * Catalogue files: XLSX (first worksheet) and CSV (UTF-8, comma separated) read from a Buffer
 * into header → text records, and written from rows. The real type is decided by the content,
 * never by the name or the declared type: a PNG or a text file sent as XLSX is refused.
 */
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { AppError } from '../../../platform/errors.ts'
import { COLUMNS, HEADERS, normaliseCell, type CatalogueRow } from './catalogue-rows.ts'

export const MAX_FILE_BYTES = 10 * 1024 * 1024
export const MAX_ROWS = 10_000
/** Bound on what an XLSX may unpack to (a small ZIP can hold gigabytes). */
const MAX_UNPACKED_BYTES = 150 * 1024 * 1024
const MAX_ZIP_ENTRIES = 5_000

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const CSV_TYPE = 'text/csv'

export type FileKind = 'xlsx' | 'csv'

export interface CatalogueTable {
  kind: FileKind
  headers: string[]
  rows: Array<Record<string, string>>
  /** File row number of each record (1 = header row). */
  rowNumbers: number[]
  headerRow: number
}

function invalidFile(en: string, vi: string): AppError {
  return new AppError('import.invalid_file', { vi, en })
}

interface ZipEntry {
  name: string
  uncompressedSize: number
}

/** The entries of a ZIP's central directory, or null when the bytes are not a readable ZIP. */
function zipEntries(buffer: Buffer): ZipEntry[] | null {
  if (buffer.length < 22 || buffer.readUInt32LE(0) !== 0x04034b50) return null
  // End of central directory: 22 bytes plus a comment of at most 65535 bytes, at the end.
  let eocd = -1
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 65_535); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) return null
  const count = buffer.readUInt16LE(eocd + 10)
  const offset = buffer.readUInt32LE(eocd + 16)
  if (count > MAX_ZIP_ENTRIES) return null
  const entries: ZipEntry[] = []
  let at = offset
  for (let i = 0; i < count; i++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) return null
    const uncompressedSize = buffer.readUInt32LE(at + 24)
    const nameLength = buffer.readUInt16LE(at + 28)
    const extraLength = buffer.readUInt16LE(at + 30)
    const commentLength = buffer.readUInt16LE(at + 32)
    if (at + 46 + nameLength > buffer.length) return null
    entries.push({ name: buffer.toString('utf8', at + 46, at + 46 + nameLength), uncompressedSize })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** What the bytes really are: an XLSX workbook, text that can be CSV, or neither. */
export function detectKind(buffer: Buffer): FileKind | null {
  const entries = zipEntries(buffer)
  if (entries) return entries.some((e) => e.name === 'xl/workbook.xml') ? 'xlsx' : null
  if (buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50) return null
  if (buffer.includes(0)) return null
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer)
  } catch {
    return null
  }
  return 'csv'
}

/** Reads a catalogue file; `declared` is the type the client said it sends (checked against the content). */
export async function readCatalogueFile(buffer: Buffer, declared?: FileKind): Promise<CatalogueTable> {
  if (buffer.length === 0) throw invalidFile('The file is empty', 'Tệp rỗng')
  if (buffer.length > MAX_FILE_BYTES) throw invalidFile(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, `Tệp lớn hơn ${MAX_FILE_BYTES / 1024 / 1024} MB`)
  const kind = detectKind(buffer)
  if (kind === null) throw invalidFile('The file is neither an Excel workbook (.xlsx) nor a UTF-8 CSV file', 'Tệp không phải là bảng tính Excel (.xlsx) hay tệp CSV mã UTF-8')
  if (declared && declared !== kind) {
    throw invalidFile(`The file was sent as ${declared.toUpperCase()} but its content is ${kind.toUpperCase()}`, `Tệp được gửi là ${declared.toUpperCase()} nhưng nội dung là ${kind.toUpperCase()}`)
  }
  return kind === 'xlsx' ? readXlsx(buffer) : readCsv(buffer)
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0')
}

/** A cell's value as text: numbers without float noise, dates as yyyy-MM-dd, times as HH:mm, rich text flattened. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)))
  if (typeof value === 'boolean') return value ? 'yes' : 'no'
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return ''
    const date = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`
    // Excel keeps a time of day as a fraction of a day: a date on 30/12/1899.
    const seconds = Math.round((value.getTime() % 86_400_000) / 1000 + 86_400) % 86_400
    const time = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}`
    if (date === '1899-12-30') return time
    return seconds === 0 ? date : `${date} ${time}`
  }
  if ('richText' in value) return value.richText.map((r) => r.text).join('')
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue)
  if ('formula' in value || 'sharedFormula' in value) return cellText((value.result ?? null) as ExcelJS.CellValue)
  if ('error' in value) return value.error
  return String(value)
}

const LABELS = new Map<string, string>(COLUMNS.map((c) => [c.header, c.label]))

/** True when a row holds the Vietnamese labels of the columns (the second header row of an export). */
function isLabelRow(headers: string[], values: string[]): boolean {
  let matched = 0
  for (let i = 0; i < headers.length; i++) {
    const value = normaliseCell(values[i])
    if (value === '') continue
    if (value !== LABELS.get(normaliseCell(headers[i]).toLowerCase())) return false
    matched++
  }
  return matched > 0
}

function toTable(kind: FileKind, grid: Array<{ row: number; values: string[] }>): CatalogueTable {
  const nonEmpty = grid.filter((r) => r.values.some((v) => normaliseCell(v) !== ''))
  const header = nonEmpty[0]
  if (!header) throw invalidFile('The file has no header row', 'Tệp không có dòng tiêu đề')
  const headers = header.values.map((h) => h ?? '')
  while (headers.length && normaliseCell(headers[headers.length - 1]) === '' && !nonEmpty.some((r) => normaliseCell(r.values[headers.length - 1]) !== '')) headers.pop()
  let data = nonEmpty.slice(1)
  if (data[0] && isLabelRow(headers, data[0].values)) data = data.slice(1)
  if (data.length > MAX_ROWS) throw invalidFile(`The file has ${data.length} rows; at most ${MAX_ROWS} can be imported at once`, `Tệp có ${data.length} dòng; mỗi lần nhập tối đa ${MAX_ROWS} dòng`)
  const width = Math.max(headers.length, ...data.map((r) => r.values.length))
  for (let i = headers.length; i < width; i++) headers.push('')
  const keys = headers.map((h, i) => (normaliseCell(h) === '' ? `(column ${i + 1})` : h))
  return {
    kind,
    headers: keys,
    rows: data.map((r) => Object.fromEntries(keys.map((key, i) => [key, r.values[i] ?? '']))),
    rowNumbers: data.map((r) => r.row),
    headerRow: header.row,
  }
}

async function readXlsx(buffer: Buffer): Promise<CatalogueTable> {
  const entries = zipEntries(buffer) ?? []
  const unpacked = entries.reduce((sum, e) => sum + e.uncompressedSize, 0)
  if (unpacked > MAX_UNPACKED_BYTES || entries.some((e) => e.uncompressedSize === 0xffffffff)) {
    throw invalidFile('The workbook unpacks to more data than can be imported at once', 'Bảng tính giải nén ra quá nhiều dữ liệu để nhập một lần')
  }
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
  } catch {
    throw invalidFile('The Excel workbook cannot be read', 'Không đọc được bảng tính Excel')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw invalidFile('The workbook has no worksheet', 'Bảng tính không có trang nào')
  const grid: Array<{ row: number; values: string[] }> = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: string[] = []
    for (let c = 1; c <= row.cellCount; c++) values.push(cellText(row.getCell(c).value))
    grid.push({ row: rowNumber, values })
  })
  return toTable('xlsx', grid)
}

function readCsv(buffer: Buffer): CatalogueTable {
  const text = buffer.toString('utf8').replace(/^\uFEFF/, '')
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  // Excel with a Vietnamese or European locale saves "CSV" with semicolons.
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ','
  let records: string[][]
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: true, max_record_size: MAX_FILE_BYTES }) as string[][]
  } catch (error) {
    const message = (error as Error).message
    throw invalidFile(`The CSV file cannot be read: ${message}`, `Không đọc được tệp CSV: ${message}`)
  }
  // A spreadsheet shows one record per row, whatever line breaks its cells hold.
  return toTable('csv', records.map((values, i) => ({ row: i + 1, values })))
}

/** The catalogue as an XLSX workbook: English headers (what import reads), Vietnamese labels below, text cells. */
export async function writeCatalogueXlsx(rows: CatalogueRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'cchc'
  const sheet = workbook.addWorksheet('Thủ tục hành chính', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] })
  const wide = new Set(['name', 'fees', 'documents', 'conditions', 'legal_basis', 'workflow', 'time_limit_note', 'variants_json', 'result'])
  sheet.columns = HEADERS.map((header) => ({ key: header, width: wide.has(header) ? 48 : header === 'source' ? 36 : 16, style: { numFmt: '@', alignment: { wrapText: true, vertical: 'top' } } }))
  const head = sheet.addRow(HEADERS)
  head.font = { bold: true }
  const labels = sheet.addRow(COLUMNS.map((c) => c.label))
  labels.font = { italic: true, color: { argb: 'FF555555' } }
  for (const row of rows) sheet.addRow(HEADERS.map((h) => row[h]))
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEADERS.length } }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The catalogue as CSV: UTF-8 with a BOM (so Excel reads Vietnamese), English header row, every cell quoted when needed. */
export function writeCatalogueCsv(rows: CatalogueRow[]): Buffer {
  const text = stringify([HEADERS, ...rows.map((row) => HEADERS.map((h) => row[h]))], { bom: true, record_delimiter: 'windows' })
  return Buffer.from(text, 'utf8')
}
