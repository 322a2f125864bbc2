/** The audit trail as the API shows it. */
import Type, { type Static } from 'typebox'
import { IsoDate, IsoDateTime, Paging, Uuid } from './common.ts'

export const AuditEntry = Type.Object({
  unitId: Uuid,
  seq: Type.Integer(),
  occurredAt: IsoDateTime,
  actorType: Type.String(),
  actorId: Type.Union([Uuid, Type.Null()]),
  actorName: Type.String(),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  agencyId: Type.Union([Uuid, Type.Null()]),
  changes: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  hash: Type.String(),
})
export type AuditEntry = Static<typeof AuditEntry>

export const AuditListQuery = Type.Object(
  {
    action: Type.Optional(Type.String({ maxLength: 100 })),
    subjectType: Type.Optional(Type.String({ maxLength: 50 })),
    subjectId: Type.Optional(Type.String({ maxLength: 100 })),
    actorId: Type.Optional(Uuid),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    ...Paging.properties,
  },
  { additionalProperties: false },
)
export type AuditListQuery = Static<typeof AuditListQuery>

export const AuditPage = Type.Object({ items: Type.Array(AuditEntry), total: Type.Integer() })
