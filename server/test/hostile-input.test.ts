/**
 * A bounded hostile-input run, derived from the OpenAPI document so every route and method is
 * covered, new ones included. Each request is built from the operation's schemas: valid-shaped
 * values (real ids of the demo province, boundary lengths and numbers), then mutated with hostile
 * ones (out-of-range numbers, 1e308, NUL characters, unpaired surrogates, long unicode, SQL- and
 * HTML-looking text, wrong types, null, arrays for objects, deep nesting, unknown fields), or sent
 * raw (malformed JSON, wrong content types, duplicated query parameters, odd path segments). It is
 * sent with a province system_admin's session, an API token, a commune official's session, bad
 * credentials and none, through `app.inject`.
 *
 * Asserted: no answer is a 5xx, every 4xx is problem+json with a `code`, and the server still
 * answers health and the signed-in /auth/me afterwards.
 *
 * Reproducible: request i is generated from its own PRNG seeded by (seed, i), independent of the
 * answers. Every failure prints the seed, the index and the exact request. Replay with
 *   HOSTILE_SEED=<seed> npx vitest run server/test/hostile-input.test.ts
 * (HOSTILE_ONLY=<i>,<j> sends only those requests, on a fresh database; HOSTILE_REQUESTS=<n>
 * changes the count; HOSTILE_LOG_LEVEL=error shows the server's error log; HOSTILE_SUMMARY=1 prints
 * the answers per operation).
 */
import type { HTTPMethods, LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PERMISSION_NAMES } from '../../contracts/auth.ts'
import { sampleContent } from '../modules/procedures/test-fixtures.ts'
import { buildTestApp, sessionCookie, TEST_PASSWORD, type TestApp } from './test-app.ts'

// ---------------------------------------------------------------------------------------------
// Run parameters

function numberFromEnv(name: string): number | undefined {
  const text = process.env[name]
  if (text === undefined || text === '') return undefined
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a whole number (decimal or 0x…), not "${text}"`)
  return value
}

const DEFAULT_SEED = 0x5eed2026
const SEED = (numberFromEnv('HOSTILE_SEED') ?? DEFAULT_SEED) >>> 0
const TOTAL = Math.max(1, numberFromEnv('HOSTILE_REQUESTS') ?? 20_000)
const ONLY = process.env.HOSTILE_ONLY ? process.env.HOSTILE_ONLY.split(',').map(Number) : null
const CHUNKS = 5
/** Per `it`; one chunk takes a fraction of this on a loaded 2-core machine. */
const CHUNK_TIMEOUT_MS = 180_000

// ---------------------------------------------------------------------------------------------
// Seeded randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Seed of request `index`: the run's seed and the index, mixed (murmur3 finaliser). */
function requestSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

class Random {
  private readonly next: () => number
  constructor(seed: number) {
    this.next = mulberry32(seed)
  }
  float(): number {
    return this.next()
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  pick<T>(items: readonly T[]): T {
    if (!items.length) throw new Error('pick from an empty list')
    return items[Math.floor(this.next() * items.length)]!
  }
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0)
    let x = this.next() * total
    for (const [value, w] of entries) if ((x -= w) < 0) return value
    return entries[entries.length - 1]![0]
  }
  hex(n: number): string {
    let out = ''
    for (let i = 0; i < n; i++) out += '0123456789abcdef'[this.int(0, 15)]
    return out
  }
}

// ---------------------------------------------------------------------------------------------
// Schemas (as the OpenAPI document shows them: plain JSON Schema, no $ref)

interface Schema {
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
  minProperties?: number
  items?: Schema
  minItems?: number
  maxItems?: number
  uniqueItems?: boolean
  enum?: unknown[]
  const?: unknown
  anyOf?: Schema[]
  oneOf?: Schema[]
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  default?: unknown
}

interface Param {
  name: string
  schema: Schema
  required: boolean
}

interface Operation {
  key: string
  method: HTTPMethods
  path: string
  pathParams: Param[]
  queryParams: Param[]
  body: { contentTypes: string[]; schema: Schema; required: boolean } | null
  /** Share of the run: requests that reach argon2id (≈ 60 ms each) or the whole catalogue get less. */
  weight: number
  /** Ends the session it is sent with: sent with a disposable session, never the run's own. */
  endsSession: boolean
}

const HASHING = new Set(['POST /api/auth/sign-in', 'POST /api/auth/password', 'POST /api/users', 'POST /api/users/{id}/password'])
/** Whole-catalogue work (an XLSX or CSV of every procedure in force, or an import of one): tens of ms each. */
const HEAVY = new Set(['GET /api/procedures/export.xlsx', 'GET /api/procedures/export.csv', 'POST /api/procedures/imports'])
const SESSION_ENDING = new Set(['POST /api/auth/sign-out', 'POST /api/auth/sign-out-everywhere'])

function operationsOf(spec: { paths: Record<string, Record<string, Record<string, unknown>>> }): Operation[] {
  const operations: Operation[] = []
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as { parameters?: Array<{ in: string; name: string; required?: boolean; schema: Schema }>; requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> } }
      const params = op.parameters ?? []
      const content = op.requestBody?.content
      const key = `${method.toUpperCase()} ${path}`
      operations.push({
        key,
        method: method.toUpperCase() as HTTPMethods,
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema, required: true })),
        queryParams: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema, required: Boolean(p.required) })),
        body: content ? { contentTypes: Object.keys(content), schema: Object.values(content)[0]!.schema, required: Boolean(op.requestBody?.required) } : null,
        // A session-ending request with a session costs a new disposable session (a sign-in, argon2id).
        weight: HASHING.has(key) || HEAVY.has(key) || SESSION_ENDING.has(key) ? 1 : 4,
        endsSession: SESSION_ENDING.has(key),
      })
    }
  }
  return operations
}

// ---------------------------------------------------------------------------------------------
// Values

interface Pools {
  agencies: string[]
  units: string[]
  users: string[]
  procedures: string[]
  /** An exported catalogue workbook and CSV: valid import files to start from. */
  xlsx: Buffer
  csv: string
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ.,-()/'
const LONG_UNICODE = 'Thủ tục hành chính 行政手続き 😀🇻🇳 ﷽ e\u0301 Ω ǅ \u200d'

/** Strings that tend to break things below the HTTP layer. */
const HOSTILE_STRINGS: readonly string[] = [
  '', ' ', '\u0000', 'a\u0000b', '\u0000'.repeat(20), '\uD800', '\uDFFF', 'x\uDBFF', '\uDC00\uD800', 'ok\uD83D',
  "' OR '1'='1", "'; DROP TABLE users; --", '" OR ""="', '%', '_', '%_%', '\\', "\\'", '$1', '$$', 'E\'\\x00\'',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '{{7*7}}', '${7*7}', '../../../etc/passwd', '..\\..\\',
  'NaN', 'Infinity', '-Infinity', '1e308', '-1e308', '1e-400', '-0', '0x7fffffff', '2147483648', '9007199254740993', '00001',
  'null', 'undefined', 'true', '[]', '{}', '\r\n', '\t', '\u202e', '\ufeff', '\u200b', ' leading', 'trailing ',
  '0000-01-01', '9999-12-31', '2026-02-30', '2026-13-01', '-2026-01-01', '20260101', '2026-03-02T23:59:60Z', '2026-03-02T25:00:00Z',
  '00000000-0000-0000-0000-000000000000', 'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF', '6f1c1d2e00004000800000000000000', 'a@b', 'a@b.c',
  LONG_UNICODE, LONG_UNICODE.repeat(40), 'x'.repeat(300), 'ư'.repeat(1001), 'e\u0301'.repeat(600),
]

const HOSTILE_NUMBERS: readonly number[] = [0, -0, -1, 1, 0.5, -0.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e15, 1e15 + 1, 1e308, -1e308, 5e-324, 1e21, 1.7976931348623157e308]

/** Raw JSON number tokens JSON.stringify cannot write (1e999 parses as Infinity). */
const RAW_NUMBER_TOKENS: readonly string[] = ['1e999', '-1e999', `1${'0'.repeat(400)}`, `0.${'0'.repeat(400)}1`, '-0', '1E+308', '123456789012345678901234567890', '0.1e-999']

function typesOf(schema: Schema): string[] {
  if (Array.isArray(schema.type)) return schema.type
  if (schema.type) return [schema.type]
  if (schema.properties) return ['object']
  return []
}

/** A string matching `pattern` (the subset the contracts use: classes, groups, alternation, quantifiers, escapes, anchors). */
type Rx = { kind: 'seq'; items: Rx[] } | { kind: 'alt'; options: Rx[] } | { kind: 'set'; chars: string } | { kind: 'rep'; node: Rx; min: number; max: number }

function parsePattern(pattern: string): Rx {
  let i = 0
  const classChars = (): string => {
    let chars = ''
    let negate = false
    if (pattern[i] === '^') {
      negate = true
      i++
    }
    while (i < pattern.length && pattern[i] !== ']') {
      let c = pattern[i++]!
      if (c === '\\') c = pattern[i++]!
      if (pattern[i] === '-' && pattern[i + 1] !== ']' && i + 1 < pattern.length) {
        i++
        let end = pattern[i++]!
        if (end === '\\') end = pattern[i++]!
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) chars += String.fromCharCode(code)
      } else chars += c
    }
    i++ // ]
    if (!negate) return chars
    let printable = ''
    for (let code = 32; code < 127; code++) if (!chars.includes(String.fromCharCode(code))) printable += String.fromCharCode(code)
    return printable
  }
  const atom = (): Rx | null => {
    const c = pattern[i++]!
    if (c === '^' || c === '$') return null
    if (c === '(') {
      if (pattern.startsWith('?:', i)) i += 2
      const inner = alternation()
      i++ // )
      return inner
    }
    if (c === '[') return { kind: 'set', chars: classChars() }
    if (c === '\\') {
      const e = pattern[i++]!
      if (e === 'd') return { kind: 'set', chars: '0123456789' }
      if (e === 'w') return { kind: 'set', chars: 'abcxyzABC019_' }
      if (e === 's') return { kind: 'set', chars: ' ' }
      return { kind: 'set', chars: e }
    }
    if (c === '.') return { kind: 'set', chars: 'abc.-_ 19' }
    return { kind: 'set', chars: c }
  }
  const quantified = (node: Rx): Rx => {
    const q = pattern[i]
    if (q === '?') return (i++, { kind: 'rep', node, min: 0, max: 1 })
    if (q === '*') return (i++, { kind: 'rep', node, min: 0, max: 6 })
    if (q === '+') return (i++, { kind: 'rep', node, min: 1, max: 6 })
    if (q === '{') {
      const close = pattern.indexOf('}', i)
      const [lo, hi] = pattern.slice(i + 1, close).split(',')
      i = close + 1
      const min = Number(lo)
      return { kind: 'rep', node, min, max: hi === undefined ? min : hi === '' ? min + 6 : Number(hi) }
    }
    return node
  }
  const sequence = (): Rx => {
    const items: Rx[] = []
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const a = atom()
      if (a) items.push(quantified(a))
    }
    return { kind: 'seq', items }
  }
  const alternation = (): Rx => {
    const options = [sequence()]
    while (pattern[i] === '|') {
      i++
      options.push(sequence())
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options }
  }
  return alternation()
}

const parsedPatterns = new Map<string, Rx>()
function fromPattern(pattern: string, r: Random): string {
  let rx = parsedPatterns.get(pattern)
  if (!rx) parsedPatterns.set(pattern, (rx = parsePattern(pattern)))
  const emit = (node: Rx): string => {
    switch (node.kind) {
      case 'seq':
        return node.items.map(emit).join('')
      case 'alt':
        return emit(r.pick(node.options))
      case 'set':
        return node.chars[r.int(0, node.chars.length - 1)] ?? ''
      case 'rep': {
        const n = r.chance(0.15) ? node.max : r.chance(0.15) ? node.min : r.int(node.min, Math.min(node.max, node.min + 12))
        let out = ''
        for (let k = 0; k < n; k++) out += emit(node.node)
        return out
      }
    }
  }
  return emit(rx)
}

function randomUuid(r: Random): string {
  return `${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-${r.pick(['8', '9', 'a', 'b'])}${r.hex(3)}-${r.hex(12)}`
}

/** Which pool an id named `name` (at `path`) comes from. */
function poolFor(name: string, path: string, pools: Pools): string[] {
  if (name === 'agencyId' || name === 'scopeAgencyId') return pools.agencies
  if (name === 'unitId' || name === 'predecessorIds') return pools.units
  if (name === 'actorId') return pools.users
  if (name === 'parentId') return path.includes('/units') ? pools.units : pools.agencies
  if (name === 'id') {
    if (path.startsWith('/api/units')) return pools.units
    if (path.startsWith('/api/agencies')) return pools.agencies
    if (path.startsWith('/api/users')) return pools.users
    if (path.includes('/procedures/')) return pools.procedures
  }
  return []
}

function isoDate(r: Random): string {
  const boundary = ['1900-01-01', '2100-12-31', '2024-02-29', '2026-01-01', '2026-12-31', '0001-01-01', '9999-12-31', '0000-01-01', '1970-01-01']
  if (r.chance(0.2)) return r.pick(boundary)
  const day = new Date(Date.UTC(2024, 0, 1) + r.int(0, 4 * 365) * 86_400_000)
  return day.toISOString().slice(0, 10)
}

function isoDateTime(r: Random): string {
  const boundary = ['2026-03-02T02:00:00Z', '2026-03-02T23:59:60Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-03-02T10:00:00+14:00', '2026-03-02T10:00:00-12:00', '2026-03-02t10:00:00z', '2026-03-02T10:00:00.123456789Z', '1900-01-01T00:00:00+07:00']
  if (r.chance(0.25)) return r.pick(boundary)
  return new Date(Date.UTC(2025, 0, 1) + r.int(0, 3 * 365 * 24) * 3_600_000).toISOString()
}

interface GenContext {
  r: Random
  pools: Pools
  path: string
  depth: number
  /** Name of the object being filled (e.g. `field` for a procedure's field). */
  parent?: string
}

/**
 * Procedure fields are shared by name, and their codes are unique: a few fixed names and codes,
 * drawn often, make requests meet fields (and codes) that earlier requests of the run created.
 */
const FIELD_NAMES = ['Hộ tịch', 'Lĩnh vực thử A', 'Lĩnh vực thử B', 'Lĩnh vực thử C']
const FIELD_CODES = ['LV-01', 'LV-02', 'HT']

/** A value that satisfies `schema` (as far as the schema says), with boundary values now and then. */
function validValue(schema: Schema, ctx: GenContext, name = ''): unknown {
  const { r } = ctx
  if ('const' in schema) return schema.const
  if (schema.enum) return r.pick(schema.enum)
  const branches = schema.anyOf ?? schema.oneOf
  if (branches) return validValue(r.pick(branches), ctx, name)
  const types = typesOf(schema)
  const type = types.length ? r.pick(types) : r.pick(['string', 'integer', 'boolean', 'null', 'object'])
  switch (type) {
    case 'null':
      return null
    case 'boolean':
      return r.chance(0.5)
    case 'integer':
    case 'number': {
      // Versions and years that exist, most of the time.
      if (name === 'version' && r.chance(0.7)) return r.int(1, 3)
      if (name === 'year' && r.chance(0.6)) return r.int(2025, 2027)
      const min = schema.minimum ?? (type === 'integer' ? -1000 : -1000.5)
      const max = schema.maximum ?? 100_000
      if (r.chance(0.3)) return r.pick([min, max, Math.min(max, Math.max(min, 0)), Math.min(max, min + 1)])
      const n = min + r.float() * (max - min)
      return type === 'integer' ? Math.round(n) : r.chance(0.5) ? Math.round(n) : Math.round(n * 100) / 100
    }
    case 'string': {
      if (schema.format === 'uuid') {
        const pool = poolFor(name, ctx.path, ctx.pools)
        return pool.length && r.chance(0.8) ? r.pick(pool) : randomUuid(r)
      }
      if (schema.format === 'date') return isoDate(r)
      if (schema.format === 'date-time') return isoDateTime(r)
      if (schema.format === 'email') return r.pick(['a@b.vn', 'quan.tri@an-thinh.gov.vn', `${'x'.repeat(64)}@${'d'.repeat(60)}.vn`, 'tên@ví-dụ.vn'])
      if (schema.pattern) return fromPattern(schema.pattern, r)
      if (ctx.parent === 'field' && name === 'name' && r.chance(0.4)) return r.pick(FIELD_NAMES)
      if (ctx.parent === 'field' && name === 'code' && r.chance(0.4)) return r.pick(FIELD_CODES)
      const min = schema.minLength ?? 0
      const max = schema.maxLength ?? 300
      const length = r.chance(0.15) ? max : r.chance(0.1) ? min : r.int(min, Math.min(max, min + 30))
      let out = ''
      for (let k = 0; k < length; k++) out += LETTERS[r.int(0, LETTERS.length - 1)]
      return out
    }
    case 'array': {
      const items = schema.items ?? {}
      const min = schema.minItems ?? 0
      const max = schema.maxItems ?? 10
      // The longest list allowed now and then, but not of nested objects below the top (20 variants of 60 documents each is slow to build and says nothing more).
      const length = r.chance(0.1) && (!items.properties || ctx.depth === 0) ? Math.min(max, 60) : r.int(min, Math.max(min, Math.min(max, min + 3)))
      if (schema.uniqueItems && items.enum) {
        const shuffled = [...items.enum].sort(() => r.float() - 0.5)
        return shuffled.slice(0, Math.max(min, Math.min(length, shuffled.length)))
      }
      const out: unknown[] = []
      for (let k = 0; k < length; k++) out.push(validValue(items, { ...ctx, depth: ctx.depth + 1 }, name))
      return schema.uniqueItems ? [...new Set(out.map((v) => JSON.stringify(v)))].map((v) => JSON.parse(v) as unknown) : out
    }
    default: {
      if (!schema.properties) return ctx.depth > 2 ? r.pick([1, 'x', null]) : { note: 'x', n: r.int(0, 9) }
      const out: Record<string, unknown> = {}
      const required = new Set(schema.required ?? [])
      const optional = Object.keys(schema.properties).filter((k) => !required.has(k))
      for (const [key, sub] of Object.entries(schema.properties)) {
        if (required.has(key) || r.chance(0.6)) out[key] = validValue(sub, { ...ctx, depth: ctx.depth + 1, parent: name }, key)
      }
      while (Object.keys(out).length < (schema.minProperties ?? 0) && optional.length) {
        const key = r.pick(optional)
        out[key] = validValue(schema.properties[key]!, { ...ctx, depth: ctx.depth + 1, parent: name }, key)
      }
      return out
    }
  }
}

function deepNest(depth: number, asArray: boolean): unknown {
  let v: unknown = 'bottom'
  for (let k = 0; k < depth; k++) v = asArray ? [v] : { a: v }
  return v
}

/** A value that `schema` should refuse (or at least that probes its edges). */
function hostileValue(schema: Schema, r: Random): unknown {
  const types = typesOf(schema)
  const generic = (): unknown =>
    r.pick<() => unknown>([
      () => null,
      () => true,
      () => 0,
      () => '',
      () => [],
      () => ({}),
      () => [null],
      () => [[[]]],
      () => ({ a: { b: { c: '\u0000' } } }),
      () => r.pick(HOSTILE_STRINGS),
      () => r.pick(HOSTILE_NUMBERS),
      () => deepNest(r.pick([50, 1000]), r.chance(0.5)),
      () => Array.from({ length: r.pick([100, 2000]) }, (_, k) => k),
      () => JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}') as unknown,
    ])()
  if (r.chance(0.3) || !types.length) return generic()
  const type = r.pick(types)
  if (type === 'string') {
    return r.pick<() => unknown>([
      () => r.pick(HOSTILE_STRINGS),
      () => (schema.maxLength !== undefined ? 'a'.repeat(schema.maxLength + 1) : 'a'.repeat(r.pick([1000, 20_000]))),
      () => (schema.maxLength !== undefined ? 'ư😀'.repeat(Math.ceil(schema.maxLength / 3) + 1) : LONG_UNICODE.repeat(100)),
      () => (schema.minLength ? '' : ' '),
      () => `${String(validValue(schema, { r, pools: EMPTY_POOLS, path: '', depth: 0 }))}\u0000`,
      () => `\uD800${String(validValue(schema, { r, pools: EMPTY_POOLS, path: '', depth: 0 }))}`,
      () => r.pick(HOSTILE_NUMBERS),
      () => [r.pick(HOSTILE_STRINGS)],
    ])()
  }
  if (type === 'integer' || type === 'number') {
    return r.pick<() => unknown>([
      () => r.pick(HOSTILE_NUMBERS),
      () => (schema.maximum ?? 2 ** 31) + 1,
      () => (schema.minimum ?? -(2 ** 31)) - 1,
      () => (schema.maximum ?? 10) + 0.5,
      () => String(r.pick(HOSTILE_NUMBERS)),
      () => r.pick(['NaN', 'Infinity', '1e308', '', ' 1', '0x10']),
    ])()
  }
  if (type === 'array') {
    return r.pick<() => unknown>([
      () => new Array<unknown>((schema.maxItems ?? 1000) + 1).fill(validValue(schema.items ?? {}, { r, pools: EMPTY_POOLS, path: '', depth: 3 })),
      () => (schema.minItems ? [] : [hostileValue(schema.items ?? {}, r)]),
      () => {
        const one = validValue(schema.items ?? {}, { r, pools: EMPTY_POOLS, path: '', depth: 3 })
        return [one, one]
      },
      () => ({ 0: 'not an array' }),
      () => [hostileValue(schema.items ?? {}, r)],
    ])()
  }
  if (type === 'object') {
    return r.pick<() => unknown>([
      () => ({}),
      () => [validValue(schema, { r, pools: EMPTY_POOLS, path: '', depth: 3 })],
      () => ({ ...(validValue(schema, { r, pools: EMPTY_POOLS, path: '', depth: 3 }) as object), [r.pick(['surprise', 'a\u0000', '__proto__', 'constructor', '\uD800', ''])]: r.pick(HOSTILE_STRINGS) }),
      () => deepNest(500, false),
    ])()
  }
  return generic()
}

const EMPTY_POOLS: Pools = { agencies: [], units: [], users: [], procedures: [], xlsx: Buffer.alloc(0), csv: '' }

interface Slot {
  parent: Record<string, unknown> | unknown[]
  key: string | number
  schema: Schema
}

/** Every place in `value` a mutation can hit, with the schema that governs it. */
function slotsOf(value: unknown, schema: Schema, out: Slot[] = []): Slot[] {
  if (Array.isArray(value)) {
    value.forEach((item, k) => {
      out.push({ parent: value, key: k, schema: schema.items ?? {} })
      slotsOf(item, schema.items ?? {}, out)
    })
  } else if (value && typeof value === 'object') {
    const branch = schema.anyOf?.find((s) => typesOf(s).includes('object')) ?? schema
    for (const [key, item] of Object.entries(value)) {
      const sub = branch.properties?.[key] ?? {}
      out.push({ parent: value as Record<string, unknown>, key, schema: sub })
      slotsOf(item, sub, out)
    }
  }
  return out
}

/** `value` with one to three hostile changes: a replaced value, a removed or an unknown field. */
function mutate(value: unknown, schema: Schema, r: Random): unknown {
  if (value === null || typeof value !== 'object' || r.chance(0.1)) return hostileValue(schema, r)
  const copy = structuredClone(value)
  const changes = r.int(1, 3)
  for (let c = 0; c < changes; c++) {
    const slots = slotsOf(copy, schema)
    if (!slots.length) return hostileValue(schema, r)
    const slot = r.pick(slots)
    const action = r.weighted([['replace', 6], ['remove', 1], ['unknown', 1]] as const)
    if (action === 'remove' && !Array.isArray(slot.parent)) delete slot.parent[slot.key as string]
    else if (action === 'unknown' && !Array.isArray(slot.parent)) slot.parent[r.pick(['surprise', 'a\u0000b', '\uDC00', 'x'.repeat(300), '$where', 'id'])] = r.pick(HOSTILE_STRINGS)
    else (slot.parent as Record<string | number, unknown>)[slot.key] = hostileValue(slot.schema, r)
  }
  return copy
}

// ---------------------------------------------------------------------------------------------
// Requests

type Persona = 'admin' | 'admin-no-csrf' | 'commune' | 'token' | 'anonymous' | 'bogus'
const PERSONAS: ReadonlyArray<readonly [Persona, number]> = [['admin', 40], ['token', 20], ['anonymous', 12], ['commune', 10], ['bogus', 10], ['admin-no-csrf', 8]]

interface HostileRequest {
  index: number
  op: Operation
  persona: Persona
  mode: 'valid' | 'mutated' | 'raw'
  method: HTTPMethods
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
  remoteAddress: string
}

/** encodeURIComponent, except that an unpaired surrogate is sent as its (invalid) UTF-8 bytes. */
function encode(value: string): string {
  let out = ''
  for (const ch of value) {
    const code = ch.charCodeAt(0)
    if (ch.length === 1 && code >= 0xd800 && code <= 0xdfff) out += `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`
    else out += encodeURIComponent(ch)
  }
  return out
}

const RAW_SEGMENTS = ['%00', 'abc', '-1', '0', '1e308', '2147483648', '9007199254740993', '%2F', '..', '%2e%2e', '%ZZ', '%', '%ED%A0%80', '%C0%80', '%FF', 'x'.repeat(3000), 'null', '%20', '00000000-0000-0000-0000-00000000000g', ' 2026', '2026.0', '0x7e8']
const RAW_QUERY = ['%00', '%', '%ZZ', '%ED%A0%80', '%C0%80', '%FF%FE', '+', '%2B', 'a%26b%3Dc', '', 'x'.repeat(5000)]
const ACCEPT_LANGUAGES = ['vi', 'en', 'en-US,en;q=0.9', 'vi;q=abc,en;q=NaN', '*', ',,,,', 'en;q=1e308', `${'en,'.repeat(500)}vi`, 'zz-ZZ', '']
const BAD_JSON = ['{', '{"name": "x",', '[1,]', 'nul', '"', '{"a":1}garbage', '\ufeff{}', '{"a":"\\x"}', '{"a":"\\ud800"}', '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1,"a":2}', 'NaN', '1e999', '[]', '""', 'true', 'null', '0', '{}', `${'['.repeat(20_000)}${']'.repeat(20_000)}`, `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`]
const CONTENT_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'application/json; charset=latin1', 'application/JSON', 'application/json;;;', 'application/vnd.api+json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '*/*', ';', 'application/octet-stream']

function bogusCredentials(r: Random, cookieName: string): Record<string, string> {
  return r.pick<() => Record<string, string>>([
    () => ({ cookie: `${cookieName}=${r.hex(64)}` }),
    () => ({ cookie: `${cookieName}=` }),
    () => ({ cookie: `${cookieName}=%00%ff` }),
    () => ({ cookie: `${cookieName}=${'a'.repeat(4000)}` }),
    () => ({ cookie: ';;==;=;' }),
    () => ({ cookie: `${cookieName}=a; ${cookieName}=b` }),
    () => ({ authorization: 'Bearer' }),
    () => ({ authorization: 'Bearer cchc_' }),
    () => ({ authorization: `Bearer cchc_${r.hex(40)}` }),
    () => ({ authorization: `Bearer cchc_${'x'.repeat(300)}` }),
    () => ({ authorization: 'Basic cXVhbnRyaTp4' }),
    () => ({ authorization: 'bearer  a b c' }),
    () => ({ authorization: `Bearer ${encode('cchc_\uD800')}` }),
    () => ({ authorization: '' }),
  ])()
}

function generate(index: number, op: Operation, pools: Pools, cookieName: string): Omit<HostileRequest, 'headers'> & { headers: Record<string, string>; credentials: 'persona' | 'bogus' | 'none' } {
  const r = new Random(requestSeed(SEED, index))
  const persona = r.weighted(PERSONAS)
  const mode = r.weighted([['valid', 25], ['mutated', 50], ['raw', 25]] as const)
  const ctx: GenContext = { r, pools, path: op.path, depth: 0 }
  const headers: Record<string, string> = {}
  let method: HTTPMethods = op.method

  // Path: valid-shaped parameters, one hostile now and then, or a raw segment.
  let path = op.path
  for (const p of op.pathParams) {
    let segment: string
    if (mode === 'raw' && r.chance(0.5)) segment = r.pick(RAW_SEGMENTS)
    else if (mode === 'mutated' && r.chance(0.35)) segment = encode(String(hostileValue(p.schema, r)))
    else segment = encode(String(validValue(p.schema, ctx, p.name)))
    path = path.replace(`{${p.name}}`, segment)
  }

  // Query: each parameter valid-shaped or hostile; raw mode adds duplicates, unknown names and bad escapes.
  const query: string[] = []
  for (const p of op.queryParams) {
    if (!p.required && r.chance(0.45)) continue
    let value: string
    if (mode === 'mutated' && r.chance(0.5)) {
      const v = hostileValue(p.schema, r)
      value = encode(typeof v === 'string' ? v : JSON.stringify(v) ?? 'null')
    } else if (mode === 'raw' && r.chance(0.4)) value = r.pick(RAW_QUERY)
    else value = encode(String(validValue(p.schema, ctx, p.name)))
    query.push(`${encode(p.name)}=${value}`)
    if (mode === 'raw' && r.chance(0.3)) query.push(`${encode(p.name)}=${encode(String(validValue(p.schema, ctx, p.name)))}`)
    if (mode === 'raw' && r.chance(0.1)) query.push(`${encode(p.name)}[]=x`)
  }
  if ((mode === 'raw' && r.chance(0.3)) || (mode === 'mutated' && r.chance(0.1))) {
    query.push(r.pick(['surprise=1', '__proto__=x', 'constructor=x', 'toString=1', 'a%00=1', '=x', '&&&', 'q', 'limit=1&limit=2', `${'k'.repeat(2000)}=v`]))
  }
  let url = query.length ? `${path}?${query.join('&')}` : path
  if (mode === 'raw' && r.chance(0.05)) url = r.pick([`${path}/`, `${path}//`, `${path}?`, `${path}#frag`, `${path}/..`, `${path}%00`, path.toUpperCase()])

  // Body.
  let payload: string | Buffer | undefined
  if (op.body) {
    const [contentType] = op.body.contentTypes
    if (contentType === 'application/json') {
      headers['content-type'] = 'application/json'
      const base = op.key.includes('/procedures') && op.body.schema.properties?.content && r.chance(0.5)
        ? { content: sampleContent({ nationalCode: r.chance(0.5) ? `9.${r.int(100000, 999999)}` : null, field: { name: r.pick(FIELD_NAMES), code: r.chance(0.5) ? r.pick(FIELD_CODES) : null } }), effectiveFrom: isoDate(r) }
        : validValue(op.body.schema, ctx)
      if (mode === 'valid') payload = JSON.stringify(base)
      else if (mode === 'mutated') {
        if (r.chance(0.15)) {
          // A number JSON.stringify cannot write, placed where a value was.
          const withMarker = mutateWithMarker(base, op.body.schema, r)
          payload = JSON.stringify(withMarker).replace('"__RAW_NUMBER__"', r.pick(RAW_NUMBER_TOKENS))
        } else payload = JSON.stringify(mutate(base, op.body.schema, r)) ?? 'null'
      } else {
        const kind = r.weighted([['malformed', 4], ['content-type', 3], ['empty', 1], ['bytes', 1], ['big', 1]] as const)
        if (kind === 'malformed') payload = r.pick(BAD_JSON)
        else if (kind === 'content-type') {
          headers['content-type'] = r.pick(CONTENT_TYPES)
          payload = r.chance(0.5) ? JSON.stringify(base) : 'name=x&x=%00'
        } else if (kind === 'empty') payload = ''
        else if (kind === 'bytes') payload = Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x22, 0xc0, 0x80, 0x22, 0x7d])
        else payload = JSON.stringify({ ...(base as object), pad: 'x'.repeat(r.pick([50_000, 1_100_000])) })
      }
    } else {
      // A file upload (the catalogue import): CSV or XLSX, valid-shaped from the export, or broken.
      headers['content-type'] = r.pick(op.body.contentTypes)
      payload = fileBody(r, headers['content-type'] === 'text/csv', pools, mode)
      if (mode === 'raw' && r.chance(0.3)) headers['content-type'] = r.pick(CONTENT_TYPES)
    }
  } else if (mode === 'raw' && r.chance(0.3)) {
    headers['content-type'] = r.pick(['application/json', 'text/plain', 'application/xml'])
    payload = r.pick(['{"unexpected":true}', '{', 'x'.repeat(10_000), '\u0000'])
  }

  if (mode === 'raw' && r.chance(0.1)) method = r.pick(['HEAD', 'OPTIONS', 'DELETE', 'PUT', 'PATCH', 'TRACE'] as const) as HTTPMethods
  if (r.chance(0.3)) headers['accept-language'] = r.pick(ACCEPT_LANGUAGES)
  if (mode === 'raw' && r.chance(0.2)) {
    Object.assign(headers, r.pick<Record<string, string>>([{ accept: 'application/xml' }, { 'x-forwarded-for': '999.1.1.1, ::zz' }, { 'content-encoding': 'gzip' }, { 'x-request-id': 'x'.repeat(500) }, { origin: 'null' }, { 'if-none-match': '*' }, { range: 'bytes=0-1' }, { expect: '100-continue' }]))
  }

  let credentials: 'persona' | 'bogus' | 'none' = persona === 'anonymous' ? 'none' : persona === 'bogus' ? 'bogus' : 'persona'
  if (persona === 'bogus') Object.assign(headers, bogusCredentials(r, cookieName))
  if (mode === 'raw' && credentials === 'persona' && r.chance(0.05)) {
    // Credentials spoiled on purpose: an extra Authorization header beside the session cookie.
    headers.authorization = 'Bearer nonsense'
    credentials = 'bogus'
  }
  const remoteAddress = r.chance(0.8) ? `10.${r.int(0, 3)}.${r.int(0, 255)}.${r.int(1, 254)}` : r.pick(['::1', '2001:db8::1', '127.0.0.1'])
  return { index, op, persona, mode, method, url, headers, ...(payload !== undefined ? { payload } : {}), remoteAddress, credentials }
}

/** Like `mutate`, but puts a marker string where a raw number token goes. */
function mutateWithMarker(value: unknown, schema: Schema, r: Random): unknown {
  if (value === null || typeof value !== 'object') return '__RAW_NUMBER__'
  const copy = structuredClone(value)
  const slots = slotsOf(copy, schema)
  if (!slots.length) return '__RAW_NUMBER__'
  const numeric = slots.filter((s) => typesOf(s.schema).some((t) => t === 'integer' || t === 'number'))
  const slot = numeric.length && r.chance(0.8) ? r.pick(numeric) : r.pick(slots)
  ;(slot.parent as Record<string | number, unknown>)[slot.key] = '__RAW_NUMBER__'
  return copy
}

const CSV_HEADER = 'national_code,name,field_name,levels,online_level,effective_from,time_limit_value,time_limit_unit,fees,sets'

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

function fileBody(r: Random, csv: boolean, pools: Pools, mode: HostileRequest['mode']): Buffer {
  if (!csv) {
    if (mode === 'valid') return pools.xlsx
    const bytes = Buffer.from(pools.xlsx)
    return r.pick<() => Buffer>([
      () => bytes.subarray(0, r.int(0, bytes.length)),
      () => {
        for (let k = 0; k < 20; k++) bytes[r.int(0, bytes.length - 1)] = r.int(0, 255)
        return bytes
      },
      () => Buffer.from('PK\u0003\u0004 not really a zip'),
      () => Buffer.from('\u0089PNG\r\n\u001a\n'),
      () => Buffer.alloc(0),
    ])()
  }
  if (mode === 'valid' && r.chance(0.5)) return Buffer.from(pools.csv)
  const rows = [r.chance(0.9) ? CSV_HEADER : r.pick(['', 'name', 'name,name', 'unknown_column,name', '\u0000,\uD800', '\ufeffname;field_name;levels;online_level;effective_from'])]
  const count = r.int(0, 5)
  for (let k = 0; k < count; k++) {
    const cell = () => (mode === 'valid' || r.chance(0.5) ? r.pick(['Thủ tục thử', 'Hộ tịch', 'commune', 'full', '2026-01-01', '3', 'working_days', '']) : String(r.pick([...HOSTILE_STRINGS, ...HOSTILE_NUMBERS])))
    const national = r.chance(0.5) ? `9.${r.int(100000, 999999)}` : cell()
    rows.push([national, cell(), cell(), r.pick(['commune', 'province', 'commune,province', cell()]), r.pick(['full', 'partial', 'none', cell()]), r.chance(0.7) ? isoDate(r) : cell(), cell(), cell(), cell(), cell()].map(csvCell).join(','))
  }
  const text = rows.join(r.chance(0.8) ? '\n' : '\r\n')
  return r.chance(0.1) ? Buffer.from(text, 'utf16le') : Buffer.from(text, 'utf8')
}

// ---------------------------------------------------------------------------------------------
// The run

interface Failure {
  request: HostileRequest
  status: number
  reason: string
  body: string
}

let t: TestApp
let operations: Operation[]
let schedule: Operation[]
let pools: Pools
const failures: Failure[] = []
const stats = new Map<string, { count: number; statuses: Map<number, number>; personas: Set<Persona>; ms: number }>()
const recoveries = { admin: 0, commune: 0, token: 0, disposable: 0 }
let sent = 0
let signInAddress = 0
/** Where the run's time goes, for the summary: generating requests, and the run's own sign-ins. */
const overhead = { generateMs: 0, signInMs: 0, signIns: 0 }

interface Credential {
  headers: Record<string, string> | null
}
const credentials: Record<'admin' | 'commune' | 'token' | 'disposable', Credential> = { admin: { headers: null }, commune: { headers: null }, token: { headers: null }, disposable: { headers: null } }

async function signIn(username: string): Promise<Record<string, string>> {
  // A fresh client address for each sign-in: the run's own sign-ins must not hit the sign-in rate limit.
  signInAddress++
  const started = performance.now()
  overhead.signIns++
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password: TEST_PASSWORD }, remoteAddress: `172.16.${signInAddress >> 8}.${signInAddress & 255}` })
  overhead.signInMs += performance.now() - started
  if (response.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${response.statusCode} ${response.body}`)
  return { cookie: sessionCookie(response), 'x-csrf-token': response.json().csrfToken as string }
}

async function credential(name: keyof typeof credentials): Promise<Record<string, string>> {
  const c = credentials[name]
  if (c.headers) return c.headers
  if (name === 'admin') c.headers = await signIn('quantri')
  else if (name === 'commune') c.headers = await signIn('tiepnhan.phulac')
  else if (name === 'disposable') c.headers = await signIn('lanhdao.tinh')
  else {
    const admin = await credential('admin')
    const me = (await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: admin })).json() as { agency: { id: string } }
    const created = await t.app.inject({ method: 'POST', url: '/api/api-tokens', headers: admin, payload: { name: `hostile run ${recoveries.token}`, agencyId: me.agency.id, permissions: [...PERMISSION_NAMES] } })
    if (created.statusCode !== 201) throw new Error(`issuing the run's API token failed: ${created.statusCode} ${created.body}`)
    c.headers = { authorization: `Bearer ${created.json().secret as string}` }
  }
  return c.headers
}

/** After a 401 sent with a credential of the run: drop it if it no longer works (re-created on next use). */
async function checkCredential(name: keyof typeof credentials): Promise<void> {
  const headers = credentials[name].headers
  if (!headers) return
  const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers })
  if (me.statusCode === 401) {
    credentials[name].headers = null
    recoveries[name]++
  }
}

function credentialOf(request: { op: Operation; persona: Persona }): keyof typeof credentials | null {
  if (request.persona === 'anonymous' || request.persona === 'bogus') return null
  if (request.persona === 'token') return 'token'
  // Sign-out ends the session it is sent with (and sign-out-everywhere every session of its
  // official): such requests use a disposable session of another official, never the run's own.
  if (request.op.endsSession) return 'disposable'
  return request.persona === 'commune' ? 'commune' : 'admin'
}

/** The request as printed in a failure: every header but the real credentials, the body as sent (long ones cut). */
function describeRequest(request: HostileRequest): string {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, k === 'cookie' && request.persona !== 'bogus' ? '<session cookie>' : k === 'authorization' && request.persona === 'token' ? 'Bearer <run token>' : k === 'x-csrf-token' ? '<csrf token>' : v]))
  let body = ''
  if (request.payload !== undefined) {
    const text = Buffer.isBuffer(request.payload) ? `<${request.payload.length} bytes, base64> ${request.payload.toString('base64')}` : JSON.stringify(request.payload)
    body = text.length > 1500 ? `${text.slice(0, 1500)}… (${text.length} characters; regenerated exactly from the seed and index)` : text
  }
  return `#${request.index} seed=${SEED} persona=${request.persona} mode=${request.mode}\n    ${request.method} ${request.url.length > 300 ? `${request.url.slice(0, 300)}… (${request.url.length} characters)` : request.url}\n    remoteAddress: ${request.remoteAddress}\n    headers: ${JSON.stringify(headers)}\n    body: ${body || '(none)'}`
}

function check(request: HostileRequest, response: LightMyRequestResponse): string | null {
  // The one deliberate 5xx: a page path (anything outside /api/, e.g. /API/USERS) in a build
  // without web/dist, as every test app is, answers 503 "The web app is not built".
  // Dot segments count as the server sees them: /api/agencies/../.. is the page path /.
  const normalised = (() => {
    try {
      return new URL(request.url, 'http://cchc.invalid').pathname
    } catch {
      return request.url
    }
  })()
  const pagePath = (!request.url.startsWith('/api/') || !normalised.startsWith('/api/')) && request.method === 'GET'
  if (response.statusCode === 503 && pagePath && response.body.startsWith('The web app is not built')) return null
  if (response.statusCode >= 500) return `answered ${response.statusCode}`
  if (response.statusCode >= 400) {
    const type = String(response.headers['content-type'] ?? '')
    if (!type.startsWith('application/problem+json')) return `answered ${response.statusCode} as ${type || 'no content type'}, not application/problem+json`
    if (request.method === 'HEAD') return null
    try {
      const body = response.json() as { code?: unknown }
      if (typeof body.code !== 'string' || !body.code) return `answered ${response.statusCode} without a code`
    } catch {
      return `answered ${response.statusCode} with a body that is not JSON`
    }
  }
  return null
}

async function send(index: number): Promise<void> {
  const op = schedule[index % schedule.length]!
  const generatedAt = performance.now()
  const generated = generate(index, op, pools, t.app.sessionCookieName)
  overhead.generateMs += performance.now() - generatedAt
  const request: HostileRequest = { ...generated, headers: { ...generated.headers } }
  const name = generated.credentials === 'persona' ? credentialOf(request) : null
  if (name) {
    const own = await credential(name)
    for (const [k, v] of Object.entries(own)) {
      // The no-CSRF persona sends the session cookie alone, or with a wrong token.
      if (k === 'x-csrf-token' && request.persona === 'admin-no-csrf') {
        if (index % 2) request.headers[k] = 'wrong'
      } else request.headers[k] = v
    }
  }
  const started = performance.now()
  let response: LightMyRequestResponse
  try {
    response = await t.app.inject({ method: request.method, url: request.url, headers: request.headers, ...(request.payload !== undefined ? { payload: request.payload } : {}), remoteAddress: request.remoteAddress })
  } catch (error) {
    failures.push({ request, status: 0, reason: `inject threw ${(error as Error).message}`, body: '' })
    return
  }
  sent++
  const entry = stats.get(op.key) ?? { count: 0, statuses: new Map(), personas: new Set(), ms: 0 }
  entry.count++
  entry.ms += performance.now() - started
  entry.statuses.set(response.statusCode, (entry.statuses.get(response.statusCode) ?? 0) + 1)
  entry.personas.add(request.persona)
  stats.set(op.key, entry)
  const reason = check(request, response)
  if (reason) failures.push({ request, status: response.statusCode, reason, body: response.body.slice(0, 400) })
  if (name && response.statusCode === 401) await checkCredential(name)
  // A successful sign-out ended the disposable session.
  if (name === 'disposable' && response.statusCode < 300) credentials.disposable.headers = null
}

/** Failures grouped by what went wrong (the reason and the answer's code), each with the operations it hit and a few requests. */
function failureReport(list: Failure[]): string {
  const groups = new Map<string, Failure[]>()
  for (const f of list) {
    const code = /"code":"([^"]+)"/.exec(f.body)?.[1] ?? ''
    // A server error is a fault of one operation; a wrong answer format is usually shared by many.
    const key = `${f.status >= 500 ? `${f.request.op.key} ` : ''}${f.reason}${code ? ` [${code}]` : ''}`
    groups.set(key, [...(groups.get(key) ?? []), f])
  }
  return [...groups.entries()]
    .map(([key, items]) => {
      const ops = [...new Set(items.map((f) => f.request.op.key))]
      const examples = items.slice(0, 3).map((f) => `  ${describeRequest(f.request)}\n    response: ${f.body}`)
      const indexes = items.slice(0, 50).map((f) => f.request.index).join(',')
      return `${key}: ${items.length}× on ${ops.length} operation(s): ${ops.join(', ')}\n  requests (HOSTILE_ONLY=): ${indexes}${items.length > 50 ? ',…' : ''}\n${examples.join('\n')}`
    })
    .join('\n\n')
}

beforeAll(async () => {
  // Public routes are rate-limited per client address; the run's addresses would otherwise hit the limit.
  t = await buildTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000', ...(process.env.HOSTILE_LOG_LEVEL ? { LOG_LEVEL: process.env.HOSTILE_LOG_LEVEL } : {}) })
  const spec = t.app.swagger() as unknown as { paths: Record<string, Record<string, Record<string, unknown>>> }
  operations = operationsOf(spec)
  // Each operation `weight` times, in rounds, so that every stretch of the run covers every operation.
  schedule = []
  for (let round = 0; round < Math.max(...operations.map((op) => op.weight)); round++) schedule.push(...operations.filter((op) => op.weight > round))
  const db = t.database.db
  // Ordered by natural keys, not by id: the seeded ids are random, so the same seed must pick the
  // same unit, agency, official and procedure in every run.
  const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id)
  const units = ids(await db.selectFrom('admin_units').select('id').orderBy('code').orderBy('name').orderBy('valid_from').execute())
  const agencies = ids(await db.selectFrom('agencies as a').innerJoin('admin_units as u', 'u.id', 'a.unit_id').select('a.id').orderBy('u.code').orderBy('a.name').orderBy('a.valid_from').execute())
  const procedures = ids(await db.selectFrom('procedures as p').innerJoin('procedure_versions as v', 'v.procedure_id', 'p.id').where('v.version', '=', 1).select('p.id').orderBy('p.national_code').orderBy('v.name').execute())
  // The run's own officials are left out of the ids it may change (disable, reset, strip of roles):
  // it would otherwise lock itself out.
  const own = new Set(['quantri', 'tiepnhan.phulac', 'lanhdao.tinh'])
  const users = (await db.selectFrom('users').select(['id', 'username']).orderBy('username').execute()).filter((u) => !own.has(u.username)).map((u) => u.id)
  const admin = await credential('admin')
  const xlsx = await t.app.inject({ method: 'GET', url: '/api/procedures/export.xlsx', headers: admin })
  const csv = await t.app.inject({ method: 'GET', url: '/api/procedures/export.csv', headers: admin })
  pools = { agencies, units, users, procedures, xlsx: xlsx.rawPayload, csv: csv.body }
  expect(pools.agencies.length && pools.units.length && pools.users.length && pools.procedures.length && pools.xlsx.length && pools.csv.length).toBeTruthy()
}, 120_000)
afterAll(() => t?.close())

describe(`hostile input (seed ${SEED}, ${TOTAL} requests)`, () => {
  const perChunk = Math.ceil(TOTAL / CHUNKS)
  for (let chunk = 0; chunk < CHUNKS; chunk++) {
    const from = chunk * perChunk
    const to = Math.min(TOTAL, from + perChunk)
    it(`answers requests ${from}–${to - 1} without a 5xx, and every 4xx as problem+json with a code`, async () => {
      const before = failures.length
      const indexes = ONLY ? ONLY.filter((i) => i >= from && i < to) : Array.from({ length: to - from }, (_, k) => from + k)
      for (const index of indexes) await send(index)
      const found = failures.slice(before)
      expect(found.length, `replay with HOSTILE_SEED=${SEED}\n\n${failureReport(found)}`).toBe(0)
    }, CHUNK_TIMEOUT_MS)
  }

  it('covered every operation with each kind of caller', () => {
    if (ONLY) return
    // In a full run every operation gets at least 20 requests and every kind of caller; a shorter
    // run (HOSTILE_REQUESTS) still reaches every operation.
    const full = TOTAL >= 20_000
    const missing = operations.filter((op) => {
      const s = stats.get(op.key)
      return !s || s.count < (full ? 20 : 1) || (full && s.personas.size < PERSONAS.length)
    })
    expect(missing.map((op) => `${op.key}: ${stats.get(op.key)?.count ?? 0} requests, personas ${[...(stats.get(op.key)?.personas ?? [])].join(',')}`)).toEqual([])
    expect(sent).toBe(TOTAL)
  })

  it('is still alive afterwards: health answers and the signed-in official is known', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(health.statusCode, health.body).toBe(200)
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: await credential('admin') })
    expect(me.statusCode, me.body).toBe(200)
    expect(me.json().username).toBe('quantri')
    const summary = [...stats.entries()].map(([key, s]) => `${key.padEnd(52)} ${String(s.count).padStart(5)} ${(s.ms / s.count).toFixed(1).padStart(6)} ms  ${[...s.statuses.entries()].sort((a, b) => a[0] - b[0]).map(([code, n]) => `${code}×${n}`).join(' ')}`)
    const timing = `generating ${Math.round(overhead.generateMs)} ms, ${overhead.signIns} sign-ins of the run ${Math.round(overhead.signInMs)} ms`
    // One line in every run; the answers per operation with HOSTILE_SUMMARY=1.
    console.log(`hostile input: seed ${SEED}, ${sent} requests; ${timing}; credentials re-created ${JSON.stringify(recoveries)}${process.env.HOSTILE_SUMMARY ? `\n${summary.join('\n')}` : ''}`)
  })
})
