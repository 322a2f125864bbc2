import { afterEach, describe, expect, it, vi } from 'vitest'
import i18n from '../i18n/index.ts'
import { api, ApiError, CLIENT_ERROR_CODES, onUnauthenticated, setCsrfToken, withQuery } from './client.ts'

function respond(status: number, body?: unknown, contentType = 'application/json'): Response {
  const text = body === undefined ? null : JSON.stringify(body)
  return new Response(text, { status, headers: text === null ? {} : { 'content-type': contentType } })
}

function stubFetch(response: Response | Error) {
  const fetchMock = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => {
    if (response instanceof Error) throw response
    return response
  })
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

function sentHeaders(fetchMock: ReturnType<typeof stubFetch>): Record<string, string> {
  return (fetchMock.mock.calls[0]?.[1]?.headers ?? {}) as Record<string, string>
}

afterEach(() => {
  vi.unstubAllGlobals()
  setCsrfToken(null)
})

describe('withQuery', () => {
  it('drops empty values and encodes the rest', () => {
    expect(withQuery('/api/units', { validOn: '2025-07-01', level: undefined, parentId: '' })).toBe('/api/units?validOn=2025-07-01')
    expect(withQuery('/api/users', { q: 'Nguyễn Văn', limit: 20 })).toBe('/api/users?q=Nguy%E1%BB%85n+V%C4%83n&limit=20')
    expect(withQuery('/api/roles')).toBe('/api/roles')
  })
})

describe('request headers', () => {
  it('sends the version an edit was made from as If-Match, and nothing when none is given', async () => {
    const patchMock = stubFetch(respond(200, { ok: true }))
    await api.patch('/api/agencies/1', { name: 'x' }, 4)
    expect(sentHeaders(patchMock)['if-match']).toBe('"4"')
    const postMock = stubFetch(respond(200, { ok: true }))
    await api.post('/api/units', { name: 'x' })
    expect(sentHeaders(postMock)['if-match']).toBeUndefined()
  })

  it('sends the CSRF token on writes only, with the session cookie and the UI language', async () => {
    setCsrfToken('csrf-123')
    const fetchMock = stubFetch(respond(200, []))
    await api.get('/api/units')
    expect(sentHeaders(fetchMock)['x-csrf-token']).toBeUndefined()
    expect(sentHeaders(fetchMock)['accept-language']).toBe('vi')
    expect(fetchMock.mock.calls[0]?.[1]?.credentials).toBe('same-origin')

    const postMock = stubFetch(respond(200, { ok: true }))
    await api.post('/api/units', { name: 'Xã A' })
    expect(sentHeaders(postMock)['x-csrf-token']).toBe('csrf-123')
    expect(sentHeaders(postMock)['content-type']).toBe('application/json')
    expect(postMock.mock.calls[0]?.[1]?.body).toBe('{"name":"Xã A"}')
  })

  it('follows the UI language', async () => {
    await i18n.changeLanguage('en')
    try {
      const fetchMock = stubFetch(respond(200, {}))
      await api.get('/api/auth/me')
      expect(sentHeaders(fetchMock)['accept-language']).toBe('en')
    } finally {
      await i18n.changeLanguage('vi')
    }
  })

  it('sends a file as the raw body with its own content type and the CSRF token', async () => {
    setCsrfToken('csrf-9')
    const fetchMock = stubFetch(respond(200, { rows: 1 }))
    const file = new Blob(['name,field_name\n'], { type: 'text/csv' })
    await api.upload('/api/procedures/imports', file, 'text/csv', { dryRun: true })
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/procedures/imports?dryRun=true')
    expect(sentHeaders(fetchMock)['content-type']).toBe('text/csv')
    expect(sentHeaders(fetchMock)['x-csrf-token']).toBe('csrf-9')
    expect(fetchMock.mock.calls[0]?.[1]?.body).toBe(file)
  })

  it('sends no body and no content type for a bare POST', async () => {
    const fetchMock = stubFetch(respond(204))
    await expect(api.post('/api/auth/sign-out')).resolves.toBeUndefined()
    expect(sentHeaders(fetchMock)['content-type']).toBeUndefined()
    expect(fetchMock.mock.calls[0]?.[1]?.body).toBeUndefined()
  })
})

describe('errors', () => {
  it('turns a problem document into an ApiError carrying it', async () => {
    stubFetch(
      respond(
        400,
        {
          type: 'urn:cchc:problem:request.invalid',
          title: 'Dữ liệu gửi lên không hợp lệ',
          status: 400,
          code: 'request.invalid',
          detail: 'Trường /body/code: must match pattern',
          errors: [{ field: '/body/code', message: 'must match pattern' }],
        },
        'application/problem+json; charset=utf-8',
      ),
    )
    const error = await api.post('/api/units', {}).catch((reason: unknown) => reason)
    expect(error).toBeInstanceOf(ApiError)
    const apiError = error as ApiError
    expect(apiError.status).toBe(400)
    expect(apiError.code).toBe('request.invalid')
    expect(apiError.problem?.title).toBe('Dữ liệu gửi lên không hợp lệ')
    expect(apiError.fieldErrors()).toEqual({ code: 'must match pattern' })
  })

  it('keeps retryAfterSeconds of a lock-out', async () => {
    stubFetch(respond(429, { type: 'x', title: 'Tài khoản tạm khoá', status: 429, code: 'auth.locked', retryAfterSeconds: 600 }, 'application/problem+json'))
    const error = (await api.post('/api/auth/sign-in', { username: 'a', password: 'b' }).catch((reason: unknown) => reason)) as ApiError
    expect(error.code).toBe('auth.locked')
    expect(error.problem?.retryAfterSeconds).toBe(600)
  })

  it('reports a network failure without a problem document', async () => {
    stubFetch(new TypeError('Failed to fetch'))
    const error = (await api.get('/api/units').catch((reason: unknown) => reason)) as ApiError
    expect(error.code).toBe(CLIENT_ERROR_CODES.network)
    expect(error.problem).toBeNull()
  })

  it('reports a non-JSON error page (e.g. a proxy) as unexpected', async () => {
    stubFetch(new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }))
    const error = (await api.get('/api/units').catch((reason: unknown) => reason)) as ApiError
    expect(error.status).toBe(502)
    expect(error.code).toBe(CLIENT_ERROR_CODES.unexpected)
  })

  it('tells listeners when the session is gone', async () => {
    const listener = vi.fn()
    const stop = onUnauthenticated(listener)
    try {
      stubFetch(respond(401, { type: 'x', title: 'Bạn cần đăng nhập để tiếp tục', status: 401, code: 'auth.unauthenticated' }, 'application/problem+json'))
      await api.get('/api/me/agency').catch(() => undefined)
      expect(listener).toHaveBeenCalledTimes(1)

      stubFetch(respond(401, { type: 'x', title: 'Sai', status: 401, code: 'auth.invalid_credentials' }, 'application/problem+json'))
      await api.post('/api/auth/sign-in', {}).catch(() => undefined)
      expect(listener).toHaveBeenCalledTimes(1)
    } finally {
      stop()
    }
  })
})
