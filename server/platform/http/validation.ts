/**
 * Request validation. Bodies are validated strictly (no type coercion, unknown fields refused);
 * query strings and path parameters arrive as text, so they are coerced to the declared types.
 */
import type { FastifySchemaCompiler } from 'fastify'
import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'

const common: Options = { allErrors: true, removeAdditional: false, useDefaults: true, strict: false }

const strictAjv = addFormats.default(new Ajv({ ...common, coerceTypes: false }))
const coercingAjv = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }))

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strictAjv : coercingAjv).compile(schema as object)
