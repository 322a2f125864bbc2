/**
 * Catalogue in and out: import from XLSX/CSV (validated, all-or-nothing or valid rows only,
 * optionally in the background with progress), export of the versions in force as XLSX/CSV, one
 * procedure as a JSON package between deployments, and the package's JSON Schema.
 */
import { createHash } from 'node:crypto'
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyRequest, FastifySchemaCompiler } from 'fastify'
import type { Kysely } from 'kysely'
import Type from 'typebox'
import { IdParams, IsoDate, Uuid } from '../../../contracts/common.ts'
import { ImportJob as JobStatus, ImportJobParams as JobParams, ImportQuery, ImportReport as Report, PackageBody as Package, PackageOutcome } from '../../../contracts/catalogue-io.ts'
import { ProcedurePackage } from '../../../contracts/procedures.ts'
import type { RequestContext } from '../../platform/auth/actor.ts'
import type { Clock } from '../../platform/clock.ts'
import type { DB } from '../../platform/db/schema.ts'
import { AppError, PROBLEMS, type ProblemCode } from '../../platform/errors.ts'
import { requestContext } from '../../platform/http/authentication.ts'
import { requestLocale } from '../../platform/http/problem.ts'
import { validatorCompiler } from '../../platform/http/validation.ts'
import { CSV_TYPE, MAX_FILE_BYTES, parseCatalogueFile, writeCatalogueCsv, writeCatalogueXlsx, XLSX_TYPE, type FileKind } from './import/catalogue-files.ts'
import { createCatalogueImporter, invalidRows, problemErrors, type CatalogueImporter, type ImportMode, type ImportReport } from './import/catalogue-import.service.ts'
import type { JobQueue } from '../../platform/jobs/job-queue.ts'
import type { FileStore } from '../../platform/storage/index.ts'
import { createImportJobs, type ImportedFile, type ImportJob, type Progress } from './import/import-jobs.ts'

export interface CatalogueIoRoutesOptions {
  db: Kysely<DB>
  clock: Clock
  /** Defaults to an importer over `db` and `clock`. */
  importer?: CatalogueImporter
  /** The durable job queue that runs background imports (`?async=true`); without it they are refused. */
  jobs?: JobQueue
  /** Where a background import's file waits for its job (ADR 0013); defaults to `app.storage`. */
  storage?: FileStore
  publicRateLimit: { max: number; timeWindow: string }
}

/** The package format as accepted and answered: the contract's schema without its `$id` (an `$id` may be compiled only once per validator). */
const ExportQuery = Type.Object({ on: Type.Optional(IsoDate) }, { additionalProperties: false })
const FileResponse = (mediaType: string) => Type.String({ format: 'binary', contentMediaType: mediaType, description: 'The versions in force, one row per procedure' })

/** The body of an import is the file itself; JSON or an empty body is refused as request.invalid. */
const fileBodyCompiler: FastifySchemaCompiler<unknown> = (route) => {
  if (route.httpPart !== 'body') return validatorCompiler(route)
  const validate: ((data: unknown) => boolean) & { errors?: unknown } = (data) => {
    if (Buffer.isBuffer(data)) return true
    const keys = data && typeof data === 'object' ? Object.keys(data) : []
    validate.errors = keys.length
      ? keys.map((key) => ({ keyword: 'additionalProperties', instancePath: '', schemaPath: '#/additionalProperties', params: { additionalProperty: key }, message: 'must be the file itself, not JSON' }))
      : [{ keyword: 'type', instancePath: '', schemaPath: '#/type', params: { type: 'string' }, message: `must be an XLSX or CSV file sent as ${XLSX_TYPE} or ${CSV_TYPE}` }]
    return false
  }
  return validate as ReturnType<FastifySchemaCompiler<unknown>>
}

function kindOf(request: FastifyRequest): FileKind | undefined {
  const type = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
  return type === XLSX_TYPE ? 'xlsx' : type === CSV_TYPE ? 'csv' : undefined
}

/** A job as the client sees it, in the client's language. */
function jobView(job: ImportJob, locale: 'vi' | 'en') {
  const view: Record<string, unknown> = { state: job.state, processed: job.processed, total: job.total }
  if (job.report) view.report = job.report
  if (job.state === 'failed') {
    const code = job.error && job.error.code in PROBLEMS ? job.error.code : 'server.internal'
    const detail = code === job.error?.code ? job.error.detail : undefined
    const errors = code === job.error?.code ? job.error.errors : undefined
    view.error = { code, title: PROBLEMS[code][locale], ...(detail ? { detail: detail[locale] } : {}), ...(Array.isArray(errors) ? { errors } : {}) }
  }
  return view
}

// `import.job_not_found` is proposed for server/platform/errors.ts; until it exists, an unknown job answers route.not_found.
const JOB_NOT_FOUND = ('import.job_not_found' in PROBLEMS ? 'import.job_not_found' : 'route.not_found') as ProblemCode

export const catalogueIoRoutes: FastifyPluginAsyncTypebox<CatalogueIoRoutesOptions> = async (app, { db, clock, importer: given, jobs: queue, storage, publicRateLimit }) => {
  const importer = given ?? createCatalogueImporter({ db, clock })

  /** Reads, validates and (unless a dry run) writes; the same path for the synchronous and the background import. */
  async function runImport(ctx: RequestContext, body: Buffer, kind: FileKind | undefined, options: { mode: ImportMode; publish: boolean; dryRun: boolean }, progress: Progress | undefined, file: ImportedFile): Promise<ImportReport & { valid: number }> {
    // Read and checked in a parser thread: a large file never blocks the event loop.
    const parsed = await parseCatalogueFile(body, kind)
    const valid = parsed.items.length
    if (options.dryRun) return { rows: parsed.rows, valid, imported: 0, skipped: 0, created: 0, versions: 0, published: 0, errors: parsed.errors }
    const result = await importer.importCatalogue(ctx, parsed, { mode: options.mode, publish: options.publish, file, ...(progress ? { onProgress: progress } : {}) })
    return { rows: result.rows, valid, imported: result.imported, skipped: result.skipped, created: result.created, versions: result.versions, published: result.published, errors: result.errors }
  }
  // Background imports run on the durable queue: any server process runs them and answers for them.
  const fileStore = storage ?? (app.hasDecorator('storage') ? app.storage : undefined)
  const jobs = queue && fileStore ? createImportJobs({ db, queue, run: runImport, log: app.log, storage: fileStore }) : null

  const schemaDocument = JSON.stringify({ $schema: 'https://json-schema.org/draft/2020-12/schema', ...ProcedurePackage })
  app.get(
    '/procedures/package.schema.json',
    {
      config: { rateLimit: publicRateLimit },
      schema: { tags: ['procedures'], summary: 'JSON Schema (draft 2020-12) of a procedure package', produces: ['application/schema+json'], response: { 200: Type.Object({}, { additionalProperties: true, description: 'JSON Schema' }) } },
    },
    (_request, reply) => reply.type('application/schema+json; charset=utf-8').header('cache-control', 'public, max-age=3600').send(schemaDocument as never),
  )

  await app.register(async (instance) => {
    const office = instance.withTypeProvider<TypeBoxTypeProvider>()
    office.addHook('onRequest', app.authenticate)
    // The file is the raw body; these parsers exist only in this plugin.
    office.addContentTypeParser([XLSX_TYPE, CSV_TYPE], { parseAs: 'buffer', bodyLimit: MAX_FILE_BYTES }, (_request, body, done) => done(null, body))

    office.post(
      '/procedures/imports',
      {
        config: { tokenPermission: 'catalogue.manage' },
        validatorCompiler: fileBodyCompiler,
        schema: {
          tags: ['procedures'],
          summary: 'Import procedures from an XLSX or CSV file (the raw body)',
          description:
            'Columns: server/modules/procedures/import/README.md. One transaction: an existing procedure (by national code; without one, by name) gets a new version unless an equal version with the same effective date exists (re-importing a file changes nothing). 400 import.invalid_file when the content is not XLSX/CSV; 400 import.invalid_rows with every error (row, column, reason) when nothing was written.',
          consumes: [XLSX_TYPE, CSV_TYPE],
          querystring: ImportQuery,
          body: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The XLSX or CSV file' }),
          response: { 200: Report, 202: Type.Object({ jobId: Uuid }) },
        },
      },
      async (request, reply) => {
        const ctx = requestContext(request)
        importer.assertCanImport(ctx)
        const body = request.body as unknown as Buffer
        const kind = kindOf(request)
        const options = { mode: request.query.mode ?? 'all_or_nothing', publish: request.query.publish ?? false, dryRun: request.query.dryRun ?? false }
        if (request.query.async && !options.dryRun) {
          if (!jobs) throw new AppError('server.unavailable', { vi: 'Chưa có hàng đợi tác vụ nền', en: 'Background jobs are not available' }, { retryAfterSeconds: 60 })
          const jobId = await jobs.start(ctx, body, kind, options)
          request.log.info({ jobId }, 'catalogue import started')
          return reply.code(202).send({ jobId })
        }
        // The hash of exactly the bytes imported goes into the import's audit entry (ADR 0013).
        const report = await runImport(ctx, body, kind, options, undefined, { size: body.length, sha256: createHash('sha256').update(body).digest('hex') })
        return reply.code(200).send(report)
      },
    )

    office.get(
      '/procedures/imports/:jobId',
      { config: { tokenPermission: 'catalogue.manage' }, schema: { tags: ['procedures'], summary: 'Progress of a background import (only its author sees it)', params: JobParams, response: { 200: JobStatus } } },
      async (request) => {
        const ctx = requestContext(request)
        const job = jobs ? await jobs.get(ctx.actor.userId, request.params.jobId) : null
        if (!job) throw new AppError(JOB_NOT_FOUND)
        return jobView(job, requestLocale(request)) as never
      },
    )

    const exportName = (on: string, extension: string) => `thu-tuc-hanh-chinh-${on}.${extension}`
    office.get(
      '/procedures/export.xlsx',
      { config: { tokenPermission: 'org.read' }, schema: { tags: ['procedures'], summary: 'The catalogue in force (today or on a day) as an Excel workbook, in the import format', querystring: ExportQuery, produces: [XLSX_TYPE], response: { 200: FileResponse(XLSX_TYPE) } } },
      async (request, reply) => {
        const on = request.query.on ?? importer.today()
        const file = await writeCatalogueXlsx(await importer.exportRows(on))
        return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="${exportName(on, 'xlsx')}"`).header('cache-control', 'no-store').send(file as never)
      },
    )
    office.get(
      '/procedures/export.csv',
      { config: { tokenPermission: 'org.read' }, schema: { tags: ['procedures'], summary: 'The catalogue in force (today or on a day) as CSV (UTF-8 with BOM), in the import format', querystring: ExportQuery, produces: [CSV_TYPE], response: { 200: FileResponse(CSV_TYPE) } } },
      async (request, reply) => {
        const on = request.query.on ?? importer.today()
        const file = writeCatalogueCsv(await importer.exportRows(on))
        return reply.type(`${CSV_TYPE}; charset=utf-8`).header('content-disposition', `attachment; filename="${exportName(on, 'csv')}"`).header('cache-control', 'no-store').send(file as never)
      },
    )

    office.get(
      '/procedures/:id/package',
      {
        config: { tokenPermission: 'org.read' },
        schema: {
          tags: ['procedures'],
          summary: 'A procedure as a JSON package: the version in force today, or the given version',
          params: IdParams,
          querystring: Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) }, { additionalProperties: false }),
          response: { 200: Package },
        },
      },
      (request) => importer.packageOf(request.params.id, request.query.version),
    )

    office.post(
      '/procedures/packages',
      {
        config: { tokenPermission: 'catalogue.manage' },
        schema: {
          tags: ['procedures'],
          summary: 'Import a package: a new procedure, or a new version of the one with its national code (a draft unless publish=true)',
          querystring: Type.Object({ publish: Type.Optional(Type.Boolean({ default: false })) }, { additionalProperties: false }),
          body: Package,
          response: { 200: PackageOutcome, 201: PackageOutcome },
        },
      },
      async (request, reply) => {
        const outcome = await importer.importPackage(requestContext(request), request.body, request.query.publish ?? false)
        return reply.code(outcome.action === 'skipped' ? 200 : 201).send({ procedureId: outcome.procedureId, version: outcome.version, status: outcome.status, action: outcome.action })
      },
    )
  })
}

export { invalidRows, problemErrors }
