import { describe, expect, it } from 'vitest'
import { CatalogueIndex, entryFrom, unaccentName } from './catalogue-index.ts'
import { sampleContent } from './test-fixtures.ts'

const entry = (id: string, name: string, field = 'Hộ tịch', agencies: string[] = []) =>
  entryFrom({ procedure_id: id, national_code: null, name, field_name: field, field_code: null, content: sampleContent({ name }), effective_from: '2025-07-01', version: 1 }, new Set(agencies))

const index = new CatalogueIndex([
  entry('1', 'Thủ tục đăng ký khai sinh'),
  entry('2', 'Thủ tục đăng ký khai sinh lưu động'),
  entry('3', 'Đăng ký kết hôn'),
  entry('4', 'Cấp giấy phép xây dựng đối với công trình cấp III', 'Xây dựng', ['agency-a']),
  entry('5', 'Sinh hoạt khai báo đăng ký'),
])

describe('in-memory catalogue search', () => {
  it('reduces names like the database does', () => {
    expect(unaccentName('Đăng ký khai sinh ĐẤT ỨNG Ưu ơ ờ ữ')).toBe('dang ky khai sinh dat ung uu o o u')
  })

  it('needs every word, in any order, and ranks the words in order and the shorter name first', () => {
    const result = index.search('dang ky khai sinh', {}, 10, 0)
    expect(result.items.map((i) => i.id)).toEqual(['1', '2', '5'])
    expect(index.search('KHAI SINH Đăng Ký', {}, 10, 0).total).toBe(3)
    expect(index.search('xay dung giay phep', {}, 10, 0).items.map((i) => i.id)).toEqual(['4'])
    expect(index.search('ket hon khai sinh', {}, 10, 0).total).toBe(0)
  })

  it('finds a procedure by its national code', () => {
    const coded = new CatalogueIndex([entryFrom({ procedure_id: 'c', national_code: '1.001193', name: 'Thủ tục đăng ký khai sinh', field_name: 'Hộ tịch', field_code: null, content: sampleContent(), effective_from: '2025-07-01', version: 1 }, new Set()), entry('d', 'Khác')])
    expect(coded.search('1.001193', {}, 10, 0).items.map((i) => i.id)).toEqual(['c'])
    expect(coded.search('1.0011', {}, 10, 0).total).toBe(1)
  })

  it('filters by field and agency, and pages', () => {
    expect(index.search('', { field: 'Xây dựng' }, 10, 0).items.map((i) => i.id)).toEqual(['4'])
    expect(index.search('', { agencyId: 'agency-a' }, 10, 0).total).toBe(1)
    const all = index.search('dang ky', {}, 10, 0).items.map((i) => i.id)
    expect(all[0]).toBe('3')
    expect(index.search('dang ky', {}, 1, 1).items.map((i) => i.id)).toEqual([all[1]])
    expect(index.fields()).toEqual([{ name: 'Hộ tịch', code: null, count: 4 }, { name: 'Xây dựng', code: null, count: 1 }])
  })
})
