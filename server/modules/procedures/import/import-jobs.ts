/**
 * Background catalogue imports on the durable job queue (ADR 0010). Starting one writes, in one
 * transaction, the pg-boss job and a `catalogue_import_jobs` row holding the uploaded file, the
 * options and the request context it runs with; so the job exists if and only if its upload does.
 * Any server process runs it and any one answers for it: progress, report and error are read from
 * the row, only by the job's author. The file and context are cleared when the job finishes.
 *
 * Bad input (an AppError below 500, e.g. invalid rows) finishes the job as failed at once: retrying
 * cannot help. Anything else is retried by the queue, and recorded as failed on the last attempt.
 */
import { sql, type Kysely } from 'kysely'
import type { RequestContext } from '../../../platform/auth/actor.ts'
import type { DB } from '../../../platform/db/schema.ts'
import { AppError, type ProblemCode } from '../../../platform/errors.ts'
import type { JobLog, JobQueue } from '../../../platform/jobs/job-queue.ts'
import type { FileKind } from './catalogue-files.ts'
import type { ImportMode, ImportReport } from './catalogue-import.service.ts'

export const CATALOGUE_IMPORT_QUEUE = 'catalogue.import'

export type JobState = 'running' | 'done' | 'failed'

export interface ImportOptions {
  mode: ImportMode
  publish: boolean
  dryRun: boolean
}

/** A failed job's error as stored: an AppError's code, detail and row errors. */
export interface StoredError {
  code: ProblemCode
  detail?: { vi: string; en: string }
  errors?: unknown[]
}

export interface ImportJob {
  id: string
  state: JobState
  processed: number
  total: number
  report?: ImportReport
  error?: StoredError
}

export interface Progress {
  (processed: number, total: number): void
}

export type RunImport = (ctx: RequestContext, body: Buffer, kind: FileKind | undefined, options: ImportOptions, progress: Progress) => Promise<ImportReport>

export interface ImportJobsDeps {
  db: Kysely<DB>
  queue: JobQueue
  run: RunImport
  log: JobLog
  /** A running job older than this no longer blocks its author from starting another. */
  staleAfterMs?: number
  /** Least time between two progress writes. */
  progressEveryMs?: number
}

interface ImportJobData {
  /** Unit of the row (its distribution key). */
  unitId: string
}

function storedError(error: unknown): StoredError {
  const problem = error instanceof AppError && error.status < 500 ? error : new AppError('server.internal')
  const errors = problem.extensions?.errors
  return { code: problem.code, ...(problem.detail ? { detail: problem.detail } : {}), ...(Array.isArray(errors) ? { errors } : {}) }
}

export function createImportJobs({ db, queue, run, log, staleAfterMs = 60 * 60_000, progressEveryMs = 200 }: ImportJobsDeps) {
  async function finish(unitId: string, id: string, values: { state: JobState; processed?: number; total?: number; report?: ImportReport; error?: StoredError }): Promise<void> {
    await db
      .updateTable('catalogue_import_jobs')
      .set({
        state: values.state,
        ...(values.processed !== undefined ? { processed: values.processed } : {}),
        ...(values.total !== undefined ? { total: values.total } : {}),
        report: values.report ? JSON.stringify(values.report) : null,
        error: values.error ? JSON.stringify(values.error) : null,
        file: null,
        context: null,
        finished_at: sql<Date>`now()`,
      })
      .where('unit_id', '=', unitId)
      .where('id', '=', id)
      .where('state', '=', 'running')
      .execute()
  }

  queue.register<ImportJobData>(
    CATALOGUE_IMPORT_QUEUE,
    async (job) => {
      const row = await db.selectFrom('catalogue_import_jobs').select(['unit_id', 'id', 'state', 'file', 'file_kind', 'options', 'context']).where('unit_id', '=', job.data.unitId).where('id', '=', job.id).executeTakeFirst()
      if (!row || row.state !== 'running' || !row.file || !row.context) return { skipped: true }
      let last = { processed: 0, total: 0 }
      let lastWrite = 0
      const writes: Array<Promise<unknown>> = []
      const progress: Progress = (processed, total) => {
        last = { processed, total }
        const now = Date.now()
        if (now - lastWrite < progressEveryMs && processed !== total) return
        lastWrite = now
        // Not awaited: the import's own transaction is open. On PGlite (one connection) the write
        // waits for it; on PostgreSQL it commits at once, so another process sees the progress.
        writes.push(
          db.updateTable('catalogue_import_jobs').set({ processed, total }).where('unit_id', '=', row.unit_id).where('id', '=', row.id).where('state', '=', 'running').execute().catch(() => undefined),
        )
      }
      try {
        const report = await run(row.context as RequestContext, Buffer.from(row.file), row.file_kind ?? undefined, row.options as ImportOptions, progress)
        await Promise.all(writes)
        await finish(row.unit_id, row.id, { state: 'done', processed: last.processed, total: last.total, report })
        log.info({ jobId: row.id }, 'catalogue import finished')
        return { state: 'done' }
      } catch (error) {
        await Promise.all(writes)
        const badInput = error instanceof AppError && error.status < 500
        if (badInput || job.lastAttempt) {
          if (!badInput) log.error({ jobId: row.id, err: { message: error instanceof Error ? error.message : String(error) } }, 'background catalogue import failed')
          await finish(row.unit_id, row.id, { state: 'failed', processed: last.processed, total: last.total, error: storedError(error) })
        }
        if (badInput) return { state: 'failed', code: (error as AppError).code }
        throw error
      }
    },
    // One import at a time per process: each holds a parser thread and a long transaction.
    { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 30 * 60, batchSize: 1 },
  )

  return {
    /**
     * Stores the upload and enqueues its import in one transaction; answers the job's id.
     * Refuses a second running import of the same author.
     */
    async start(ctx: RequestContext, body: Buffer, kind: FileKind | undefined, options: ImportOptions): Promise<string> {
      // Installs the queue's schema when needed: never inside the transaction (PGlite has one connection).
      await queue.prepare()
      return db.transaction().execute(async (trx) => {
        const busy = await trx
          .selectFrom('catalogue_import_jobs')
          .select('id')
          .where('owner_id', '=', ctx.actor.userId)
          .where('state', '=', 'running')
          .where('created_at', '>', new Date(Date.now() - staleAfterMs))
          .executeTakeFirst()
        if (busy) throw new AppError('request.rate_limited', { vi: 'Bạn đang có một lượt nhập chưa xong', en: 'You already have an import running' }, { retryAfterSeconds: 10 })
        const id = await queue.enqueue(trx, CATALOGUE_IMPORT_QUEUE, { unitId: ctx.actor.unitId } satisfies ImportJobData)
        if (!id) throw new Error('the import job was not enqueued')
        await trx
          .insertInto('catalogue_import_jobs')
          .values({ unit_id: ctx.actor.unitId, id, owner_id: ctx.actor.userId, file: body, file_kind: kind ?? null, options: JSON.stringify(options), context: JSON.stringify(ctx) })
          .execute()
        return id
      })
    },

    /** The job, when it exists and belongs to `ownerId`; null otherwise (the same answer for both). */
    async get(ownerId: string, jobId: string): Promise<ImportJob | null> {
      const row = await db.selectFrom('catalogue_import_jobs').select(['id', 'state', 'processed', 'total', 'report', 'error']).where('id', '=', jobId).where('owner_id', '=', ownerId).executeTakeFirst()
      if (!row) return null
      return {
        id: row.id,
        state: row.state,
        processed: row.processed,
        total: row.total,
        ...(row.report ? { report: row.report as ImportReport } : {}),
        ...(row.error ? { error: row.error as StoredError } : {}),
      }
    },
  }
}

export type ImportJobs = ReturnType<typeof createImportJobs>
