import { describe, expect, it } from 'vitest'
import { CSV_TYPE, XLSX_TYPE } from '../../api/procedures.ts'
import { catalogueFileType, readPackage, rowsInError } from './importFiles.ts'

describe('catalogueFileType', () => {
  it('goes by the name, then the declared type', () => {
    expect(catalogueFileType({ name: 'Danh muc.XLSX', type: '' })).toBe(XLSX_TYPE)
    expect(catalogueFileType({ name: 'thu-tuc.csv', type: 'application/vnd.ms-excel' })).toBe(CSV_TYPE)
    expect(catalogueFileType({ name: 'export', type: XLSX_TYPE })).toBe(XLSX_TYPE)
    expect(catalogueFileType({ name: 'anh.png', type: 'image/png' })).toBeNull()
    expect(catalogueFileType({ name: 'cu.xls', type: 'application/vnd.ms-excel' })).toBeNull()
  })
})

describe('rowsInError', () => {
  it('counts each row once', () => {
    expect(rowsInError([{ row: 10 }, { row: 10 }, { row: 6 }])).toBe(2)
    expect(rowsInError([])).toBe(0)
  })
})

describe('readPackage', () => {
  const pkg = { format: 'cchc.procedure-package/1', effectiveFrom: '2026-01-01', procedure: { name: 'Thủ tục A' } }
  it('accepts a package and says why anything else is not one', () => {
    expect(readPackage(JSON.stringify(pkg))).toMatchObject({ ok: true })
    expect(readPackage('{')).toEqual({ ok: false, issue: 'notJson' })
    expect(readPackage(JSON.stringify({ ...pkg, format: 'other/1' }))).toEqual({ ok: false, issue: 'notPackage' })
    expect(readPackage(JSON.stringify({ status: 'suggested', days: [] }))).toEqual({ ok: false, issue: 'notPackage' })
    expect(readPackage('null')).toEqual({ ok: false, issue: 'notPackage' })
  })
})
