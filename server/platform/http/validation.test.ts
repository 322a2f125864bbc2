/**
 * The request validators refuse what the database cannot store or compare (NUL characters,
 * unpaired UTF-16 surrogates, numbers beyond the SQL integer range) as ordinary validation
 * errors, so they answer 400 request.invalid naming the field instead of failing in SQL.
 */
import type { FastifyError } from 'fastify'
import Type from 'typebox'
import { describe, expect, it } from 'vitest'
import { toAppError } from './problem.ts'
import { validatorCompiler } from './validation.ts'

type Part = 'body' | 'querystring' | 'params' | 'headers'
type Validator = ((data: unknown, ctx?: { parentData: object; parentDataProperty: string }) => boolean) & { errors?: Array<{ instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }> | null }

function compile(schema: object, httpPart: Part = 'body'): Validator {
  return validatorCompiler({ schema, httpPart, method: 'POST', url: '/test' }) as unknown as Validator
}

/** Runs a validator the way Fastify does, and returns the problem's `errors` as Fastify would map them. */
function fields(validate: Validator, data: unknown, context: Part = 'body'): string[] {
  if (validate(data)) return []
  const error = Object.assign(new Error('invalid'), { validation: validate.errors, validationContext: context }) as unknown as FastifyError
  const problem = toAppError(error)
  expect(problem?.code).toBe('request.invalid')
  return (problem?.extensions?.errors as Array<{ field: string }>).map((e) => e.field)
}

const NameBody = Type.Object({ name: Type.String({ maxLength: 300 }), tags: Type.Optional(Type.Array(Type.String())) }, { additionalProperties: false })

describe('strings the database cannot store', () => {
  it('refuses a NUL character in a body string, naming the field', () => {
    const validate = compile(NameBody)
    expect(fields(validate, { name: 'a\u0000b' })).toEqual(['/body/name'])
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/name', keyword: 'characters' })
    expect(validate.errors?.[0]?.message).toMatch(/NUL/)
  })

  it('refuses unpaired surrogates, high or low, and accepts a proper pair', () => {
    const validate = compile(NameBody)
    expect(fields(validate, { name: 'x\uD800' })).toEqual(['/body/name'])
    expect(fields(validate, { name: '\uDC00x' })).toEqual(['/body/name'])
    expect(fields(validate, { name: 'a\uDC00\uD800b' })).toEqual(['/body/name'])
    expect(fields(validate, { name: 'Thủ tục 😀 \uD83D\uDE00' })).toEqual([])
  })

  it('finds bad strings inside arrays and nested objects', () => {
    expect(fields(compile(NameBody), { name: 'ok', tags: ['fine', 'bad\u0000'] })).toEqual(['/body/tags/1'])
    const Nested = Type.Object({ a: Type.Object({ b: Type.Array(Type.Object({ c: Type.String() })) }) })
    expect(fields(compile(Nested), { a: { b: [{ c: 'x' }, { c: '\uDFFF' }] } })).toEqual(['/body/a/b/1/c'])
  })

  it('refuses bad characters in object keys, even where any key is allowed', () => {
    const Open = Type.Object({}, { additionalProperties: true })
    expect(fields(compile(Open), { 'a\u0000': 1 })).toHaveLength(1)
    expect(fields(compile(Open), { nested: { '\uD800': 'x' } })[0]).toMatch(/^\/body\/nested\//)
    expect(fields(compile(Open), { 'a~b/c': 'x\u0000' })).toEqual(['/body/a~0b~1c'])
  })

  it('checks query strings, path parameters and headers too', () => {
    const Query = Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false })
    expect(fields(compile(Query, 'querystring'), { q: '%\u0000' }, 'querystring')).toEqual(['/querystring/q'])
    const Params = Type.Object({ code: Type.String() }, { additionalProperties: false })
    expect(fields(compile(Params, 'params'), { code: '\u0000' }, 'params')).toEqual(['/params/code'])
    const Headers = Type.Object({ 'x-thing': Type.Optional(Type.String()) })
    expect(fields(compile(Headers, 'headers'), { 'x-thing': 'a\u0000' }, 'headers')).toEqual(['/headers/x-thing'])
  })

  it('reports both schema errors and bad strings, and still refuses when the schema alone would fail', () => {
    const validate = compile(NameBody)
    const found = fields(validate, { name: 'a\u0000', surprise: 'b\u0000' })
    expect(found).toContain('/body/name')
    expect(found).toContain('/body/surprise')
  })

  it('bounds the number of reported string errors', () => {
    const validate = compile(NameBody)
    const found = fields(validate, { name: 'ok', tags: Array.from({ length: 1000 }, () => '\u0000') })
    expect(found.length).toBeGreaterThan(0)
    expect(found.length).toBeLessThanOrEqual(20)
  })

  it('does not overflow the stack on deeply nested input', () => {
    const Open = Type.Object({ deep: Type.Unknown() })
    let deep: unknown = 'bottom\u0000'
    for (let i = 0; i < 200_000; i++) deep = [deep]
    const validate = compile(Open)
    expect(() => validate({ deep })).not.toThrow()
    expect(validate({ deep })).toBe(false)
  })
})

describe('numbers beyond the SQL range', () => {
  const Compare = Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })

  it('refuses an unbounded integer query parameter beyond 2^31 - 1 (1e308 is an integer to Ajv)', () => {
    const validate = compile(Compare, 'querystring')
    expect(fields(validate, { from: '1e308', to: '1' }, 'querystring')).toEqual(['/querystring/from'])
    expect(fields(validate, { from: '2147483648', to: '1' }, 'querystring')).toEqual(['/querystring/from'])
    expect(fields(validate, { from: 'Infinity', to: '1' }, 'querystring')).toEqual(['/querystring/from'])
    const ok = { from: '2147483647', to: '1' }
    expect(fields(validate, ok, 'querystring')).toEqual([])
    expect(ok.from).toBe(2147483647)
  })

  it('refuses an unbounded negative integer, and keeps the schema\'s own minimum', () => {
    const Any = Type.Object({ n: Type.Integer() })
    expect(fields(compile(Any), { n: -2147483648 })).toEqual(['/body/n'])
    expect(fields(compile(Any), { n: -2147483647 })).toEqual([])
    expect(fields(compile(Compare, 'querystring'), { from: '0', to: '1' }, 'querystring')).toEqual(['/querystring/from'])
  })

  it('keeps a bound the schema declares, even beyond the default range', () => {
    const Fee = Type.Object({ amountVnd: Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 }) })
    expect(fields(compile(Fee), { amountVnd: 1_000_000_000_000 })).toEqual([])
    expect(fields(compile(Fee), { amountVnd: 1_000_000_000_001 })).toEqual(['/body/amountVnd'])
  })

  it('bounds unbounded numbers to finite values within ±1e15', () => {
    const N = Type.Object({ x: Type.Number() })
    expect(fields(compile(N), { x: 1e16 })).toEqual(['/body/x'])
    expect(fields(compile(N), { x: -1e16 })).toEqual(['/body/x'])
    expect(fields(compile(N), { x: 12.5 })).toEqual([])
    expect(fields(compile(N, 'querystring'), { x: 'Infinity' }, 'querystring')).toEqual(['/querystring/x'])
  })

  it('bounds integers inside unions, arrays and nullable types', () => {
    const S = Type.Object({
      a: Type.Union([Type.Integer(), Type.Null()]),
      b: Type.Array(Type.Integer()),
      c: Type.Unsafe<number | null>({ type: ['integer', 'null'] }),
    })
    expect([...new Set(fields(compile(S), { a: 2 ** 53, b: [1, 2 ** 31], c: 1e20 }))].sort()).toEqual(['/body/a', '/body/b/1', '/body/c'])
    expect(fields(compile(S), { a: null, b: [], c: null })).toEqual([])
  })

  it('does not change the schema it was given, and compiles a schema with an $id more than once', () => {
    const schema = Type.Object({ n: Type.Integer() }, { $id: 'urn:test:bounded-once' })
    const before = JSON.stringify(schema)
    compile(schema)
    compile(schema)
    expect(JSON.stringify(schema)).toBe(before)
  })
})

describe('dates PostgreSQL and JavaScript can hold', () => {
  const Query = Type.Object({ on: Type.Optional(Type.String({ format: 'date' })), at: Type.Optional(Type.String({ format: 'date-time' })) }, { additionalProperties: false })

  it('refuses year 0000, which Ajv accepts and PostgreSQL does not, and keeps other calendar checks', () => {
    const validate = compile(Query, 'querystring')
    expect(fields(validate, { on: '0000-01-01' }, 'querystring')).toEqual(['/querystring/on'])
    expect(fields(validate, { on: '2026-02-30' }, 'querystring')).toEqual(['/querystring/on'])
    for (const on of ['0001-01-01', '1900-01-01', '2024-02-29', '9999-12-31']) expect(fields(validate, { on }, 'querystring'), on).toEqual([])
  })

  it('refuses date-times that new Date() cannot read: a leap second, an hour-only offset, year 0000', () => {
    const validate = compile(Query, 'querystring')
    for (const at of ['2026-03-02T23:59:60Z', '2026-03-02T10:00:00+07', '0000-06-01T00:00:00Z', '0001-01-01T00:00:00+14:00']) {
      expect(fields(validate, { at }, 'querystring'), at).toEqual(['/querystring/at'])
    }
    for (const at of ['2026-03-02T10:00:00Z', '2026-03-02t10:00:00z', '2026-03-02T10:00:00.123456789+07:00', '2026-03-02T10:00:00+0700']) {
      expect(fields(validate, { at }, 'querystring'), at).toEqual([])
    }
  })
})
