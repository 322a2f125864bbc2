/**
 * Turns every error into RFC 9457 problem+json with a stable `code`, a Vietnamese title and
 * detail (English when Accept-Language prefers it), and the request id as `instance`.
 * Unknown errors become a 500 whose message is logged, never sent.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { etag, mapConstraintViolation } from '../db/concurrency.ts'
import { AppError, PROBLEMS, type FieldError, type Locale, type ProblemCode } from '../errors.ts'

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8'

/** Retry-After of a 503 while the database is out of reach: the pool reconnects on the next request. */
export const UNAVAILABLE_RETRY_SECONDS = 5

const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED'])
const CONNECTION_ERROR_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection ended unexpectedly',
  'the database system is starting up',
  'the database system is shutting down',
]

/**
 * True when an error means the database cannot be reached right now (not that a query is wrong):
 * a refused or broken connection, a connect timeout, or a server shutting down, starting up or
 * out of connections (SQLSTATE class 08, 57P01–57P03, 53300).
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 3) return false
  const e = error as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown }
  const code = typeof e.code === 'string' ? e.code : ''
  if (CONNECTION_ERROR_CODES.has(code)) return true
  if (/^08[0-9A-Z]{3}$/.test(code) || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true
  const message = typeof e.message === 'string' ? e.message : ''
  if (CONNECTION_ERROR_MESSAGES.some((m) => message.includes(m))) return true
  if (Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true
  return isDatabaseUnavailable(e.cause, depth + 1)
}

/** The client's language: English only when it asks for it before Vietnamese. */
export function requestLocale(request: FastifyRequest): Locale {
  const header = request.headers['accept-language']
  if (!header) return 'vi'
  const preferred = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.find((p) => p.trim().startsWith('q='))
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 }
    })
    .filter((entry) => entry.tag.startsWith('vi') || entry.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q)[0]
  return preferred?.tag.startsWith('en') ? 'en' : 'vi'
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const locale = requestLocale(request)
  const text = PROBLEMS[error.code]
  const body: Record<string, unknown> = {
    type: `urn:cchc:problem:${error.code}`,
    title: text[locale],
    status: error.status,
    code: error.code,
    instance: `urn:cchc:request:${request.id}`,
    ...(error.detail ? { detail: error.detail[locale] } : {}),
    ...error.extensions,
  }
  const retryAfter = error.extensions?.retryAfterSeconds
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter))
  // A stale write names the version to reload, as its entity tag too.
  const currentVersion = error.extensions?.currentVersion
  if (typeof currentVersion === 'number') void reply.header('etag', etag(currentVersion))
  return reply.code(error.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body))
}

function validationErrors(error: FastifyError): FieldError[] {
  const context = error.validationContext ?? 'body'
  return (error.validation ?? []).map((issue) => {
    const params = issue.params as Record<string, unknown>
    let field = `/${context}${issue.instancePath}`
    if (issue.keyword === 'additionalProperties') field += `/${String(params.additionalProperty)}`
    if (issue.keyword === 'required') field += `/${String(params.missingProperty)}`
    return { field, message: issue.message ?? issue.keyword }
  })
}

const FASTIFY_CODES: Record<string, ProblemCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  FST_ERR_CTP_INVALID_TYPE: 'request.unsupported_media_type',
}

/** Maps an error of any origin to an AppError (or null for a genuine server fault). */
export function toAppError(error: FastifyError | Error): AppError | null {
  if (error instanceof AppError) return error
  const fastifyError = error as FastifyError
  if (fastifyError.validation) {
    const errors = validationErrors(fastifyError)
    const first = errors[0]
    return new AppError(
      'request.invalid',
      first ? { vi: `Trường ${first.field}: ${first.message}`, en: `Field ${first.field}: ${first.message}` } : undefined,
      { errors },
    )
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined
  if (mapped) return new AppError(mapped)
  // A unique or exclusion violation of a known constraint (a race the service's check missed) is the domain's 409.
  const violation = mapConstraintViolation(error)
  if (violation) return violation
  if (isDatabaseUnavailable(error)) return new AppError('server.unavailable', undefined, { retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS })
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) return new AppError('request.malformed_json')
  if (fastifyError.statusCode === 429) return new AppError('request.rate_limited')
  if (fastifyError.statusCode === 413) return new AppError('request.body_too_large')
  if (fastifyError.statusCode === 415) return new AppError('request.unsupported_media_type')
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError('request.invalid', { vi: 'Yêu cầu không hợp lệ', en: fastifyError.message })
  }
  return null
}

export function registerProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error)
    if (appError) {
      if (appError.code === 'server.unavailable') request.log.warn({ err: error }, 'request refused: a dependency is unavailable')
      else if (appError.status >= 500) request.log.error({ err: error }, 'request failed')
      return sendProblem(request, reply, appError)
    }
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(request, reply, new AppError('server.internal'))
  })
}
