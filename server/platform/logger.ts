/**
 * pino options. Logs carry ids, never citizens: request bodies are not logged, query strings are
 * dropped from logged URLs, and credentials and personal fields are redacted wherever they appear.
 */
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

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (request: { method: string; url: string; id: string }) => ({
        method: request.method,
        // The path only: query strings may carry search terms typed by citizens.
        url: request.url.split('?')[0],
        id: request.id,
      }),
    },
  }
}
