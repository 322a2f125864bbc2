/**
 * pino options. Logs carry ids, never citizens: request bodies are not logged, query strings are
 * dropped from logged URLs, and credentials and personal fields are redacted wherever they appear.
 * Errors are logged through `serializeError`, which keeps what locates a fault (type, message,
 * SQLSTATE, constraint, stack frames) and drops what carries data: a database error holds the
 * query's parameters (`params`, on PGlite) and the failing row (`detail`), so names, e-mail
 * addresses and password hashes would otherwise reach the log.
 */
import type { DestinationStream } from 'pino'
import type { FastifyServerOptions } from 'fastify'

export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.token',
  '*.secret',
  '*.email',
  '*.phone',
  '*.fullName',
  '*.citizenId',
  '*.address',
  '*.username',
]

/** Error fields that name where a fault is, never what data it met. */
const KEPT_ERROR_FIELDS = ['code', 'statusCode', 'severity', 'routine', 'table', 'column', 'constraint', 'dataType', 'schema', 'errno', 'syscall'] as const

/**
 * An error as logged. PostgreSQL messages of class 22 (data exception: "invalid input syntax for
 * type uuid: \"…\"") quote the offending value, so their quoted parts are masked; other classes
 * quote only identifiers. Nested causes (and AggregateError members) are serialised the same way.
 */
export function serializeError(error: unknown, depth = 0): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!error || typeof error !== 'object') return { type: typeof error, message: '[non-error value]', stack: '' }
  const e = error as Record<string, unknown> & { message?: unknown; stack?: unknown; name?: unknown }
  const code = typeof e.code === 'string' ? e.code : undefined
  const rawMessage = typeof e.message === 'string' ? e.message : ''
  const message = code && /^22[0-9A-Z]{3}$/.test(code) ? maskQuoted(rawMessage) : rawMessage
  const out: { type: string; message: string; stack: string; [key: string]: unknown } = { type: typeof e.name === 'string' ? e.name : (error.constructor?.name ?? 'Error'), message, stack: '' }
  for (const field of KEPT_ERROR_FIELDS) if (e[field] !== undefined && typeof e[field] !== 'object') out[field] = e[field]
  if (typeof e.stack === 'string') out.stack = e.stack.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 30).join('\n')
  if (depth < 3 && e.cause) out.cause = serializeError(e.cause, depth + 1)
  if (depth < 3 && Array.isArray(e.errors) && e.errors.length && e.errors.every((x) => x instanceof Error)) out.errors = (e.errors as Error[]).slice(0, 5).map((x) => serializeError(x, depth + 1))
  return out
}

function maskQuoted(message: string): string {
  return message.replace(/"[^"]*"/g, '"[redacted]"').replace(/'[^']*'/g, "'[redacted]'")
}

export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      err: serializeError,
      error: serializeError,
      req: (request: { method: string; url: string; id: string }) => ({
        method: request.method,
        // The path only: query strings may carry search terms typed by citizens.
        url: request.url.split('?')[0],
        id: request.id,
      }),
    },
  }
}
