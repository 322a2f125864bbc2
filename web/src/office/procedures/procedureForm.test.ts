import { describe, expect, it } from 'vitest'
import type { ProcedureContent } from '../../../../contracts/procedures.ts'
import { budgetCheck, contentFromForm, emptyDocument, emptyFee, emptyForm, emptyStep, formFromContent, moveRow, parseNumber, parseVnd, serverIssueTargets } from './procedureForm.ts'

const content: ProcedureContent = {
  nationalCode: '1.001193',
  name: 'Thủ tục đăng ký khai sinh',
  field: { name: 'Hộ tịch', code: 'HT' },
  levels: ['commune'],
  implementingAgency: 'Ủy ban nhân dân cấp xã',
  timeLimit: { value: 1, unit: 'working_days', cutoff: '15:00', note: null },
  fees: [
    { name: 'Lệ phí đúng hạn', payer: 'any', amountVnd: 0, note: null },
    { name: 'Lệ phí quá hạn', payer: 'individual', amountVnd: null, note: 'theo HĐND' },
    { name: 'Bản sao', payer: 'any', amountVnd: 8000, note: null },
  ],
  documents: [{ name: 'Tờ khai', form: 'original', count: 1, templateUrl: 'https://example.gov.vn/to-khai.docx' }],
  sets: 1,
  conditions: null,
  legalBasis: ['Luật Hộ tịch 2014', 'Nghị định 123/2015/NĐ-CP'],
  result: 'Giấy khai sinh',
  resultKind: 'both',
  onlineLevel: 'full',
  returnByPost: true,
  workflow: [
    { name: 'Tiếp nhận', role: 'intake_officer', agencyKind: null, budgetHours: 2, interlinked: false },
    { name: 'Ký', role: 'leader', agencyKind: 'peoples_committee', budgetHours: 4, interlinked: false },
  ],
  variants: [{ key: 'qua-han', name: 'Quá hạn', documents: [], timeLimit: { value: 3, unit: 'working_days', cutoff: null, note: null }, workflow: [] }],
  provenance: { confidence: 'V', source: 'https://dichvucong.gov.vn', missing: [], templated: ['workflow'] },
}

describe('formFromContent / contentFromForm', () => {
  it('gives back the same content (a new version starts from the old one unchanged)', () => {
    const result = contentFromForm(formFromContent(content, '2026-01-01'))
    expect(result).toEqual({ ok: true, content, effectiveFrom: '2026-01-01' })
  })

  it('names every missing or malformed input', () => {
    const form = { ...emptyForm(), nationalCode: '!', limitValue: 'ba', cutoff: '25:00', sets: '0', variantsJson: '{', documents: [{ ...emptyDocument(), id: 'd1', count: '0', templateUrl: 'javascript:alert(1)' }] }
    const result = contentFromForm(form)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.issues).toMatchObject({
      effectiveFrom: 'required',
      name: 'required',
      fieldName: 'required',
      nationalCode: 'code',
      limitValue: 'number',
      cutoff: 'cutoff',
      sets: 'range',
      variantsJson: 'variants',
      'documents.d1.name': 'required',
      'documents.d1.count': 'range',
      'documents.d1.templateUrl': 'url',
    })
  })

  it('reads fees as free, an amount or "set by the council"', () => {
    const base = { ...emptyForm(), effectiveFrom: '2026-01-01', name: 'A', fieldName: 'B' }
    const fees = [
      { ...emptyFee(), name: 'a', amountKind: 'free' as const },
      { ...emptyFee(), name: 'b', amountKind: 'amount' as const, amount: '1.500.000' },
      { ...emptyFee(), name: 'c', amountKind: 'council' as const },
    ]
    const result = contentFromForm({ ...base, fees })
    expect(result.ok && result.content.fees.map((fee) => fee.amountVnd)).toEqual([0, 1500000, null])
    const bad = contentFromForm({ ...base, fees: [{ ...emptyFee(), id: 'f', name: 'x', amountKind: 'amount', amount: '' }] })
    expect(bad.ok === false && bad.issues['fees.f.amount']).toBe('required')
  })

  it('refuses steps whose hours add up to more than the limit, as the server does', () => {
    const base = { ...emptyForm(), effectiveFrom: '2026-01-01', name: 'A', fieldName: 'B', limitValue: '1', limitUnit: 'working_days' as const }
    const steps = (hours: string[]) => hours.map((budgetHours) => ({ ...emptyStep(), name: 'x', budgetHours }))
    expect(contentFromForm({ ...base, workflow: steps(['4', '4']) }).ok).toBe(true)
    const over = contentFromForm({ ...base, workflow: steps(['4', '4,5']) })
    expect(over.ok === false && over.issues.workflow).toBe('budget')
  })

  it('needs a unit with a number, and drops a unit without one', () => {
    const base = { ...emptyForm(), effectiveFrom: '2026-01-01', name: 'A', fieldName: 'B' }
    const noUnit = contentFromForm({ ...base, limitValue: '3', limitUnit: '' })
    expect(noUnit.ok === false && noUnit.issues.limitUnit).toBe('limitPair')
    const noValue = contentFromForm({ ...base, limitValue: '', limitUnit: 'months' })
    expect(noValue.ok && noValue.content.timeLimit).toEqual({ value: null, unit: null, cutoff: null, note: null })
  })

  it('refuses variants with a repeated key', () => {
    const variant = { key: 'a', name: 'A', documents: [], timeLimit: { value: null, unit: null, cutoff: null, note: null }, workflow: [] }
    const result = contentFromForm({ ...emptyForm(), effectiveFrom: '2026-01-01', name: 'A', fieldName: 'B', variantsJson: JSON.stringify([variant, variant]) })
    expect(result.ok === false && result.issues.variantsJson).toBe('duplicateKey')
  })
})

describe('budgetCheck', () => {
  it('converts day limits to working hours (a same-day limit is one day)', () => {
    expect(budgetCheck({ value: 0, unit: 'working_days' }, [{ budgetHours: 8 }])).toEqual({ total: 8, limit: 8, over: false })
    expect(budgetCheck({ value: 2, unit: 'months' }, [{ budgetHours: 400 }])).toEqual({ total: 400, limit: 368, over: true })
    expect(budgetCheck({ value: null, unit: null }, [{ budgetHours: 4000 }]).over).toBe(false)
  })
})

describe('serverIssueTargets', () => {
  it('places the server’s pointers on the form’s inputs', () => {
    const form = formFromContent(content, '2026-01-01')
    const { fields, other } = serverIssueTargets(
      [
        { field: '/body/content/workflow', message: 'too long' },
        { field: '/body/content/documents/0/name', message: 'empty' },
        { field: '/body/content/fees/2/amountVnd', message: 'bad' },
        { field: '/body/content/timeLimit/unit', message: 'unit' },
        { field: '/body/content/variants/0/key', message: 'dup' },
        { field: '/body/content/nationalCode', message: '1.001193' },
        { field: '/body/somethingElse', message: 'x' },
      ],
      form,
    )
    expect(fields).toEqual({
      workflow: 'too long',
      [`documents.${form.documents[0]!.id}.name`]: 'empty',
      [`fees.${form.fees[2]!.id}.amount`]: 'bad',
      limitUnit: 'unit',
      variantsJson: 'dup',
      nationalCode: '1.001193',
    })
    expect(other).toEqual(['/body/somethingElse: x'])
  })
})

describe('small parsers', () => {
  it('reads numbers and amounts the Vietnamese way', () => {
    expect(parseNumber('2,5')).toBe(2.5)
    expect(parseNumber(' ')).toBeNull()
    expect(parseNumber('-1')).toBeNaN()
    expect(parseVnd('1.500.000')).toBe(1500000)
    expect(parseVnd('1 500 000')).toBe(1500000)
    expect(parseVnd('abc')).toBeNaN()
  })
  it('moves rows within bounds', () => {
    expect(moveRow(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moveRow(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
  })
})
