/**
 * Background catalogue imports on the durable job queue (ADR 0010). Starting one puts the uploaded
 * file into the file store (kind `catalogue-import`, ADR 0013), then writes, in one transaction,
 * the pg-boss job and a `catalogue_import_jobs` row holding the file's key, size and SHA-256, the
 * options and the request context it runs with; so the job exists if and only if its upload does
 * (a failed transaction deletes the stored file again). Any server process runs it, reading the
 * file back from the store, and any one answers for it: progress, report and error are read from
 * the row, only by the job's author. The stored file and the context are cleared when the job
 * finishes.
 *
 * Bad input (an AppError below 500, e.g. invalid rows) finishes the job as failed at once: retrying
 * cannot help. Anything else is retried by the queue, and recorded as failed on the last attempt.
 */
import { Readable } from 'node:stream'
import { sql, type Kysely } from 'kysely'
import type { RequestContext } from '../../../platform/auth/actor.ts'
import type { DB } from '../../../platform/db/schema.ts'
import { AppError, type ProblemCode } from '../../../platform/errors.ts'
import type { JobLog, JobQueue } from '../../../platform/jobs/job-queue.ts'
import { newFileKey, type FileStore, type StoredFile } from '../../../platform/storage/index.ts'
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

/** The imported file's size and SHA-256, for the import's audit entry. */
export interface ImportedFile {
  size: number
  sha256: string
}

export type RunImport = (ctx: RequestContext, body: Buffer, kind: FileKind | undefined, options: ImportOptions, progress: Progress, file: ImportedFile) => Promise<ImportReport>

export interface ImportJobsDeps {
  db: Kysely<DB>
  queue: JobQueue
  run: RunImport
  log: JobLog
  /** Where uploads wait for their job (ADR 0013). */
  storage: FileStore
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

/** Reads a stored file into memory: the parser thread needs the whole file (at most the kind's 10 MB). */
async function readStored(storage: FileStore, key: string): Promise<Buffer> {
  const { stream } = await storage.get(key)
  const parts: Buffer[] = []
  for await (const part of stream as AsyncIterable<Uint8Array>) parts.push(Buffer.from(part))
  return Buffer.concat(parts)
}

export function createImportJobs({ db, queue, run, log, storage, staleAfterMs = 60 * 60_000, progressEveryMs = 200 }: ImportJobsDeps) {
  async function finish(unitId: string, id: string, fileKey: string, values: { state: JobState; processed?: number; total?: number; report?: ImportReport; error?: StoredError }): Promise<void> {
    await db
      .updateTable('catalogue_import_jobs')
      .set({
        state: values.state,
        ...(values.processed !== undefined ? { processed: values.processed } : {}),
        ...(values.total !== undefined ? { total: values.total } : {}),
        report: values.report ? JSON.stringify(values.report) : null,
        error: values.error ? JSON.stringify(values.error) : null,
        file_key: null,
        context: null,
        finished_at: sql<Date>`now()`,
      })
      .where('unit_id', '=', unitId)
      .where('id', '=', id)
      .where('state', '=', 'running')
      .execute()
    // After the row no longer names it: a crash in between leaves an orphan file, never a job without its file.
    await storage.delete(fileKey).catch((error: unknown) => log.warn({ jobId: id, err: { message: error instanceof Error ? error.message : String(error) } }, 'a finished import file could not be deleted'))
  }

  queue.register<ImportJobData>(
    CATALOGUE_IMPORT_QUEUE,
    async (job) => {
      const row = await db.selectFrom('catalogue_import_jobs').select(['unit_id', 'id', 'state', 'file_key', 'file_size', 'file_sha256', 'file_kind', 'options', 'context']).where('unit_id', '=', job.data.unitId).where('id', '=', job.id).executeTakeFirst()
      if (!row || row.state !== 'running' || !row.file_key || !row.context) return { skipped: true }
      const fileKey = row.file_key
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
        const body = await readStored(storage, fileKey)
        const report = await run(row.context as RequestContext, body, row.file_kind ?? undefined, row.options as ImportOptions, progress, { size: body.length, sha256: row.file_sha256 ?? '' })
        await Promise.all(writes)
        await finish(row.unit_id, row.id, fileKey, { state: 'done', processed: last.processed, total: last.total, report })
        log.info({ jobId: row.id }, 'catalogue import finished')
        return { state: 'done' }
      } catch (error) {
        await Promise.all(writes)
        const badInput = error instanceof AppError && error.status < 500
        if (badInput || job.lastAttempt) {
          if (!badInput) log.error({ jobId: row.id, err: { message: error instanceof Error ? error.message : String(error) } }, 'background catalogue import failed')
          await finish(row.unit_id, row.id, fileKey, { state: 'failed', processed: last.processed, total: last.total, error: storedError(error) })
        }
        if (badInput) return { state: 'failed', code: (error as AppError).code }
        throw error
      }
    },
    // One import at a time per process: each holds a parser thread and a long transaction.
    { retryLimit: 2, retryDelay: 10, retryBackoff: true, expireInSeconds: 30 * 60, batchSize: 1 },
  )

  /** The job and its row, in one transaction; refuses a second running import of the same author. */
  async function enqueue(ctx: RequestContext, stored: StoredFile, kind: FileKind | undefined, options: ImportOptions): Promise<string> {
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
        .values({ unit_id: ctx.actor.unitId, id, owner_id: ctx.actor.userId, file_key: stored.key, file_size: stored.size, file_sha256: stored.sha256, file_kind: kind ?? null, options: JSON.stringify(options), context: JSON.stringify(ctx) })
        .execute()
      return id
    })
  }

  return {
    /**
     * Stores the upload and enqueues its import in one transaction; answers the job's id.
     * Refuses a second running import of the same author.
     */
    async start(ctx: RequestContext, body: Buffer, kind: FileKind | undefined, options: ImportOptions): Promise<string> {
      // Installs the queue's schema when needed: never inside the transaction (PGlite has one connection).
      await queue.prepare()
      // Stored first (checked as a catalogue import: XLSX or CSV, 10 MB); deleted again unless the job is enqueued.
      const stored = await storage.put(newFileKey('catalogue-import'), Readable.from([body]), { kind: 'catalogue-import' })
      try {
        return await enqueue(ctx, stored, kind, options)
      } catch (error) {
        await storage.delete(stored.key).catch(() => undefined)
        throw error
      }
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
