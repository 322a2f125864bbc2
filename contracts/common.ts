/** Schemas shared by every module: ids, dates, problems, paging. */
import Type, { type Static } from 'typebox'

export const Uuid = Type.String({ format: 'uuid', description: 'Identifier (UUID)' })
export const IsoDate = Type.String({ format: 'date', description: 'Calendar date, yyyy-MM-dd' })
export const IsoDateTime = Type.String({ format: 'date-time' })
export const NullableIsoDate = Type.Union([IsoDate, Type.Null()])

export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false })
export type IdParams = Static<typeof IdParams>

/** RFC 9457 problem document with the platform's stable `code`. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    code: Type.String({ description: 'Stable machine-readable code, e.g. auth.forbidden' }),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    retryAfterSeconds: Type.Optional(Type.Integer()),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
)

export const Paging = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
})

export const Ok = Type.Object({ ok: Type.Literal(true) })

/**
 * `If-Match: "<rowVersion>"` on a write: the write applies only to that version, otherwise it
 * answers 409 request.stale with `currentVersion`. `*` (or no header) applies to any version.
 */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ pattern: '^(\\*|"[0-9]{1,9}")$', description: 'The rowVersion the edit was made from, as an entity tag: "3"' })),
})
