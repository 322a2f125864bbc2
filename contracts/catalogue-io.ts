/** The catalogue's files in and out: import reports and background import jobs, procedure packages. */
import Type, { type Static } from 'typebox'
import { Uuid } from './common.ts'
import { ProcedurePackage, VERSION_STATUSES } from './procedures.ts'

/** The package as the server accepts it: the contract's schema without its `$id`. */
export const PackageBody = Type.Object(ProcedurePackage.properties, { additionalProperties: false, title: 'cchc procedure package' })

export const ImportRowError = Type.Object({
  row: Type.Integer({ description: 'Row in the file, 1 = the header row' }),
  column: Type.String({ description: 'Column header' }),
  reason: Type.String(),
  reasonVi: Type.String(),
})
export type ImportRowError = Static<typeof ImportRowError>

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
export type ImportReport = Static<typeof ImportReport>

export const ImportQuery = Type.Object(
  {
    mode: Type.Optional(Type.Enum(['all_or_nothing', 'valid_rows_only'] as const, { default: 'all_or_nothing', description: 'all_or_nothing (default): any error writes nothing. valid_rows_only: rows in error are reported and left out' })),
    publish: Type.Optional(Type.Boolean({ default: false, description: 'Publish the new versions (default: drafts)' })),
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Validate only; write nothing' })),
    async: Type.Optional(Type.Boolean({ default: false, description: 'Answer 202 with a job id at once; poll GET /procedures/imports/{jobId}' })),
  },
  { additionalProperties: false },
)

export const ImportJobParams = Type.Object({ jobId: Uuid }, { additionalProperties: false })

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
export type ImportJob = Static<typeof ImportJob>

export const PackageOutcome = Type.Object({
  procedureId: Uuid,
  version: Type.Integer(),
  status: Type.Enum(VERSION_STATUSES),
  action: Type.Enum(['created', 'version', 'published', 'skipped'] as const, { description: 'created: a new procedure; version: a new version; published: an equal draft was published; skipped: an equal version exists' }),
})
