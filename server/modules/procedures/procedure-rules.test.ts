import { describe, expect, it } from 'vitest'
import { compareContents, searchWords, validateContent, versionInForce } from './procedure-rules.ts'
import { sampleContent } from './test-fixtures.ts'

describe('procedure rules', () => {
  it('accepts a consistent procedure', () => {
    expect(validateContent(sampleContent())).toEqual([])
  })

  it('refuses step budgets above the time limit, in the procedure and in each variant', () => {
    const heavy = [{ name: 'Thẩm định', role: 'specialist' as const, agencyKind: null, budgetHours: 30, interlinked: false }]
    const issues = validateContent(
      sampleContent({
        timeLimit: { value: 3, unit: 'working_days', cutoff: null, note: null },
        workflow: heavy,
        variants: [{ key: 'no-certificate', name: 'Không có giấy chứng sinh', documents: [], timeLimit: { value: 2, unit: 'working_days', cutoff: null, note: null }, workflow: [{ ...heavy[0]!, budgetHours: 17 }] }],
      }),
    )
    expect(issues.map((i) => i.field)).toEqual(['/workflow', '/variants/0/workflow'])
    expect(issues[0]!.message).toContain('30 working hours')
  })

  it('refuses a limit without its unit and a variant key used twice', () => {
    const variant = { key: 'a', name: 'A', documents: [], timeLimit: { value: null, unit: null, cutoff: null, note: null }, workflow: [] }
    const issues = validateContent(sampleContent({ timeLimit: { value: 3, unit: null, cutoff: null, note: null }, variants: [variant, variant] }))
    expect(issues.map((i) => i.field)).toEqual(['/timeLimit/unit', '/variants/1/key'])
  })

  it('keeps for each day the version in force then', () => {
    const versions = [
      { version: 1, status: 'published' as const, effectiveFrom: '2024-01-01' },
      { version: 2, status: 'published' as const, effectiveFrom: '2025-07-01' },
      { version: 3, status: 'draft' as const, effectiveFrom: '2026-01-01' },
      { version: 4, status: 'withdrawn' as const, effectiveFrom: '2025-09-01' },
    ]
    expect(versionInForce(versions, '2023-12-31')).toBeNull()
    expect(versionInForce(versions, '2025-06-30')!.version).toBe(1)
    expect(versionInForce(versions, '2025-07-01')!.version).toBe(2)
    expect(versionInForce(versions, '2026-06-01')!.version).toBe(2)
  })

  it('lists what changed between two versions', () => {
    const changes = compareContents(sampleContent(), sampleContent({ timeLimit: { value: 1, unit: 'working_days', cutoff: '15:00', note: null }, fees: [] }))
    expect(changes).toEqual([
      { path: '/timeLimit/value', before: 0, after: 1 },
      { path: '/fees', before: sampleContent().fees, after: [] },
    ])
  })

  it('reduces a query to words without diacritics', () => {
    expect(searchWords('  Cấp GIẤY phép   xây dựng! Đăng ký')).toEqual(['cap', 'giay', 'phep', 'xay', 'dung', 'dang', 'ky'])
  })
})
