/**
 * Catalogue files: XLSX (first worksheet) and CSV (UTF-8, comma separated) read from a Buffer
 * into header → text records, and written from rows. The real type is decided by the content,
 * never by the name or the declared type: a PNG or a text file sent as XLSX is refused.
 *
 * Reading (catalogue-grid.ts) and checking the rows (parseCatalogueRows) run in worker threads
 * (catalogue-parse.worker.ts), at most PARSERS at a time, each with a bounded heap and a deadline:
 * a huge or hostile file costs a worker, never the event loop or the server's memory.
 */
import { Worker } from 'node:worker_threads'
import { stringify } from 'csv-stringify/sync'
import { AppError } from '../../../platform/errors.ts'
import { invalidFile, MAX_FILE_BYTES, NEUTRALISED_FORMULA, neutraliseFormula, type CatalogueTable, type FileKind } from './catalogue-grid.ts'
import type { ParseReply, ParseRequest } from './catalogue-parse.worker.ts'
import { COLUMNS, HEADERS, type CatalogueRow, type ParseResult } from './catalogue-rows.ts'

export { cellText, CSV_TYPE, detectKind, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_UNPACKED_BYTES, XLSX_TYPE, type CatalogueTable, type FileKind } from './catalogue-grid.ts'

// ---------------------------------------------------------------------------------------------
// Parser threads

/** Files read at once; more wait their turn. */
const PARSERS = 2
/** Heap of one parser thread; past it the thread dies and the file is refused. */
const PARSER_HEAP_MB = 384
/** A file not read by then is refused (the thread is stopped). */
const PARSE_TIMEOUT_MS = 120_000
/** An idle parser thread stops after this long. */
const PARSER_IDLE_MS = 30_000
const BOOT = new URL('./catalogue-parse.boot.mjs', import.meta.url)

type ParseAnswer = Extract<ParseReply, { ok: true }>

interface ParseTask {
  bytes: Uint8Array
  declared: FileKind | undefined
  parse: boolean
  resolve(answer: ParseAnswer): void
  reject(error: unknown): void
}

const waiting: ParseTask[] = []
const idle: Worker[] = []
const idleTimers = new Map<Worker, NodeJS.Timeout>()
let running = 0
let lastId = 0

function startParser(): Worker {
  const worker = new Worker(BOOT, { resourceLimits: { maxOldGenerationSizeMb: PARSER_HEAP_MB } })
  // A task listens for its own outcome; these keep a parked thread's death from going unhandled.
  worker.on('error', () => {})
  worker.on('exit', () => unpark(worker))
  return worker
}

function unpark(worker: Worker): void {
  clearTimeout(idleTimers.get(worker))
  idleTimers.delete(worker)
  const at = idle.indexOf(worker)
  if (at >= 0) idle.splice(at, 1)
}

function park(worker: Worker): void {
  worker.unref()
  idle.push(worker)
  const timer = setTimeout(() => {
    unpark(worker)
    void worker.terminate()
  }, PARSER_IDLE_MS)
  timer.unref()
  idleTimers.set(worker, timer)
}

function dispatch(): void {
  while (running < PARSERS && waiting.length > 0) {
    const task = waiting.shift()!
    const worker = idle.pop() ?? startParser()
    unpark(worker)
    running++
    runTask(worker, task)
  }
}

function runTask(worker: Worker, task: ParseTask): void {
  const id = ++lastId
  worker.ref()
  const finish = (keep: boolean) => {
    clearTimeout(deadline)
    worker.off('message', onMessage)
    worker.off('error', onError)
    worker.off('exit', onExit)
    running--
    if (keep) park(worker)
    else void worker.terminate()
    dispatch()
  }
  const onMessage = (reply: ParseReply) => {
    if (reply.id !== id) return
    finish(true)
    if (reply.ok) task.resolve(reply)
    else task.reject(reply.code ? new AppError(reply.code, reply.detail) : new Error(`catalogue parser: ${reply.message}`))
  }
  const onError = (error: Error & { code?: string }) => {
    finish(false)
    task.reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? invalidFile('The file needs more memory to read than an import may use', 'Tệp cần nhiều bộ nhớ hơn mức cho phép khi nhập') : error)
  }
  const onExit = (code: number) => {
    finish(false)
    task.reject(new Error(`catalogue parser exited with code ${code}`))
  }
  const deadline = setTimeout(() => {
    finish(false)
    task.reject(invalidFile(`The file could not be read within ${PARSE_TIMEOUT_MS / 1000} seconds`, `Không đọc xong tệp trong ${PARSE_TIMEOUT_MS / 1000} giây`))
  }, PARSE_TIMEOUT_MS)
  worker.on('message', onMessage)
  worker.on('error', onError)
  worker.on('exit', onExit)
  worker.postMessage({ id, bytes: task.bytes, parse: task.parse, ...(task.declared ? { declared: task.declared } : {}) } satisfies ParseRequest, [task.bytes.buffer as ArrayBuffer])
}

/** Runs one file through a parser thread (after the checks that need no parsing). */
function inParser(buffer: Buffer, declared: FileKind | undefined, parse: boolean): Promise<ParseAnswer> {
  if (buffer.length === 0) return Promise.reject(invalidFile('The file is empty', 'Tệp rỗng'))
  if (buffer.length > MAX_FILE_BYTES) return Promise.reject(invalidFile(`The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`, `Tệp lớn hơn ${MAX_FILE_BYTES / 1024 / 1024} MB`))
  return new Promise((resolve, reject) => {
    // A copy of exactly the file's bytes, transferred to the thread.
    waiting.push({ bytes: new Uint8Array(buffer), declared, parse, resolve, reject })
    dispatch()
  })
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Reads a catalogue file; `declared` is the type the client said it sends (checked against the content). */
export async function readCatalogueFile(buffer: Buffer, declared?: FileKind): Promise<CatalogueTable> {
  return (await inParser(buffer, declared, false)).table!
}

/** Reads a catalogue file and checks its rows: `parseCatalogueRows` of `readCatalogueFile`, off the event loop. */
export async function parseCatalogueFile(buffer: Buffer, declared?: FileKind): Promise<ParseResult> {
  return (await inParser(buffer, declared, true)).parsed!
}

/** The catalogue as an XLSX workbook: English headers (what import reads), Vietnamese labels below, text cells. */
export async function writeCatalogueXlsx(rows: CatalogueRow[]): Promise<Buffer> {
  // Loaded on first use: ExcelJS costs about half a second of CPU to load, which no start should pay.
  const { default: ExcelJS } = await import('exceljs')
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

/**
 * The catalogue as CSV: UTF-8 with a BOM (so Excel reads Vietnamese), English header row, every
 * cell quoted when needed. A cell that a spreadsheet would run as a formula (it starts with
 * = + - @, a tab or a carriage return) gets a leading single quote and is quoted, as OWASP
 * advises ("CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection); the reader
 * removes that quote, so the export still imports to the same values.
 */
export function writeCatalogueCsv(rows: CatalogueRow[]): Buffer {
  const records = [HEADERS, ...rows.map((row) => HEADERS.map((h) => row[h]))].map((cells) => cells.map((cell) => neutraliseFormula(cell ?? '')))
  const text = stringify(records, { bom: true, record_delimiter: 'windows', quoted_match: NEUTRALISED_FORMULA })
  return Buffer.from(text, 'utf8')
}
