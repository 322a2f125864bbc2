/** Test fixtures of the catalogue row format. */
import type { ProcedureContent } from '../../../../contracts/procedures.ts'

/** Content using every column, with characters the cell format must escape. */
export function fullContent(overrides: Partial<ProcedureContent> = {}): ProcedureContent {
  return {
    nationalCode: '1.001193',
    name: 'Thủ tục đăng ký khai sinh',
    field: { name: 'Hộ tịch', code: 'HT-01' },
    levels: ['commune', 'province'],
    implementingAgency: 'Ủy ban nhân dân cấp xã',
    timeLimit: { value: 3, unit: 'working_days', cutoff: '15:00', note: 'Nhận sau 15 giờ thì tính từ ngày làm việc tiếp theo.' },
    fees: [
      { name: 'Lệ phí | bản sao', payer: 'individual', amountVnd: 8000, note: 'Miễn cho trẻ em\nvà người cao tuổi; đường dẫn C:\\mau' },
      { name: 'Phí khác', payer: 'any', amountVnd: null, note: null },
      { name: 'Miễn phí', payer: 'organisation', amountVnd: 0, note: null },
    ],
    documents: [
      { name: 'Tờ khai, theo mẫu', form: 'original', count: 1, templateUrl: 'https://example.gov.vn/to-khai.docx' },
      { name: 'Giấy chứng sinh', form: null, count: null, templateUrl: null },
      { name: 'Giấy tờ tùy thân', form: 'either', count: 2, templateUrl: null },
    ],
    sets: 1,
    conditions: 'Điều kiện dòng 1\nĐiều kiện dòng 2',
    legalBasis: ['Luật Hộ tịch năm 2014', 'Nghị định số 123/2015/NĐ-CP\n(sửa đổi)'],
    result: 'Giấy khai sinh',
    resultKind: 'both',
    onlineLevel: 'partial',
    returnByPost: true,
    workflow: [
      { name: 'Tiếp nhận', role: 'intake_officer', agencyKind: 'public_service_centre', budgetHours: 4, interlinked: false },
      { name: 'Thẩm định', role: 'specialist', agencyKind: null, budgetHours: 12.5, interlinked: false },
      { name: 'Phê duyệt | ký', role: null, agencyKind: null, budgetHours: 4, interlinked: true },
    ],
    variants: [
      {
        key: 'truc-tuyen',
        name: 'Nộp trực tuyến',
        documents: [{ name: 'Bản điện tử', form: 'copy', count: 1, templateUrl: null }],
        timeLimit: { value: 2, unit: 'working_days', cutoff: null, note: null },
        workflow: [{ name: 'Xử lý', role: 'specialist', agencyKind: null, budgetHours: 8, interlinked: false }],
      },
    ],
    provenance: { confidence: 'V', source: 'https://dichvucong.gov.vn/x', missing: ['sets', 'documents.form, một phần'], templated: ['workflow'] },
    ...overrides,
  }
}
