/** A consistent procedure for tests, with overrides. */
import type { ProcedureContent } from '../../../contracts/procedures.ts'

export function sampleContent(overrides: Partial<ProcedureContent> = {}): ProcedureContent {
  return {
    nationalCode: '1.001193',
    name: 'Thủ tục đăng ký khai sinh',
    field: { name: 'Hộ tịch', code: null },
    levels: ['commune'],
    implementingAgency: 'Ủy ban nhân dân cấp xã',
    timeLimit: { value: 0, unit: 'working_days', cutoff: '15:00', note: null },
    fees: [{ name: 'Lệ phí', payer: 'any', amountVnd: 0, note: null }],
    documents: [{ name: 'Tờ khai đăng ký khai sinh', form: 'original', count: 1, templateUrl: null }],
    sets: 1,
    conditions: null,
    legalBasis: ['Luật Hộ tịch năm 2014'],
    result: 'Giấy khai sinh',
    resultKind: 'paper',
    onlineLevel: 'full',
    returnByPost: true,
    workflow: [
      { name: 'Tiếp nhận', role: 'intake_officer', agencyKind: null, budgetHours: 2, interlinked: false },
      { name: 'Xử lý', role: 'specialist', agencyKind: null, budgetHours: 4, interlinked: false },
    ],
    variants: [],
    provenance: { confidence: 'V', source: null, missing: [], templated: [] },
    ...overrides,
  }
}
