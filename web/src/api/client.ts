/**
 * Thin fetch wrapper for the cchc API: JSON in and out, the session cookie (same origin), the
 * CSRF token on every write, Accept-Language matching the UI, and RFC 9457 problems turned into
 * `ApiError`s. The server localises problem titles and details; the UI shows them as they come.
 */
import type { Static } from 'typebox'
import type { Problem as ProblemSchema } from '../../../contracts/common.ts'
import { currentLanguage } from '../i18n/index.ts'

export type Problem = Static<typeof ProblemSchema>

/** Codes the client itself produces when there is no problem document to show. */
export const CLIENT_ERROR_CODES = { network: 'client.network', unexpected: 'client.unexpected_response' } as const

export class ApiError extends Error {
  override name = 'ApiError'

  constructor(
    readonly status: number,
    readonly code: string,
    /** The server's problem document, or null when the failure happened before/outside the API. */
    readonly problem: Problem | null,
  ) {
    super(problem?.title ?? code)
  }

  /** Field-level messages from a validation problem, keyed by the last segment of the field pointer. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const error of this.problem?.errors ?? []) {
      const field = error.field.split('/').filter(Boolean).pop()
      if (field && !(field in out)) out[field] = error.message
    }
    return out
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code)
}

let csrfToken: string | null = null

/** Set from CurrentUser.csrfToken after sign-in and GET /api/auth/me; cleared on sign-out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

type UnauthenticatedListener = () => void
const unauthenticatedListeners = new Set<UnauthenticatedListener>()

/** Called whenever the API says the session is gone (401 auth.unauthenticated). */
export function onUnauthenticated(listener: UnauthenticatedListener): () => void {
  unauthenticatedListeners.add(listener)
  return () => unauthenticatedListeners.delete(listener)
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

/** `/api/units` + `{ validOn: '2025-07-01', level: undefined }` → `/api/units?validOn=2025-07-01`. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `${path}?${text}` : path
}

interface RequestOptions {
  query?: Query
  body?: unknown
  /** A file sent as is (e.g. an XLSX or CSV import) instead of a JSON body. */
  raw?: { data: Blob; contentType: string }
  signal?: AbortSignal
  /** The rowVersion the edit was made from, sent as `If-Match: "<rowVersion>"`: a stale edit answers 409 request.stale (ADR 0011). */
  ifMatch?: number | undefined
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false
  const candidate = value as Record<string, unknown>
  return typeof candidate.title === 'string' && typeof candidate.status === 'number' && typeof candidate.code === 'string'
}

async function readProblem(response: Response): Promise<ApiError> {
  const contentType = response.headers.get('content-type') ?? ''
  if (contentType.includes('json')) {
    try {
      const body: unknown = await response.json()
      if (isProblem(body)) {
        const retryHeader = Number(response.headers.get('retry-after'))
        const problem: Problem =
          body.retryAfterSeconds === undefined && Number.isFinite(retryHeader) && retryHeader > 0
            ? { ...body, retryAfterSeconds: retryHeader }
            : body
        return new ApiError(response.status, problem.code, problem)
      }
    } catch {
      // Fall through to the generic error below.
    }
  }
  return new ApiError(response.status, CLIENT_ERROR_CODES.unexpected, null)
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': currentLanguage(),
  }
  if (options.raw) headers['content-type'] = options.raw.contentType
  else if (options.body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken
  if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`

  let response: Response
  try {
    response = await fetch(withQuery(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.raw ? options.raw.data : options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError(0, CLIENT_ERROR_CODES.network, null)
  }

  if (!response.ok) {
    const error = await readProblem(response)
    if (error.code === 'auth.unauthenticated') for (const listener of unauthenticatedListeners) listener()
    throw error
  }
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T
  const contentType = response.headers.get('content-type') ?? ''
  if (!contentType.includes('json')) throw new ApiError(response.status, CLIENT_ERROR_CODES.unexpected, null)
  return (await response.json()) as T
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, ifMatch?: number) => request<T>('POST', path, { body, ifMatch }),
  put: <T>(path: string, body: unknown, ifMatch?: number) => request<T>('PUT', path, { body, ifMatch }),
  patch: <T>(path: string, body: unknown, ifMatch?: number) => request<T>('PATCH', path, { body, ifMatch }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** POSTs a file as the raw request body with its own content type. */
  upload: <T>(path: string, data: Blob, contentType: string, query?: Query) => request<T>('POST', path, { raw: { data, contentType }, query }),
}

/** Builds `/api/...` paths with encoded segments. */
export function apiPath(...segments: string[]): string {
  return `/api/${segments.map(encodeURIComponent).join('/')}`
}
