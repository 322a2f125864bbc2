import { describe, expect, it } from 'vitest'
import { fullContent } from './catalogue-fixtures.ts'
import { contentToRow, HEADERS, parseCatalogueRows, type CatalogueRow } from './catalogue-rows.ts'

const row = (overrides: Partial<CatalogueRow> = {}): Record<string, string> => ({ ...contentToRow(fullContent(), '2025-07-01'), ...overrides })

describe('contentToRow and parseCatalogueRows', () => {
  it('reads back exactly the content a row was written from', () => {
    const contents = [
      fullContent(),
      fullContent({ nationalCode: null, name: 'Không mã', timeLimit: { value: null, unit: null, cutoff: null, note: null }, fees: [], documents: [], legalBasis: [], workflow: [], variants: [], sets: null, conditions: null, result: null, resultKind: null, returnByPost: null, implementingAgency: null, field: { name: 'Khác', code: null }, provenance: { confidence: null, source: null, missing: [], templated: [] } }),
      fullContent({ nationalCode: '2.000815', levels: ['province'], returnByPost: false, onlineLevel: 'none', timeLimit: { value: 0.5, unit: 'working_hours', cutoff: null, note: null }, workflow: [{ name: 'Trong ngày', role: null, agencyKind: null, budgetHours: 0.5, interlinked: false }] }),
    ]
    const result = parseCatalogueRows(contents.map((c, i) => contentToRow(c, `2025-07-0${i + 1}`)), { headers: HEADERS })
    expect(result.errors).toEqual([])
    expect(result.items.map((i) => i.content)).toEqual(contents)
    expect(result.items.map((i) => [i.row, i.effectiveFrom])).toEqual([
      [2, '2025-07-01'],
      [3, '2025-07-02'],
      [4, '2025-07-03'],
    ])
  })

  it('normalises cells: NFC, trimmed, thousands separators, Vietnamese yes/no, H:mm', () => {
    const decomposed = 'Thủ tục'.normalize('NFD')
    const result = parseCatalogueRows([row({ name: `  ${decomposed} thử  `, fees: 'Lệ phí | | 1.500.000 đ', return_by_post: 'Có', cutoff: '9:30', levels: 'commune' })])
    expect(result.errors).toEqual([])
    const content = result.items[0]!.content
    expect(content.name).toBe('Thủ tục thử'.normalize('NFC'))
    expect(content.fees).toEqual([{ name: 'Lệ phí', payer: 'any', amountVnd: 1_500_000, note: null }])
    expect(content.returnByPost).toBe(true)
    expect(content.timeLimit.cutoff).toBe('09:30')
  })

  it('reports every error of every row with its row, column and reason', () => {
    const result = parseCatalogueRows([
      row(),
      row({ national_code: '1.000001', name: '', levels: 'commune,district', online_level: 'sometimes', effective_from: '2025-02-30' }),
      row({ national_code: '1.000002', time_limit_value: 'ba', sets: '0', fees: 'Lệ phí | everyone | 8.000,5', documents: 'Tờ khai | photocopy | two', return_by_post: 'maybe' }),
      row({ national_code: '1.000003', workflow: 'Tiếp nhận | clerk |  | 4 | no\nThẩm định | specialist |  | x | no', variants_json: '{"key":"a"}', cutoff: '25:00' }),
    ])
    expect(result.items.map((i) => i.row)).toEqual([2])
    const at = (row: number) => result.errors.filter((e) => e.row === row).map((e) => e.column).sort()
    expect(at(3)).toEqual(['effective_from', 'levels', 'name', 'online_level'])
    expect(at(4)).toEqual(['documents', 'documents', 'fees', 'fees', 'return_by_post', 'sets', 'time_limit_value'])
    expect(at(5)).toEqual(['cutoff', 'variants_json', 'workflow', 'workflow'])
    for (const error of result.errors) {
      expect(error.reason.length).toBeGreaterThan(3)
      expect(error.reasonVi.length).toBeGreaterThan(3)
    }
    expect(result.errors.find((e) => e.row === 5 && e.column === 'workflow' && e.reason.startsWith('line 1'))?.reason).toContain('role')
    expect(result.errors.find((e) => e.row === 5 && e.column === 'workflow' && e.reason.startsWith('line 2'))?.reason).toContain('budgetHours')
    expect(result.errors.find((e) => e.row === 3 && e.column === 'name')?.reasonVi).toBe('không được để trống')
    expect(result.fileError).toBe(false)
  })

  it('refuses a negative time limit and step budgets above the limit', () => {
    const result = parseCatalogueRows([
      row({ national_code: '1.000010', time_limit_value: '-3' }),
      row({ national_code: '1.000011', time_limit_value: '1', time_limit_unit: 'working_days', workflow: 'Tiếp nhận | intake_officer |  | 4 | no\nXử lý | specialist |  | 6 | no' }),
      row({ national_code: '1.000012', time_limit_value: '2', time_limit_unit: '' }),
    ])
    expect(result.items).toEqual([])
    expect(result.errors).toEqual([
      { row: 2, column: 'time_limit_value', reason: 'must be >= 0', reasonVi: 'không được nhỏ hơn 0' },
      { row: 3, column: 'workflow', reason: "the steps' budgets add up to 10 working hours, more than the procedure's limit (8 working hours)", reasonVi: 'tổng thời gian các bước là 10 giờ làm việc, vượt thời hạn giải quyết (8 giờ làm việc)' },
      { row: 4, column: 'time_limit_unit', reason: 'a time limit needs its unit', reasonVi: 'thời hạn có số thì phải có đơn vị' },
    ])
  })

  it('reports a national code used twice on the second row, and two code-less rows of one name', () => {
    const result = parseCatalogueRows([row(), row({ name: 'Tên khác' }), row({ national_code: '', name: 'A' }), row({ national_code: '', name: 'A' })])
    expect(result.errors).toEqual([
      { row: 3, column: 'national_code', reason: 'national code 1.001193 is already on row 2', reasonVi: 'mã thủ tục 1.001193 đã có ở dòng 2' },
      { row: 5, column: 'name', reason: 'a procedure without a national code and the same name is already on row 4', reasonVi: 'thủ tục không có mã cùng tên đã có ở dòng 4' },
    ])
    expect(result.items.map((i) => i.row)).toEqual([2, 4])
  })

  it('refuses one field code for two fields', () => {
    const result = parseCatalogueRows([row({ field_name: 'Hộ tịch', field_code: 'HT' }), row({ national_code: '1.000020', field_name: 'Chứng thực', field_code: 'HT' })])
    expect(result.errors).toEqual([{ row: 3, column: 'field_code', reason: 'field code HT is already used for "Hộ tịch" on row 2', reasonVi: 'mã lĩnh vực HT đã dùng cho "Hộ tịch" ở dòng 2' }])
  })

  it('makes missing required columns and unknown columns file errors, importing nothing', () => {
    const { name: _name, effective_from: _from, ...partial } = row()
    const result = parseCatalogueRows([{ ...partial, national_cod: 'x' }, { ...partial, national_code: '1.000777', national_cod: '' }])
    expect(result.fileError).toBe(true)
    expect(result.items).toEqual([])
    expect(result.errors.filter((e) => e.row === 1).map((e) => e.column).sort()).toEqual(['effective_from', 'name', 'national_cod'])
    // No per-row noise about the columns that are not there.
    expect(result.errors.filter((e) => e.row > 1)).toEqual([])
  })

  it('uses the row numbers of the file when given (blank rows skipped, a label row)', () => {
    const result = parseCatalogueRows([row(), row({ national_code: '1.000099', levels: 'x' })], { rowNumbers: [3, 7] })
    expect(result.items[0]!.row).toBe(3)
    expect(result.errors.map((e) => e.row)).toEqual([7])
  })
})
