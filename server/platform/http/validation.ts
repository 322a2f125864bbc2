/**
 * Request validation. Bodies are validated strictly (no type coercion, unknown fields refused);
 * query strings and path parameters arrive as text, so they are coerced to the declared types.
 *
 * Three guards sit on top of the schemas, for input a schema allows but the database (or
 * JavaScript) refuses, which would otherwise end in a 500:
 * - every string of the input, object keys included, must be free of U+0000 (PostgreSQL text
 *   cannot hold it) and of unpaired UTF-16 surrogates (not encodable as UTF-8);
 * - every `integer` without a declared bound is kept within ±(2^31 − 1) (SQL `integer`), and every
 *   `number` within ±1e15 (finite; JSON Schema calls 1e308 an integer); the schema is copied,
 *   never changed;
 * - `date` and `date-time` must be dates PostgreSQL and JavaScript can both hold: no year 0000 (Ajv
 *   accepts it, PostgreSQL refuses it), no leap second or hour-only offset (Ajv accepts them,
 *   `new Date()` makes an Invalid Date of them).
 * All fail as ordinary Ajv errors, so they answer 400 request.invalid naming the field.
 */
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import type { FastifySchemaCompiler } from 'fastify'
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

const common: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false }

type FormatCheck = (value: string) => boolean
const rfc3339Date = (addFormats.default.get('date') as { validate: FormatCheck }).validate
const rfc3339DateTime = (addFormats.default.get('date-time') as { validate: FormatCheck }).validate
const FIRST_INSTANT = Date.parse('0001-01-02T00:00:00Z')
const LAST_INSTANT = Date.parse('9999-12-30T23:59:59Z')

/** RFC 3339 full-date, from year 0001 (PostgreSQL has no year 0). */
export function isStorableDate(value: string): boolean {
  return rfc3339Date(value) && !value.startsWith('0000')
}

/** RFC 3339 date-time that `new Date()` reads (not 23:59:60, not `+07`), between years 1 and 9999 in UTC. */
export function isStorableDateTime(value: string): boolean {
  if (!rfc3339DateTime(value) || value.startsWith('0000')) return false
  const instant = Date.parse(value)
  return instant >= FIRST_INSTANT && instant <= LAST_INSTANT
}

function withFormats(ajv: Ajv): Ajv {
  addFormats.default(ajv)
  ajv.addFormat('date', { type: 'string', validate: isStorableDate })
  ajv.addFormat('date-time', { type: 'string', validate: isStorableDateTime })
  return ajv
}

const strictAjv = withFormats(new Ajv({ ...common, coerceTypes: false }))
const coercingAjv = withFormats(new Ajv({ ...common, coerceTypes: 'array' }))

/** Bound of an `integer` schema that declares none: the SQL `integer` range. */
export const DEFAULT_INTEGER_LIMIT = 2 ** 31 - 1
/** Bound of a `number` schema that declares none: finite, and exact to the cent in a double. */
export const DEFAULT_NUMBER_LIMIT = 1e15

/** U+0000, or a surrogate not part of a pair (with the `u` flag a proper pair is one code point). */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what must be found (PostgreSQL text cannot hold it)
const UNSTORABLE = /\u0000|[\uD800-\uDFFF]/u
const STRING_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates'
/** Enough to name the fields; a body of a thousand bad strings does not get a thousand errors. */
const MAX_STRING_ERRORS = 10

/** Keywords whose values are data, not subschemas. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example', 'required'])
/** Keywords whose values map names to subschemas (the names may be anything, even `enum`). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'])

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A copy of `schema` in which every integer or number without a bound gets the default one. */
function withNumberBounds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withNumberBounds)
  if (!isRecord(schema)) return schema
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (DATA_KEYWORDS.has(key)) copy[key] = value
    else if (SCHEMA_MAPS.has(key) && isRecord(value)) copy[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, withNumberBounds(sub)]))
    else copy[key] = withNumberBounds(value)
  }
  const types: unknown[] = Array.isArray(schema.type) ? schema.type : [schema.type]
  const limit = types.includes('number') ? DEFAULT_NUMBER_LIMIT : types.includes('integer') ? DEFAULT_INTEGER_LIMIT : undefined
  if (limit !== undefined) {
    if (schema.maximum === undefined && schema.exclusiveMaximum === undefined) copy.maximum = limit
    if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) copy.minimum = -limit
  }
  return copy
}

/** One copy per schema object: contracts are shared and never changed, and a schema's `$id` is compiled once. */
const boundedSchemas = new WeakMap<object, object>()
function boundedSchema(schema: object): object {
  let bounded = boundedSchemas.get(schema)
  if (!bounded) {
    bounded = withNumberBounds(schema) as object
    boundedSchemas.set(schema, bounded)
  }
  return bounded
}

/** JSON Pointer token (RFC 6901), with unstorable characters of a key shown as U+FFFD. */
function pointerToken(key: string): string {
  // eslint-disable-next-line no-control-regex -- U+0000 is replaced on purpose, like UNSTORABLE above
  return key.replace(/~/g, '~0').replace(/\//g, '~1').replace(/\u0000|[\uD800-\uDFFF]/gu, '\uFFFD')
}

interface Node {
  value: unknown
  parent: Node | null
  token: string
}

function pointerOf(node: Node): string {
  const tokens: string[] = []
  for (let at: Node | null = node; at?.parent; at = at.parent) tokens.push(at.token)
  return tokens.reverse().map((token) => `/${token}`).join('')
}

function stringError(instancePath: string, message: string, keyword: string): ErrorObject {
  return { instancePath, schemaPath: '#', keyword, params: {}, message }
}

/**
 * The strings of `data` (values and keys, at any depth) the database cannot store, as Ajv
 * errors. Iterative, so a deeply nested body cannot overflow the stack; binary bodies are skipped.
 */
export function unstorableStrings(data: unknown): ErrorObject[] {
  const errors: ErrorObject[] = []
  const stack: Node[] = [{ value: data, parent: null, token: '' }]
  while (stack.length && errors.length < MAX_STRING_ERRORS) {
    const node = stack.pop()!
    const { value } = node
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) errors.push(stringError(pointerOf(node), STRING_MESSAGE, 'characters'))
      continue
    }
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) continue
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], parent: node, token: String(i) })
      continue
    }
    const keys = Object.keys(value)
    for (const key of keys) {
      if (UNSTORABLE.test(key) && errors.length < MAX_STRING_ERRORS) {
        errors.push(stringError(pointerOf({ value: key, parent: node, token: pointerToken(key) }), `property name ${STRING_MESSAGE}`, 'propertyName'))
      }
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!
      stack.push({ value: (value as Record<string, unknown>)[key], parent: node, token: pointerToken(key) })
    }
  }
  return errors
}

interface DataContext {
  parentData: Record<string, unknown>
  parentDataProperty: string | number
}

/** The compiled schema, then the string guard; Ajv's properties are kept so Fastify calls it as it calls Ajv. */
function guarded(compile: () => ValidateFunction, schema: unknown, defer: Deferrer): ValidateFunction {
  const validator = defer(compile)
  const check = (data: unknown, context?: DataContext): boolean => {
    const validate = validator()
    const valid = validate(data, context as never) as boolean
    // Coercion of a root value writes it into the parent; check what the route will see.
    const value = context ? context.parentData[context.parentDataProperty] : data
    const strings = unstorableStrings(value)
    if (valid && strings.length === 0) {
      check.errors = null
      return true
    }
    check.errors = [...(valid ? [] : (validate.errors ?? [])), ...strings]
    return false
  }
  check.errors = null as ErrorObject[] | null
  check.schema = schema as ValidateFunction['schema']
  return check as unknown as ValidateFunction
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Compiles the route schemas not compiled yet (createDeferredCompilers); returns how many. */
    warmSchemas(): Promise<number>
  }
}

/** Returns a getter of `build()`'s result: at once (eager) or on first use (lazy). */
type Deferrer = <F>(build: () => F) => () => F

/** Compiles on the first call (no warm-up list: nothing is kept for a later `warm()`). */
const onFirstUse: Deferrer = <F>(build: () => F) => {
  let built: { value: F } | undefined
  return () => (built ??= { value: build() }).value
}

function validatorCompilerWith(defer: Deferrer): FastifySchemaCompiler<unknown> {
  return ({ schema, httpPart }) => guarded(() => (httpPart === 'body' ? strictAjv : coercingAjv).compile(boundedSchema(schema as object)), schema, defer)
}

/** Compiles each schema on its first use (for a route-level compiler that falls back to it). */
export const validatorCompiler: FastifySchemaCompiler<unknown> = validatorCompilerWith(onFirstUse)

/**
 * One app's schema compilers, deferred (ADR 0018): compiling every route's schemas (Ajv for
 * inputs, fast-json-stringify for answers) before the first request was a fifth to a third of
 * the start-up CPU in our profiles. Each schema compiles on its route's first use, or when `warm()` reaches it —
 * the server calls it once it listens, so a schema that cannot compile still fails within
 * moments of the start (and in any test that calls `warm()`), never first at some later request.
 */
export function createDeferredCompilers(selector: typeof SerializerSelector = SerializerSelector) {
  const pending: Array<() => unknown> = []
  const defer: Deferrer = (build) => {
    const get = onFirstUse(build)
    pending.push(get)
    return get
  }
  return {
    defer,
    validatorCompiler: validatorCompilerWith(defer),
    /** Fastify's `schemaController.compilersFactory.buildSerializer`: fast-json-stringify, deferred. */
    buildSerializer(externalSchemas: Parameters<ReturnType<typeof SerializerSelector>>[0], serializerOptions: Parameters<ReturnType<typeof SerializerSelector>>[1]) {
      const build = selector()(externalSchemas, serializerOptions)
      return (routeSchema: Parameters<typeof build>[0]) => {
        const serializer = defer(() => build(routeSchema))
        return (data: unknown) => serializer()(data)
      }
    },
    /** Compiles what is still pending, yielding to the event loop every few schemas; returns how many. */
    async warm(): Promise<number> {
      let count = 0
      while (pending.length) {
        pending.pop()!()
        count++
        if (count % 10 === 0) await new Promise<void>((resolve) => setImmediate(resolve))
      }
      return count
    },
  }
}
