/**
 * Schemas the server declares inline in its route files instead of in contracts/, written again
 * here so the client can derive its types from them. routes.test.ts checks each one against the
 * schema the server registers (structurally equal), so a change on either side fails the test.
 * They belong in contracts/ (then the test asks for the very same object): the catalogue-file and
 * failed-job schemas have moved there and are only re-exported here; the rest follow.
 */
import Type from 'typebox'
import { IsoDate, Uuid } from '../../../contracts/common.ts'
import { UserSummary } from '../../../contracts/org.ts'

// --- auth (server/modules/auth/auth.routes.ts)
export const SignOutEverywhereResult = Type.Object({ sessionsClosed: Type.Integer() })

// --- org (server/modules/org/org.routes.ts)
export const UserPage = Type.Object({ items: Type.Array(UserSummary), total: Type.Integer() })

// --- procedures (server/modules/procedures/procedures.routes.ts)
export const SuggestQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })
export const ProcedureAgencyCounts = Type.Array(Type.Object({ id: Type.String(), name: Type.String(), count: Type.Integer() }))
export const DraftList = Type.Array(
  Type.Object({ procedureId: Type.String(), nationalCode: Type.Union([Type.String(), Type.Null()]), name: Type.String(), version: Type.Integer(), effectiveFrom: Type.String(), createdAt: Type.String() }),
)
export const OnQuery = Type.Object({ on: Type.Optional(IsoDate) }, { additionalProperties: false })
export const CompareQuery = Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }, { additionalProperties: false })
export const ContentChanges = Type.Array(Type.Object({ path: Type.String(), before: Type.Unknown(), after: Type.Unknown() }))

// --- catalogue files (server/modules/procedures/catalogue-io.routes.ts): the shared ones live in contracts/
export { ImportJob, ImportJobParams as JobParams, ImportQuery, ImportReport, ImportRowError, PackageBody, PackageOutcome } from '../../../contracts/catalogue-io.ts'
export const StartedImport = Type.Object({ jobId: Uuid })
export const PackageQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }, { additionalProperties: false })
export const PublishQuery = Type.Object({ publish: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false })

// --- jobs (server/platform/jobs/jobs.routes.ts)
export { FailedJob, FailedJobList, FailedJobsQuery } from '../../../contracts/platform.ts'
