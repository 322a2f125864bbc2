/** Platform answers that belong to no module: the durable job queue's failed jobs. */
import Type, { type Static } from 'typebox'

export const FailedJobsQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, { additionalProperties: false })

export const FailedJob = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String({ description: 'Queue name' }),
  error: Type.String({ description: 'Message of the last error' }),
  attempts: Type.Integer({ description: 'Attempts made, the first included' }),
  createdOn: Type.String({ format: 'date-time' }),
  startedOn: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  failedOn: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type FailedJob = Static<typeof FailedJob>

export const FailedJobList = Type.Object({ items: Type.Array(FailedJob) })
