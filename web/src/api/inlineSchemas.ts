/**
 * Schemas the server declares inline in its route files instead of in contracts/, written again
 * here so the client can derive its types from them. routes.test.ts checks each one against the
 * schema the server registers (structurally equal), so a change on either side fails the test.
 * They belong in contracts/ (then the test asks for the very same object); until then, this file.
 */
import Type from 'typebox'
import { IsoDate, Uuid } from '../../../contracts/common.ts'
import { UserSummary } from '../../../contracts/org.ts'
import { ProcedurePackage, VERSION_STATUSES } from '../../../contracts/procedures.ts'

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

// --- catalogue files (server/modules/procedures/catalogue-io.routes.ts)
export const ImportRowError = Type.Object({
  row: Type.Integer({ description: 'Row in the file, 1 = the header row' }),
  column: Type.String({ description: 'Column header' }),
  reason: Type.String(),
  reasonVi: Type.String(),
})
export const ImportReport = Type.Object({
  rows: Type.Integer({ description: 'Data rows read' }),
  valid: Type.Integer({ description: 'Rows without any error' }),
  imported: Type.Integer({ description: 'Rows that changed the catalogue (created + versions + published)' }),
  skipped: Type.Integer({ description: 'Rows equal to a version already there' }),
  created: Type.Integer({ description: 'New procedures' }),
  versions: Type.Integer({ description: 'New versions of existing procedures' }),
  published: Type.Integer({ description: 'Existing equal drafts published' }),
  errors: Type.Array(ImportRowError),
})
export const ImportQuery = Type.Object(
  {
    mode: Type.Optional(Type.Enum(['all_or_nothing', 'valid_rows_only'] as const, { default: 'all_or_nothing', description: 'all_or_nothing (default): any error writes nothing. valid_rows_only: rows in error are reported and left out' })),
    publish: Type.Optional(Type.Boolean({ default: false, description: 'Publish the new versions (default: drafts)' })),
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Validate only; write nothing' })),
    async: Type.Optional(Type.Boolean({ default: false, description: 'Answer 202 with a job id at once; poll GET /procedures/imports/{jobId}' })),
  },
  { additionalProperties: false },
)
export const StartedImport = Type.Object({ jobId: Uuid })
export const JobParams = Type.Object({ jobId: Uuid }, { additionalProperties: false })
export const ImportJob = Type.Object({
  state: Type.Enum(['running', 'done', 'failed'] as const),
  processed: Type.Integer(),
  total: Type.Integer({ description: 'Rows to write (0 until the file is read)' }),
  report: Type.Optional(ImportReport),
  error: Type.Optional(
    Type.Object({
      code: Type.String(),
      title: Type.String(),
      detail: Type.Optional(Type.String()),
      errors: Type.Optional(Type.Array(ImportRowError)),
    }),
  ),
})
export const PackageQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }, { additionalProperties: false })
/** The package as the server accepts it: the contract's schema without its `$id`. */
export const PackageBody = Type.Object(ProcedurePackage.properties, { additionalProperties: false, title: 'cchc procedure package' })
export const PublishQuery = Type.Object({ publish: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false })
export const PackageOutcome = Type.Object({
  procedureId: Uuid,
  version: Type.Integer(),
  status: Type.Enum(VERSION_STATUSES),
  action: Type.Enum(['created', 'version', 'published', 'skipped'] as const, { description: 'created: a new procedure; version: a new version; published: an equal draft was published; skipped: an equal version exists' }),
})

// --- jobs (server/platform/jobs/jobs.routes.ts)
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
export const FailedJobList = Type.Object({ items: Type.Array(FailedJob) })
