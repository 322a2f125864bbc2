/**
 * Reading a catalogue file into a grid of cell texts, bounded: runs in a worker thread
 * (catalogue-parse.worker.ts), so a large file never blocks the server's event loop. Both readers
 * stream, and stop as soon as a limit is passed: rows (MAX_ROWS), columns (MAX_COLUMNS) and, for
 * XLSX, the bytes the workbook unpacks to (MAX_UNPACKED_BYTES, counted while inflating; the sizes
 * the ZIP declares are never trusted). Then `toTable` finds the header, skips an export's label
 * row and makes the records.
 */
import { Readable } from 'node:stream'
import { posix } from 'node:path'
import { parse } from 'csv-parse'
import type ExcelJS from 'exceljs'
import { AppError } from '../../../platform/errors.ts'
import { openZip, readZipDirectory, UnpackLimitError, ZipEntryError } from './bounded-zip.ts'
import { COLUMNS, normaliseCell } from './catalogue-rows.ts'

export const MAX_FILE_BYTES = 10 * 1024 * 1024
export const MAX_ROWS = 10_000
/** Cells past this column must be empty (they are dropped); the catalogue has 26 columns. */
export const MAX_COLUMNS = 200
/** Bound on what the parts of an XLSX that are read may unpack to (a small ZIP can hold gigabytes). */
export const MAX_UNPACKED_BYTES = 150 * 1024 * 1024
const MAX_ZIP_ENTRIES = 5_000
/** Non-blank rows kept at most: the header, the label row and MAX_ROWS records. One more is too many. */
const MAX_GRID_ROWS = MAX_ROWS + 2

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

export interface GridRow {
  /** Row number in the file (1 = the first row). */
  row: number
  values: string[]
}

export interface Grid {
  kind: FileKind
  /** The non-blank rows, in file order. */
  rows: GridRow[]
}

export function invalidFile(en: string, vi: string): AppError {
  return new AppError('import.invalid_file', { vi, en })
}

export function tooManyRows(): AppError {
  return invalidFile(`The file has more than ${MAX_ROWS} data rows; at most ${MAX_ROWS} can be imported at once`, `Tệp có hơn ${MAX_ROWS} dòng dữ liệu; mỗi lần nhập tối đa ${MAX_ROWS} dòng`)
}

function tooManyColumns(): AppError {
  return invalidFile(`A row has values past column ${MAX_COLUMNS}; the catalogue has far fewer columns`, `Có dòng có dữ liệu ở sau cột thứ ${MAX_COLUMNS}; mẫu danh mục có ít cột hơn nhiều`)
}

function unpacksTooMuch(): AppError {
  const mb = MAX_UNPACKED_BYTES / 1024 / 1024
  return invalidFile(`The workbook unpacks to more than ${mb} MB; it cannot be imported`, `Bảng tính giải nén ra hơn ${mb} MB; không thể nhập`)
}

/** What the bytes really are: an XLSX workbook, text that can be CSV, or neither. */
export function detectKind(buffer: Buffer): FileKind | null {
  const entries = readZipDirectory(buffer, MAX_ZIP_ENTRIES)
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

/** Checks the bytes and reads them into a grid; `declared` is the type the client said it sends. */
export async function readGrid(buffer: Buffer, declared?: FileKind): Promise<Grid> {
  if (buffer.length === 0) throw invalidFile('The file is empty', 'Tệp rỗng')
  if (buffer.length > MAX_FILE_BYTES) throw invalidFile(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, `Tệp lớn hơn ${MAX_FILE_BYTES / 1024 / 1024} MB`)
  const kind = detectKind(buffer)
  if (kind === null) throw invalidFile('The file is neither an Excel workbook (.xlsx) nor a UTF-8 CSV file', 'Tệp không phải là bảng tính Excel (.xlsx) hay tệp CSV mã UTF-8')
  if (declared && declared !== kind) {
    throw invalidFile(`The file was sent as ${declared.toUpperCase()} but its content is ${kind.toUpperCase()}`, `Tệp được gửi là ${declared.toUpperCase()} nhưng nội dung là ${kind.toUpperCase()}`)
  }
  return { kind, rows: kind === 'xlsx' ? await readXlsxRows(buffer) : await readCsvRows(buffer) }
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

/** The header row, the records under it (without the label row of an export) and their row numbers. */
export function toTable({ kind, rows: grid }: Grid): CatalogueTable {
  const nonEmpty: GridRow[] = grid.filter((r) => r.values.some((v) => normaliseCell(v) !== ''))
  const header = nonEmpty[0]
  if (!header) throw invalidFile('The file has no header row', 'Tệp không có dòng tiêu đề')
  const headers = header.values.map((h) => h ?? '')
  while (headers.length && normaliseCell(headers[headers.length - 1]) === '' && !nonEmpty.some((r) => normaliseCell(r.values[headers.length - 1]) !== '')) headers.pop()
  let data = nonEmpty.slice(1)
  if (data[0] && isLabelRow(headers, data[0].values)) data = data.slice(1)
  if (data.length > MAX_ROWS) throw tooManyRows()
  const width = data.reduce((widest, r) => Math.max(widest, r.values.length), headers.length)
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

/** Adds a row unless it is blank; refuses a row too wide or one row too many. */
function collect(rows: GridRow[], row: number, values: string[]): void {
  if (values.length > MAX_COLUMNS) {
    for (let i = MAX_COLUMNS; i < values.length; i++) if (values[i]!.trim() !== '') throw tooManyColumns()
    values.length = MAX_COLUMNS
  }
  if (!values.some((v) => v.trim() !== '')) return
  if (rows.length >= MAX_GRID_ROWS) throw tooManyRows()
  rows.push({ row, values })
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection",
 * https://owasp.org/www-community/attacks/CSV_Injection): the export prefixes such a cell with a
 * single quote, and so does it a cell that already starts with quotes before one of them.
 */
export const FORMULA_TRIGGER = /^'*[=+\-@\t\r]/
/** A cell the export neutralised: one quote to remove. */
export const NEUTRALISED_FORMULA = /^'+[=+\-@\t\r]/

/** The CSV export's form of a cell (see FORMULA_TRIGGER). */
export function neutraliseFormula(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value
}

/** The inverse of neutraliseFormula, applied to every CSV cell read. */
export function restoreFormula(value: string): string {
  return NEUTRALISED_FORMULA.test(value) ? value.slice(1) : value
}

const CSV_FEED_BYTES = 64 * 1024

async function readCsvRows(buffer: Buffer): Promise<GridRow[]> {
  const start = buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0
  const lineEnd = buffer.indexOf(0x0a, start)
  const firstLine = buffer.toString('utf8', start, lineEnd < 0 ? buffer.length : lineEnd)
  // Excel with a Vietnamese or European locale saves "CSV" with semicolons.
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ','
  function* feed(): Generator<Buffer> {
    for (let at = start; at < buffer.length; at += CSV_FEED_BYTES) yield buffer.subarray(at, at + CSV_FEED_BYTES)
  }
  const source = Readable.from(feed(), { objectMode: false })
  const parser = source.pipe(parse({ delimiter, relax_column_count: true, skip_empty_lines: false, bom: true, max_record_size: MAX_FILE_BYTES }))
  const rows: GridRow[] = []
  let index = 0
  try {
    // A spreadsheet shows one record per row, whatever line breaks its cells hold.
    for await (const record of parser as AsyncIterable<string[]>) collect(rows, ++index, record.map(restoreFormula))
  } catch (error) {
    if (error instanceof AppError) throw error
    const message = (error as Error).message
    throw invalidFile(`The CSV file cannot be read: ${message}`, `Không đọc được tệp CSV: ${message}`)
  } finally {
    source.destroy()
    parser.destroy()
  }
  return rows
}

// ---------------------------------------------------------------------------------------------
// XLSX

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

interface Relationship {
  Id: string
  Type: string
  Target: string
}

/**
 * The parts of ExcelJS 4.4's streaming WorkbookReader used here. Its own `read()` unzips with a
 * reader that trusts the archive and decodes UTF-8 chunk by chunk (splitting Vietnamese
 * letters); instead each part is fed to its parser from the bounded ZIP reader, as text, in the
 * order the parsers need (relationships, workbook, shared strings, styles, then the first sheet).
 */
interface WorkbookReaderParts {
  workbookRels?: Relationship[]
  model?: { sheets?: Array<{ id: number; name: string; rId: string }> }
  sharedStrings?: unknown[]
  _parseRels(stream: Readable): Promise<void>
  _parseWorkbook(stream: Readable): Promise<void>
  _parseSharedStrings(stream: Readable): AsyncIterable<unknown>
  _parseStyles(stream: Readable): Promise<void>
  _parseWorksheet(stream: Readable, sheetNo: string): Iterable<{ eventType: string; value: AsyncIterable<ExcelJS.Row> }>
}

async function readXlsxRows(buffer: Buffer): Promise<GridRow[]> {
  const zip = openZip(buffer, { maxUnpackedBytes: MAX_UNPACKED_BYTES, maxEntries: MAX_ZIP_ENTRIES })
  if (!zip) throw invalidFile('The Excel workbook cannot be read', 'Không đọc được bảng tính Excel')
  // Loaded on first use (in the parser's worker thread), not when the server starts.
  const { default: Excel } = await import('exceljs')
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from([]), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', entries: 'ignore' }) as unknown as WorkbookReaderParts
  const rows: GridRow[] = []
  try {
    if (zip.has('xl/_rels/workbook.xml.rels')) await reader._parseRels(zip.openText('xl/_rels/workbook.xml.rels'))
    await reader._parseWorkbook(zip.openText('xl/workbook.xml'))
    const rels = reader.workbookRels ?? []
    // Targets are relative to xl/ (or absolute from the package root).
    const part = (rel: Relationship | undefined) => (rel ? (rel.Target.startsWith('/') ? rel.Target.slice(1) : posix.normalize(`xl/${rel.Target}`)) : undefined)
    const ofType = (type: string, fallback: string) => part(rels.find((r) => r.Type.endsWith(`/${type}`))) ?? fallback

    const sharedStrings = ofType('sharedStrings', 'xl/sharedStrings.xml')
    if (zip.has(sharedStrings)) for await (const _ of reader._parseSharedStrings(zip.openText(sharedStrings)));
    reader.sharedStrings ??= []
    const styles = ofType('styles', 'xl/styles.xml')
    if (zip.has(styles)) await reader._parseStyles(zip.openText(styles))

    // The first worksheet in the workbook's order, as Excel shows it.
    const first = reader.model?.sheets?.[0]
    const sheetPart =
      part(rels.find((r) => r.Id === first?.rId)) ??
      [...zip.entries.keys()]
        .filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name))
        .sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]))[0]
    if (!sheetPart || !zip.has(sheetPart)) throw invalidFile('The workbook has no worksheet', 'Bảng tính không có trang nào')
    const sheetNo = /sheet(\d+)\.xml$/.exec(sheetPart)?.[1] ?? '1'
    const worksheet = [...reader._parseWorksheet(zip.openText(sheetPart), sheetNo)][0]?.value
    if (!worksheet) throw invalidFile('The workbook has no worksheet', 'Bảng tính không có trang nào')

    let previous = 0
    for await (const row of worksheet) {
      // The row number is optional in the format: without it, a row follows the previous one.
      const number = Number.isInteger(row.number) && row.number > 0 ? row.number : previous + 1
      previous = number
      const values: string[] = []
      for (let c = 1; c <= row.cellCount; c++) values.push(cellText(row.getCell(c).value))
      collect(rows, number, values)
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    if (error instanceof UnpackLimitError) throw unpacksTooMuch()
    if (error instanceof ZipEntryError) throw invalidFile(`The Excel workbook cannot be read (${error.message})`, `Không đọc được bảng tính Excel (${error.message})`)
    throw invalidFile('The Excel workbook cannot be read', 'Không đọc được bảng tính Excel')
  }
  return rows
}
