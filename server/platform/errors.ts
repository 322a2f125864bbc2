/**
 * Errors with a stable code. Services throw `AppError`s; the HTTP error handler
 * (server/platform/http/problem.ts) turns them into RFC 9457 problem+json with a Vietnamese
 * title and detail, or English when the client asks for it with Accept-Language.
 */

export type Locale = 'vi' | 'en'

interface ProblemText {
  status: number
  vi: string
  en: string
}

/**
 * Every code the API can answer with, its HTTP status and its titles. Codes are stable: clients
 * may branch on them. Add new codes; never rename one.
 */
export const PROBLEMS = {
  'request.invalid': { status: 400, vi: 'Dữ liệu gửi lên không hợp lệ', en: 'The request is not valid' },
  'request.malformed_json': { status: 400, vi: 'Nội dung JSON bị lỗi cú pháp', en: 'The JSON body is malformed' },
  'request.body_too_large': { status: 413, vi: 'Dữ liệu gửi lên quá lớn', en: 'The request body is too large' },
  'request.unsupported_media_type': { status: 415, vi: 'Định dạng dữ liệu không được hỗ trợ', en: 'Unsupported media type' },
  /** A URL too long to read, or a path parameter past 100 characters. */
  'request.uri_too_long': { status: 414, vi: 'Địa chỉ yêu cầu quá dài', en: 'The request URI is too long' },
  /**
   * A write made against an older version of the record than it now has (`If-Match` names another
   * version, or another writer changed it meanwhile); nothing was written. `currentVersion` says
   * which version to reload (ADR 0011).
   */
  'request.stale': { status: 409, vi: 'Bản ghi đã được người khác thay đổi; hãy tải lại rồi sửa tiếp', en: 'The record was changed by someone else; reload it and try again' },
  'request.rate_limited': { status: 429, vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many requests; try again later' },
  'route.not_found': { status: 404, vi: 'Không tìm thấy địa chỉ yêu cầu', en: 'No such route' },
  'method.not_allowed': { status: 405, vi: 'Phương thức không được hỗ trợ', en: 'Method not allowed' },
  /** No valid session cookie or API token came with a request that needs one. */
  'auth.unauthenticated': { status: 401, vi: 'Bạn cần đăng nhập để tiếp tục', en: 'You need to sign in' },
  /** Wrong user name or wrong password: deliberately the same answer for both. */
  'auth.invalid_credentials': { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng', en: 'Wrong user name or password' },
  /** Too many failed sign-ins for this account name; `retryAfterSeconds` says when to try again. */
  'auth.locked': { status: 429, vi: 'Tài khoản tạm khoá do đăng nhập sai nhiều lần', en: 'Account temporarily locked after repeated failed sign-ins' },
  'auth.csrf_failed': { status: 403, vi: 'Yêu cầu không hợp lệ (thiếu mã chống giả mạo)', en: 'Missing or wrong CSRF token' },
  /** An API token on a route that only a signed-in official may call (their own account, sessions, tokens). */
  'auth.token_not_allowed': { status: 403, vi: 'Mã truy cập (API token) không được dùng cho thao tác này', en: 'API tokens cannot be used for this action' },
  'auth.forbidden': { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You do not have permission to do this' },
  'auth.wrong_password': { status: 400, vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' },
  'auth.weak_password': { status: 400, vi: 'Mật khẩu mới quá yếu', en: 'The new password is too weak' },
  'auth.account_disabled': { status: 403, vi: 'Tài khoản đã bị vô hiệu hoá', en: 'The account is disabled' },
  'unit.not_found': { status: 404, vi: 'Không tìm thấy đơn vị hành chính', en: 'Administrative unit not found' },
  'unit.code_taken': { status: 409, vi: 'Mã đơn vị hành chính đã tồn tại', en: 'The unit code is already in use' },
  'unit.invalid_parent': { status: 400, vi: 'Đơn vị cấp trên không hợp lệ', en: 'Invalid parent unit' },
  'unit.invalid_period': { status: 400, vi: 'Thời gian hiệu lực không hợp lệ', en: 'Invalid validity period' },
  'agency.not_found': { status: 404, vi: 'Không tìm thấy cơ quan', en: 'Agency not found' },
  'agency.invalid_parent': { status: 400, vi: 'Cơ quan cấp trên không hợp lệ', en: 'Invalid parent agency' },
  'agency.code_taken': { status: 409, vi: 'Mã định danh đã được cấp cho cơ quan khác', en: 'The identity code belongs to another agency' },
  'agency.invalid_period': { status: 400, vi: 'Thời gian hiệu lực không hợp lệ', en: 'Invalid validity period' },
  'user.not_found': { status: 404, vi: 'Không tìm thấy người dùng', en: 'User not found' },
  'user.username_taken': { status: 409, vi: 'Tên đăng nhập đã được sử dụng', en: 'The user name is already taken' },
  'user.cannot_change_self': { status: 400, vi: 'Không thể tự thay đổi quyền hoặc trạng thái của chính mình', en: 'You cannot change your own roles or status' },
  'token.not_found': { status: 404, vi: 'Không tìm thấy mã truy cập', en: 'API token not found' },
  'token.permission_not_held': { status: 403, vi: 'Không thể cấp quyền mà bạn không có', en: 'You cannot grant a permission you do not hold' },
  /** A calendar year that contradicts itself; `errors` names each field. */
  'calendar.invalid_year': { status: 400, vi: 'Lịch năm không hợp lệ', en: 'The calendar year is not valid' },
  /** A deadline request the engine refuses (unknown unit, absurd limit, date outside 1900–2100). */
  'calendar.invalid_input': { status: 400, vi: 'Dữ liệu tính thời hạn không hợp lệ', en: 'Invalid deadline input' },
  'calendar.invalid_office_hours': { status: 400, vi: 'Giờ làm việc không hợp lệ', en: 'Invalid office hours' },
  'procedure.not_found': { status: 404, vi: 'Không tìm thấy thủ tục hành chính', en: 'Procedure not found' },
  'procedure.version_not_found': { status: 404, vi: 'Không tìm thấy phiên bản thủ tục', en: 'Procedure version not found' },
  /** Content that passes the schema but contradicts itself (e.g. step budgets above the time limit); `errors` names each field. */
  'procedure.invalid': { status: 400, vi: 'Nội dung thủ tục không hợp lệ', en: 'The procedure content is not valid' },
  /** A new field name given a field code that another field already has. */
  'procedure.field_code_taken': { status: 409, vi: 'Mã lĩnh vực đã thuộc lĩnh vực khác', en: 'The field code belongs to another field' },
  'procedure.code_taken': { status: 409, vi: 'Mã thủ tục đã tồn tại', en: 'The procedure code already exists' },
  /** Only a draft can be edited; a published version changes through a new version. */
  'procedure.version_not_draft': { status: 409, vi: 'Chỉ sửa được phiên bản nháp; hãy tạo phiên bản mới', en: 'Only a draft can be edited; create a new version' },
  'procedure.version_state': { status: 409, vi: 'Trạng thái phiên bản không cho phép thao tác này', en: 'The version is not in a state that allows this' },
  /** An import file that cannot be read, or whose rows fail; `errors` lists row, column and reason. */
  'import.invalid_file': { status: 400, vi: 'Tệp nhập không đọc được hoặc sai định dạng', en: 'The import file cannot be read' },
  'import.invalid_rows': { status: 400, vi: 'Có dòng dữ liệu không hợp lệ; chưa ghi dữ liệu nào', en: 'Some rows are invalid; nothing was written' },
  'import.job_not_found': { status: 404, vi: 'Không tìm thấy lượt nhập', en: 'Import job not found' },
  /** An uploaded file over the size limit of its kind (server/platform/storage/file-kinds.ts); nothing was stored. */
  'file.too_large': { status: 413, vi: 'Tệp vượt quá dung lượng cho phép', en: 'The file is larger than allowed' },
  /** The file's bytes are not of a type its kind accepts (sniffed from the content, never from the name or header); nothing was stored. */
  'file.unsupported_type': { status: 415, vi: 'Loại tệp không được chấp nhận', en: 'This type of file is not accepted' },
  /** A multipart upload without its file part. */
  'file.missing': { status: 400, vi: 'Chưa gửi kèm tệp', en: 'No file was sent' },
  'file.not_found': { status: 404, vi: 'Không tìm thấy tệp', en: 'File not found' },
  'audit.not_found': { status: 404, vi: 'Không tìm thấy bản ghi nhật ký', en: 'Audit entry not found' },
  'server.unavailable': { status: 503, vi: 'Hệ thống tạm thời không sẵn sàng', en: 'The service is temporarily unavailable' },
  'server.internal': { status: 500, vi: 'Đã có lỗi hệ thống', en: 'Internal server error' },
} as const satisfies Record<string, ProblemText>

export type ProblemCode = keyof typeof PROBLEMS

export interface FieldError {
  /** JSON pointer to the field, e.g. `/body/username`. */
  field: string
  message: string
}

export class AppError extends Error {
  override name = 'AppError'
  readonly status: number

  constructor(
    readonly code: ProblemCode,
    /** Extra detail for the person reading it (Vietnamese and English). */
    readonly detail?: { vi: string; en: string },
    /** Extra members of the problem document (e.g. `errors`, `retryAfterSeconds`). */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail?.en ?? PROBLEMS[code].en)
    this.status = PROBLEMS[code].status
  }
}

/** Shorthand for the common "not found" case: same answer whether the row is absent or out of scope. */
export function notFound(code: Extract<ProblemCode, `${string}.not_found`>): AppError {
  return new AppError(code)
}
