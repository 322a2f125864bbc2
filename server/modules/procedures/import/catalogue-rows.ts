/**
 * The catalogue's row format (one row per procedure version content, the same columns in XLSX
 * and CSV; see README.md beside this file): rows → validated `ProcedureContent`s with every error
 * named by row, column and reason, and the inverse `contentToRow`, so that an export imported
 * again gives back the same catalogue. Pure: no I/O.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { LIMIT_UNIT_NAMES } from '../../../../contracts/calendar.ts'
import { ProcedureContent } from '../../../../contracts/procedures.ts'
import { validateContent } from '../procedure-rules.ts'

export interface ColumnSpec {
  header: string
  /** Vietnamese label (the second header row of an exported XLSX). */
  label: string
  required: boolean
}

/** Every column, in the order files are written. */
export const COLUMNS = [
  { header: 'national_code', label: 'Mã thủ tục (quốc gia)', required: false },
  { header: 'name', label: 'Tên thủ tục', required: true },
  { header: 'field_name', label: 'Lĩnh vực', required: true },
  { header: 'field_code', label: 'Mã lĩnh vực', required: false },
  { header: 'levels', label: 'Cấp thực hiện', required: true },
  { header: 'implementing_agency', label: 'Cơ quan thực hiện', required: false },
  { header: 'time_limit_value', label: 'Thời hạn giải quyết', required: false },
  { header: 'time_limit_unit', label: 'Đơn vị thời hạn', required: false },
  { header: 'cutoff', label: 'Giờ chốt nhận hồ sơ', required: false },
  { header: 'time_limit_note', label: 'Ghi chú thời hạn', required: false },
  { header: 'fees', label: 'Phí, lệ phí', required: false },
  { header: 'documents', label: 'Thành phần hồ sơ', required: false },
  { header: 'sets', label: 'Số bộ hồ sơ', required: false },
  { header: 'conditions', label: 'Yêu cầu, điều kiện', required: false },
  { header: 'legal_basis', label: 'Căn cứ pháp lý', required: false },
  { header: 'result', label: 'Kết quả', required: false },
  { header: 'result_kind', label: 'Hình thức kết quả', required: false },
  { header: 'online_level', label: 'Mức độ trực tuyến', required: true },
  { header: 'return_by_post', label: 'Trả kết quả qua bưu chính', required: false },
  { header: 'workflow', label: 'Quy trình nội bộ', required: false },
  { header: 'variants_json', label: 'Trường hợp riêng (JSON)', required: false },
  { header: 'confidence', label: 'Độ tin cậy', required: false },
  { header: 'source', label: 'Nguồn', required: false },
  { header: 'missing', label: 'Thông tin chưa công bố', required: false },
  { header: 'templated', label: 'Phần theo mẫu chuẩn', required: false },
  { header: 'effective_from', label: 'Ngày hiệu lực', required: true },
] as const satisfies readonly ColumnSpec[]

export type ColumnHeader = (typeof COLUMNS)[number]['header']
export type CatalogueRow = Record<ColumnHeader, string>

export const HEADERS: ColumnHeader[] = COLUMNS.map((c) => c.header)
export const REQUIRED_HEADERS: ColumnHeader[] = COLUMNS.filter((c) => c.required).map((c) => c.header)

export interface RowError {
  /** Row as the user sees it in the file (1 = the header row). */
  row: number
  /** Column header. */
  column: string
  reason: string
  reasonVi: string
}

export interface ParsedItem {
  row: number
  content: ProcedureContent
  effectiveFrom: string
}

export interface ParseResult {
  /** Data rows read (blank rows not counted). */
  rows: number
  /** Rows without any error, in file order (empty when the file itself is wrong). */
  items: ParsedItem[]
  errors: RowError[]
  /** True when the file itself is wrong (columns): nothing in it may be imported. */
  fileError: boolean
}

export interface ParseOptions {
  /** Headers as found in the file (default: the keys of the rows). */
  headers?: string[]
  /** File row number of each record (default: header row + 1 + index). */
  rowNumbers?: number[]
  /** File row number of the header row (default 1). */
  headerRow?: number
}

const ajv = addFormats.default(new Ajv({ allErrors: true, strict: false, coerceTypes: false, useDefaults: false }))
// Compiled on first use: ProcedureContent takes a fifth of a second to compile, which no start should pay.
let compiled: { content: ValidateFunction; date: ValidateFunction } | undefined
const validators = () => (compiled ??= { content: ajv.compile(ProcedureContent), date: ajv.compile({ type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', format: 'date' }) })

const PAYERS = ['any', 'individual', 'organisation'] as const
const FORMS = ['original', 'copy', 'either'] as const
const YES = new Set(['yes', 'y', 'true', '1', 'có', 'co', 'x'])
const NO = new Set(['no', 'n', 'false', '0', 'không', 'khong'])

/** NFC, Unix line ends, trimmed: how every cell is read. */
export function normaliseCell(value: string | undefined | null): string {
  return (value ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim()
}

// ---------------------------------------------------------------------------------------------
// Lists inside a cell: one item per line, parts separated by "|". A backslash escapes "|", ","
// and itself; "\n" is a line break inside an item.

function escapeItem(text: string, separators: string): string {
  let out = ''
  for (const ch of text) {
    if (ch === '\\') out += '\\\\'
    else if (ch === '\n') out += '\\n'
    else if (separators.includes(ch)) out += `\\${ch}`
    else out += ch
  }
  return out
}

/** Splits on unescaped separators, then unescapes each piece (trimmed before unescaping). */
function splitEscaped(text: string, separator: string): string[] {
  const raw: string[] = []
  let current = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '\\' && i + 1 < text.length) {
      current += ch + text[i + 1]
      i++
    } else if (ch === separator) {
      raw.push(current)
      current = ''
    } else current += ch
  }
  raw.push(current)
  return raw.map((piece) => unescape(piece.trim()))
}

function unescape(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    const next = text[i + 1]
    if (ch === '\\' && next !== undefined && '\\|,'.includes(next)) {
      out += next
      i++
    } else if (ch === '\\' && next === 'n') {
      out += '\n'
      i++
    } else out += ch
  }
  return out
}

/** Non-empty lines of a list cell with their 1-based line numbers. */
function lines(cell: string): Array<{ line: number; text: string }> {
  return cell
    .split('\n')
    .map((text, i) => ({ line: i + 1, text: text.trim() }))
    .filter((l) => l.text !== '')
}

function commaList(cell: string): string[] {
  if (cell === '') return []
  return splitEscaped(cell.replace(/\n/g, ','), ',').filter((s) => s !== '')
}

const joinParts = (parts: string[]) => {
  const kept = [...parts]
  while (kept.length > 1 && kept[kept.length - 1] === '') kept.pop()
  return kept.join(' | ')
}

// ---------------------------------------------------------------------------------------------

type Collect = (column: string, reason: string, reasonVi: string) => void

function parseNumber(text: string): number | null {
  const t = text.replace(/\s+/g, '')
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t)
  if (/^-?\d+,\d+$/.test(t)) return Number(t.replace(',', '.'))
  return null
}

/** VND amounts: plain digits, or with thousands separators ("8.000", "1,500,000", "8 000"). */
function parseAmount(text: string): number | null {
  const t = text.replace(/\s*(đ|đồng|vnd|vnđ)$/i, '').trim()
  if (/^\d{1,3}([., ]\d{3})+$/.test(t)) return Number(t.replace(/[., ]/g, ''))
  return parseNumber(t)
}

function parseYesNo(text: string): boolean | null | undefined {
  const t = text.toLowerCase()
  if (t === '') return null
  if (YES.has(t)) return true
  if (NO.has(t)) return false
  return undefined
}

const nullIfEmpty = (text: string) => (text === '' ? null : text)

interface Built {
  content: ProcedureContent
  effectiveFrom: string
  /** 1-based physical line of each list item, per column. */
  itemLines: Record<string, number[]>
  /** Pointers into the content whose cells could not be read (their schema errors would only repeat it). */
  badPaths: Set<string>
}

function buildContent(cell: (column: ColumnHeader) => string, add: Collect): Built {
  const itemLines: Record<string, number[]> = {}
  const badPaths = new Set<string>()
  const fail = (path: string, column: ColumnHeader, reason: string, reasonVi: string) => {
    badPaths.add(path)
    add(column, reason, reasonVi)
  }

  const numberCell = (path: string, column: ColumnHeader): number | null => {
    const text = cell(column)
    if (text === '') return null
    const value = parseNumber(text)
    if (value === null) fail(path, column, `"${text}" is not a number`, `"${text}" không phải là số`)
    return value
  }

  const levels: string[] = []
  for (const part of cell('levels').split(/[,;\n]/).map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if (part === 'commune' || part === 'province') levels.push(part)
    else fail('/levels', 'levels', `"${part}" is not a level (commune or province)`, `"${part}" không phải là cấp thực hiện (commune hoặc province)`)
  }

  let cutoff = cell('cutoff')
  const clock = /^(\d{1,2})[:hH](\d{2})?(:\d{2})?$/.exec(cutoff)
  if (clock) cutoff = `${clock[1]!.padStart(2, '0')}:${clock[2] ?? '00'}`

  const unit = cell('time_limit_unit')
  if (unit !== '' && !(LIMIT_UNIT_NAMES as readonly string[]).includes(unit)) {
    fail('/timeLimit/unit', 'time_limit_unit', `"${unit}" is not a unit (${LIMIT_UNIT_NAMES.join(', ')})`, `"${unit}" không phải là đơn vị thời hạn (${LIMIT_UNIT_NAMES.join(', ')})`)
  }

  const fees: ProcedureContent['fees'] = []
  itemLines.fees = []
  for (const { line, text } of lines(cell('fees'))) {
    const at = `/fees/${fees.length}`
    const [name = '', payerText = '', amountText = '', note = '', ...rest] = splitEscaped(text, '|')
    if (rest.length) fail(at, 'fees', `line ${line}: more than 4 parts (name | payer | amountVnd | note)`, `dòng ${line}: quá 4 phần (tên | người nộp | số tiền | ghi chú)`)
    const payer = payerText === '' ? 'any' : payerText.toLowerCase()
    if (!(PAYERS as readonly string[]).includes(payer)) fail(`${at}/payer`, 'fees', `line ${line}: payer "${payerText}" is not one of ${PAYERS.join(', ')}`, `dòng ${line}: người nộp "${payerText}" phải là một trong ${PAYERS.join(', ')}`)
    let amountVnd: number | null = null
    if (amountText !== '') {
      amountVnd = parseAmount(amountText)
      if (amountVnd === null) fail(`${at}/amountVnd`, 'fees', `line ${line}: amount "${amountText}" is not a number of VND`, `dòng ${line}: số tiền "${amountText}" không phải là số đồng`)
    }
    fees.push({ name, payer: payer as (typeof PAYERS)[number], amountVnd, note: nullIfEmpty(note) })
    itemLines.fees.push(line)
  }

  const documents: ProcedureContent['documents'] = []
  itemLines.documents = []
  for (const { line, text } of lines(cell('documents'))) {
    const at = `/documents/${documents.length}`
    const [name = '', formText = '', countText = '', templateUrl = '', ...rest] = splitEscaped(text, '|')
    if (rest.length) fail(at, 'documents', `line ${line}: more than 4 parts (name | form | count | templateUrl)`, `dòng ${line}: quá 4 phần (tên | hình thức | số lượng | mẫu đơn)`)
    const form = formText === '' ? null : formText.toLowerCase()
    if (form !== null && !(FORMS as readonly string[]).includes(form)) fail(`${at}/form`, 'documents', `line ${line}: form "${formText}" is not one of ${FORMS.join(', ')}`, `dòng ${line}: hình thức "${formText}" phải là một trong ${FORMS.join(', ')}`)
    let count: number | null = null
    if (countText !== '') {
      count = parseNumber(countText)
      if (count === null) fail(`${at}/count`, 'documents', `line ${line}: count "${countText}" is not a number`, `dòng ${line}: số lượng "${countText}" không phải là số`)
    }
    documents.push({ name, form: form as (typeof FORMS)[number] | null, count, templateUrl: nullIfEmpty(templateUrl) })
    itemLines.documents.push(line)
  }

  const legalBasis: string[] = []
  itemLines.legal_basis = []
  for (const { line, text } of lines(cell('legal_basis'))) {
    legalBasis.push(unescape(text))
    itemLines.legal_basis.push(line)
  }

  const workflow: ProcedureContent['workflow'] = []
  itemLines.workflow = []
  for (const { line, text } of lines(cell('workflow'))) {
    const at = `/workflow/${workflow.length}`
    const [name = '', role = '', agencyKind = '', budgetText = '', interlinkedText = '', ...rest] = splitEscaped(text, '|')
    if (rest.length) fail(at, 'workflow', `line ${line}: more than 5 parts (name | role | agencyKind | budgetHours | interlinked)`, `dòng ${line}: quá 5 phần (tên bước | vai trò | loại cơ quan | số giờ | liên thông)`)
    const budgetHours = budgetText === '' ? null : parseNumber(budgetText)
    if (budgetHours === null) fail(`${at}/budgetHours`, 'workflow', `line ${line}: budgetHours "${budgetText}" is not a number of working hours`, `dòng ${line}: số giờ "${budgetText}" không phải là số giờ làm việc`)
    const interlinked = interlinkedText === '' ? false : parseYesNo(interlinkedText)
    if (interlinked === undefined) fail(`${at}/interlinked`, 'workflow', `line ${line}: interlinked "${interlinkedText}" is not yes or no`, `dòng ${line}: liên thông "${interlinkedText}" phải là yes hoặc no`)
    workflow.push({ name, role: nullIfEmpty(role) as never, agencyKind: nullIfEmpty(agencyKind) as never, budgetHours: budgetHours ?? 0, interlinked: interlinked ?? false })
    itemLines.workflow.push(line)
  }

  let variants: ProcedureContent['variants'] = []
  const variantsText = cell('variants_json')
  if (variantsText !== '') {
    try {
      const parsed: unknown = JSON.parse(variantsText)
      if (Array.isArray(parsed)) variants = parsed as ProcedureContent['variants']
      else fail('/variants', 'variants_json', 'must be a JSON array of variants', 'phải là một mảng JSON các trường hợp')
    } catch (error) {
      fail('/variants', 'variants_json', `not valid JSON (${(error as Error).message})`, `không phải JSON hợp lệ (${(error as Error).message})`)
    }
  }

  const returnByPost = parseYesNo(cell('return_by_post'))
  if (returnByPost === undefined) fail('/returnByPost', 'return_by_post', `"${cell('return_by_post')}" is not yes or no`, `"${cell('return_by_post')}" phải là yes hoặc no`)

  const content: ProcedureContent = {
    nationalCode: nullIfEmpty(cell('national_code')),
    name: cell('name'),
    field: { name: cell('field_name'), code: nullIfEmpty(cell('field_code')) },
    levels: levels as ProcedureContent['levels'],
    implementingAgency: nullIfEmpty(cell('implementing_agency')),
    timeLimit: {
      value: numberCell('/timeLimit/value', 'time_limit_value'),
      unit: (badPaths.has('/timeLimit/unit') ? null : nullIfEmpty(unit)) as ProcedureContent['timeLimit']['unit'],
      cutoff: nullIfEmpty(cutoff),
      note: nullIfEmpty(cell('time_limit_note')),
    },
    fees,
    documents,
    sets: numberCell('/sets', 'sets'),
    conditions: nullIfEmpty(cell('conditions')),
    legalBasis,
    result: nullIfEmpty(cell('result')),
    resultKind: nullIfEmpty(cell('result_kind').toLowerCase()) as ProcedureContent['resultKind'],
    onlineLevel: cell('online_level').toLowerCase() as ProcedureContent['onlineLevel'],
    returnByPost: returnByPost ?? null,
    workflow,
    variants,
    provenance: {
      confidence: nullIfEmpty(cell('confidence').toUpperCase()) as ProcedureContent['provenance']['confidence'],
      source: nullIfEmpty(cell('source')),
      missing: commaList(cell('missing')),
      templated: commaList(cell('templated')),
    },
  }
  return { content, effectiveFrom: cell('effective_from'), itemLines, badPaths }
}

// ---------------------------------------------------------------------------------------------
// Schema errors → columns

const PATH_COLUMNS: Array<[string, ColumnHeader]> = [
  ['/nationalCode', 'national_code'],
  ['/name', 'name'],
  ['/field/name', 'field_name'],
  ['/field/code', 'field_code'],
  ['/field', 'field_name'],
  ['/levels', 'levels'],
  ['/implementingAgency', 'implementing_agency'],
  ['/timeLimit/value', 'time_limit_value'],
  ['/timeLimit/unit', 'time_limit_unit'],
  ['/timeLimit/cutoff', 'cutoff'],
  ['/timeLimit/note', 'time_limit_note'],
  ['/timeLimit', 'time_limit_value'],
  ['/fees', 'fees'],
  ['/documents', 'documents'],
  ['/sets', 'sets'],
  ['/conditions', 'conditions'],
  ['/legalBasis', 'legal_basis'],
  ['/result', 'result'],
  ['/resultKind', 'result_kind'],
  ['/onlineLevel', 'online_level'],
  ['/returnByPost', 'return_by_post'],
  ['/workflow', 'workflow'],
  ['/variants', 'variants_json'],
  ['/provenance/confidence', 'confidence'],
  ['/provenance/source', 'source'],
  ['/provenance/missing', 'missing'],
  ['/provenance/templated', 'templated'],
]

/** The column of a JSON pointer into the content, and what is left of the pointer. */
function columnOf(path: string): { column: ColumnHeader | null; rest: string } {
  for (const [prefix, column] of PATH_COLUMNS) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return { column, rest: path.slice(prefix.length) }
  }
  return { column: null, rest: path }
}

const LIST_COLUMNS = new Set(['fees', 'documents', 'legal_basis', 'workflow'])

/** "line 2 (amountVnd)" for a list column, "[0].timeLimit.value" for variants, "" otherwise. */
function where(column: string, rest: string, itemLines: Record<string, number[]>): { en: string; vi: string } {
  if (rest === '') return { en: '', vi: '' }
  const [, index = '', ...tail] = rest.split('/')
  if (LIST_COLUMNS.has(column) && /^\d+$/.test(index)) {
    const line = itemLines[column]?.[Number(index)] ?? Number(index) + 1
    const part = tail.length ? ` (${tail.join('.')})` : ''
    return { en: `line ${line}${part}: `, vi: `dòng ${line}${part}: ` }
  }
  if (column === 'variants_json') {
    const pointer = rest.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('')
    return { en: `${pointer}: `, vi: `${pointer}: ` }
  }
  if (column === 'missing' || column === 'templated') return { en: `item ${Number(index) + 1}: `, vi: `mục ${Number(index) + 1}: ` }
  return { en: `${rest.slice(1).replace(/\//g, '.')}: `, vi: `${rest.slice(1).replace(/\//g, '.')}: ` }
}

function describeError(error: ErrorObject): { en: string; vi: string } {
  const p = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'minLength':
      return p.limit === 1 ? { en: 'must not be empty', vi: 'không được để trống' } : { en: `must have at least ${p.limit} characters`, vi: `phải có ít nhất ${p.limit} ký tự` }
    case 'maxLength':
      return { en: `must have at most ${p.limit} characters`, vi: `dài quá ${p.limit} ký tự` }
    case 'pattern':
      return { en: `has the wrong format (${p.pattern})`, vi: `sai định dạng (${p.pattern})` }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).filter((v) => v !== null).join(', ')
      return { en: `must be one of: ${allowed}`, vi: `phải là một trong: ${allowed}` }
    }
    case 'const':
      return { en: `must be ${String(p.allowedValue)}`, vi: `phải là ${String(p.allowedValue)}` }
    case 'minimum':
      return { en: `must be >= ${p.limit}`, vi: `không được nhỏ hơn ${p.limit}` }
    case 'maximum':
      return { en: `must be <= ${p.limit}`, vi: `không được lớn hơn ${p.limit}` }
    case 'type': {
      // Nullable fields are `type: [T, 'null']`: an empty cell is already null, so name T only.
      const type = String(p.type).split(',').filter((t) => t !== 'null')[0] ?? String(p.type)
      const vi: Record<string, string> = { integer: 'phải là số nguyên', number: 'phải là số', string: 'phải là chuỗi ký tự', boolean: 'phải là true hoặc false', array: 'phải là một mảng', object: 'phải là một đối tượng' }
      return { en: `must be ${type === 'integer' ? 'a whole number' : type}`, vi: vi[type] ?? `phải có kiểu ${type}` }
    }
    case 'minItems':
      return { en: `must have at least ${p.limit} item(s)`, vi: `phải có ít nhất ${p.limit} mục` }
    case 'maxItems':
      return { en: `must have at most ${p.limit} items`, vi: `có nhiều nhất ${p.limit} mục` }
    case 'uniqueItems':
      return { en: 'must not repeat a value', vi: 'có giá trị bị lặp lại' }
    case 'required':
      return { en: `lacks ${String(p.missingProperty)}`, vi: `thiếu ${String(p.missingProperty)}` }
    case 'additionalProperties':
      return { en: `has an unknown property ${String(p.additionalProperty)}`, vi: `có thuộc tính lạ ${String(p.additionalProperty)}` }
    default:
      return { en: error.message ?? error.keyword, vi: error.message ?? error.keyword }
  }
}

/** Ajv's errors without the noise of nullable unions ("must be null", "must match a schema in anyOf"). */
function meaningfulErrors(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject[]>()
  for (const e of errors) {
    if (e.keyword === 'anyOf') continue
    byPath.set(e.instancePath, [...(byPath.get(e.instancePath) ?? []), e])
  }
  const kept: ErrorObject[] = []
  for (const list of byPath.values()) {
    const real = list.filter((e) => !(e.keyword === 'type' && (e.params as { type?: string }).type === 'null'))
    kept.push(...(real.length ? real : list))
  }
  return kept
}

const RULE_TEXT: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^a time limit needs its unit$/, () => 'thời hạn có số thì phải có đơn vị'],
  [/^a time limit needs its value$/, () => 'thời hạn có đơn vị thì phải có số'],
  [/^the steps' budgets add up to (\S+) working hours, more than the procedure's limit \((\S+) working hours\)$/, (m) => `tổng thời gian các bước là ${m[1]} giờ làm việc, vượt thời hạn giải quyết (${m[2]} giờ làm việc)`],
  [/^variant key "(.*)" is used twice$/, (m) => `mã trường hợp "${m[1]}" bị dùng hai lần`],
  [/^at least one level$/, () => 'cần ít nhất một cấp thực hiện'],
]

function ruleVi(message: string): string {
  for (const [pattern, text] of RULE_TEXT) {
    const m = pattern.exec(message)
    if (m) return text(m)
  }
  return message
}

// ---------------------------------------------------------------------------------------------

/**
 * Reads rows (header → cell text) into procedure contents. Every row is checked and every error
 * reported; a row with any error gives no item. Missing required columns, unknown or repeated
 * columns are file errors (row = the header row).
 */
export function parseCatalogueRows(rows: Array<Record<string, string>>, options: ParseOptions = {}): ParseResult {
  const headerRow = options.headerRow ?? 1
  const errors: RowError[] = []
  const rawHeaders = options.headers ?? [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const known = new Set<string>(HEADERS)
  const present = new Set<string>()
  const headerKey = new Map<string, string>()
  for (const raw of rawHeaders) {
    const header = normaliseCell(raw).toLowerCase()
    if (header === '') {
      if (rows.some((r) => normaliseCell(r[raw]) !== '')) errors.push({ row: headerRow, column: raw, reason: 'a column with values has no header', reasonVi: 'cột có dữ liệu nhưng không có tiêu đề' })
      continue
    }
    if (!known.has(header)) {
      errors.push({ row: headerRow, column: raw, reason: `unknown column "${raw}"; the columns are: ${HEADERS.join(', ')}`, reasonVi: `cột "${raw}" không có trong mẫu; các cột là: ${HEADERS.join(', ')}` })
      continue
    }
    if (present.has(header)) {
      errors.push({ row: headerRow, column: raw, reason: `column "${header}" appears twice`, reasonVi: `cột "${header}" xuất hiện hai lần` })
      continue
    }
    present.add(header)
    headerKey.set(header, raw)
  }
  const missingColumns = REQUIRED_HEADERS.filter((h) => !present.has(h))
  for (const column of missingColumns) errors.push({ row: headerRow, column, reason: `required column "${column}" is missing`, reasonVi: `thiếu cột bắt buộc "${column}"` })
  const fileError = errors.length > 0

  const items: ParsedItem[] = []
  const codes = new Map<string, number>()
  const codelessNames = new Map<string, number>()
  const fieldCodes = new Map<string, { name: string; row: number }>()
  rows.forEach((values, index) => {
    const row = options.rowNumbers?.[index] ?? headerRow + 1 + index
    const rowErrors: RowError[] = []
    const add: Collect = (column, reason, reasonVi) => {
      if (missingColumns.includes(column as ColumnHeader)) return
      if (!rowErrors.some((e) => e.column === column && e.reason === reason)) rowErrors.push({ row, column, reason, reasonVi })
    }
    const cell = (column: ColumnHeader) => {
      const key = headerKey.get(column)
      return key === undefined ? '' : normaliseCell(values[key])
    }
    for (const column of REQUIRED_HEADERS) if (present.has(column) && cell(column) === '') add(column, 'is required', 'không được để trống')

    const built = buildContent(cell, add)
    if (built.effectiveFrom !== '' && !validators().date(built.effectiveFrom)) add('effective_from', `"${built.effectiveFrom}" is not a date (yyyy-MM-dd)`, `"${built.effectiveFrom}" không phải là ngày (yyyy-MM-dd)`)

    const isBad = (path: string) => [...built.badPaths].some((bad) => path === bad || path.startsWith(`${bad}/`))
    const validateSchema = validators().content
    if (!validateSchema(built.content)) {
      for (const error of meaningfulErrors(validateSchema.errors ?? [])) {
        let path = error.instancePath
        if (error.keyword === 'required') path += `/${String((error.params as { missingProperty: string }).missingProperty)}`
        const { column, rest } = columnOf(path)
        const target = column ?? 'name'
        // Already reported: an unreadable cell, or an empty required one.
        if (isBad(path) || (REQUIRED_HEADERS.includes(target as ColumnHeader) && cell(target as ColumnHeader) === '')) continue
        const at = where(target, rest, built.itemLines)
        const text = describeError(error)
        add(target, `${at.en}${text.en}`, `${at.vi}${text.vi}`)
      }
    }
    // The consistency rules (limits, step budgets) on what could be read; skipped for columns already in error.
    const timeLimitColumns = ['time_limit_value', 'time_limit_unit']
    let issues: ReturnType<typeof validateContent> = []
    try {
      issues = validateContent(built.content)
    } catch {
      issues = []
    }
    for (const issue of issues) {
      const { column, rest } = columnOf(issue.field)
      const target = column ?? 'name'
      const inError = (c: string) => rowErrors.some((e) => e.column === c)
      if (isBad(issue.field) || (target !== 'workflow' && inError(target)) || (target === 'workflow' && timeLimitColumns.some(inError))) continue
      const at = target === 'variants_json' ? where(target, rest, built.itemLines) : { en: '', vi: '' }
      add(target, `${at.en}${issue.message}`, `${at.vi}${ruleVi(issue.message)}`)
    }

    const code = built.content.nationalCode
    if (code) {
      const first = codes.get(code)
      if (first !== undefined) add('national_code', `national code ${code} is already on row ${first}`, `mã thủ tục ${code} đã có ở dòng ${first}`)
      else codes.set(code, row)
    } else if (built.content.name) {
      // Without a national code a procedure is known by its name: two such rows would be one procedure.
      const first = codelessNames.get(built.content.name)
      if (first !== undefined) add('name', `a procedure without a national code and the same name is already on row ${first}`, `thủ tục không có mã cùng tên đã có ở dòng ${first}`)
      else codelessNames.set(built.content.name, row)
    }

    const { name: fieldName, code: fieldCode } = built.content.field
    if (fieldCode && fieldName) {
      // Field codes are unique: one code, one field.
      const first = fieldCodes.get(fieldCode)
      if (first && first.name !== fieldName) add('field_code', `field code ${fieldCode} is already used for "${first.name}" on row ${first.row}`, `mã lĩnh vực ${fieldCode} đã dùng cho "${first.name}" ở dòng ${first.row}`)
      else if (!first) fieldCodes.set(fieldCode, { name: fieldName, row })
    }

    errors.push(...rowErrors)
    if (!rowErrors.length) items.push({ row, content: built.content, effectiveFrom: built.effectiveFrom })
  })
  return { rows: rows.length, items: fileError ? [] : items, errors, fileError }
}

/** A version's content as one row of the file format; `parseCatalogueRows` reads it back identically. */
export function contentToRow(content: ProcedureContent, effectiveFrom: string): CatalogueRow {
  const text = (value: string | null) => value ?? ''
  const num = (value: number | null) => (value === null ? '' : String(value))
  const yesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no')
  return {
    national_code: text(content.nationalCode),
    name: content.name,
    field_name: content.field.name,
    field_code: text(content.field.code),
    levels: content.levels.join(','),
    implementing_agency: text(content.implementingAgency),
    time_limit_value: num(content.timeLimit.value),
    time_limit_unit: text(content.timeLimit.unit),
    cutoff: text(content.timeLimit.cutoff),
    time_limit_note: text(content.timeLimit.note),
    fees: content.fees.map((f) => joinParts([escapeItem(f.name, '|'), f.payer, num(f.amountVnd), escapeItem(text(f.note), '|')])).join('\n'),
    documents: content.documents.map((d) => joinParts([escapeItem(d.name, '|'), text(d.form), num(d.count), escapeItem(text(d.templateUrl), '|')])).join('\n'),
    sets: num(content.sets),
    conditions: text(content.conditions),
    legal_basis: content.legalBasis.map((l) => escapeItem(l, '')).join('\n'),
    result: text(content.result),
    result_kind: text(content.resultKind),
    online_level: content.onlineLevel,
    return_by_post: yesNo(content.returnByPost),
    workflow: content.workflow.map((s) => [escapeItem(s.name, '|'), text(s.role), text(s.agencyKind), String(s.budgetHours), s.interlinked ? 'yes' : 'no'].join(' | ')).join('\n'),
    variants_json: content.variants.length ? JSON.stringify(content.variants) : '',
    confidence: text(content.provenance.confidence),
    source: text(content.provenance.source),
    missing: content.provenance.missing.map((m) => escapeItem(m, ',')).join(', '),
    templated: content.provenance.templated.map((m) => escapeItem(m, ',')).join(', '),
    effective_from: effectiveFrom,
  }
}

/** Two contents are the same for the file format when they give the same row (e.g. "" and null notes). */
export function sameRow(a: CatalogueRow, b: CatalogueRow): boolean {
  return HEADERS.every((h) => normaliseCell(a[h]) === normaliseCell(b[h]))
}
