/**
 * Durable jobs on the application's own database, through pg-boss 10 (ADR 0010). pg-boss keeps
 * its tables in the `pgboss` schema and installs or migrates them itself at `prepare()`. Every
 * statement it runs goes through the platform's Kysely instance (an `executeSql` adapter), so
 * the same code runs on PostgreSQL (the pool) and on PGlite (its one connection behind a mutex).
 *
 * - `enqueue(trx, …)` inserts the job on the caller's transaction: the job exists if and only if
 *   the caller's change committed.
 * - A `singletonKey` gives the job a deterministic id: a second enqueue of the same key is a no-op
 *   while the first job is kept (until pg-boss archives it, 7 days after completion here).
 * - A handler that throws is retried (`retryLimit`, `retryDelay`, `retryBackoff`), then parked in
 *   state `failed` with its error; other jobs keep running. `failedJobs()` lists them without data.
 * - Workers poll only after `start()`; `prepare()` installs the schema without polling (a process
 *   that only enqueues). `stop()` waits for running handlers.
 *
 * On Citus the `pgboss` tables are plain local tables of the coordinator (never distributed).
 */
import { createHash } from 'node:crypto'
import { CompiledQuery, type Kysely, type Transaction } from 'kysely'
import PgBoss from 'pg-boss'
import type { DB } from '../db/schema.ts'

export const JOB_SCHEMA = 'pgboss'
export const JOB_TIME_ZONE = 'Asia/Ho_Chi_Minh'

type Executor = Kysely<DB> | Transaction<DB>

/** What a handler receives: the job's id, its data and which attempt this is (0 = first). */
export interface JobContext<T> {
  id: string
  name: string
  data: T
  retryCount: number
  retryLimit: number
  /** True when a throw from this attempt parks the job as failed (no retry left). */
  lastAttempt: boolean
}

export type JobHandler<T> = (job: JobContext<T>) => Promise<unknown>

export interface RegisterOptions {
  /** Retries after the first attempt (default 3). */
  retryLimit?: number
  /** Seconds before a retry (default 5); with `retryBackoff`, the base of an exponential delay. */
  retryDelay?: number
  retryBackoff?: boolean
  /** A running attempt longer than this fails (and may be retried); default 15 minutes. */
  expireInSeconds?: number
  /**
   * Jobs fetched together by one worker and run concurrently (each still succeeds or fails on its
   * own); default 10. Use 1 for heavy jobs that must run one at a time per process.
   */
  batchSize?: number
}

export interface EnqueueOptions {
  /** One job per key and queue: a second enqueue with the same key adds nothing. */
  singletonKey?: string
  /** Not before this time (a Date) or this many seconds from now. */
  startAfter?: Date | number
}

export interface FailedJob {
  id: string
  name: string
  error: string
  /** Attempts made (the first plus retries). */
  attempts: number
  createdOn: Date
  startedOn: Date | null
  failedOn: Date | null
}

export interface JobLog {
  info(object: object, message: string): void
  warn(object: object, message: string): void
  error(object: object, message: string): void
}

export interface JobQueueOptions {
  db: Kysely<DB>
  log: JobLog
  /** Seconds between polls of an idle worker (pg-boss allows ≥ 0.5). */
  pollSeconds?: number
  /** Run maintenance (expiry of stuck jobs, archiving) and cron schedules; default true. */
  maintenance?: boolean
}

/** An `executeSql` for pg-boss over a Kysely executor: the pool, or one transaction's connection. */
export function executeSqlOn(executor: Executor): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await executor.executeQuery(CompiledQuery.raw(text, values ?? []))
      return { rows: result.rows as unknown[] }
    },
  }
}

/** A UUID derived from the queue and key, so the job table's primary key refuses a duplicate. */
export function singletonId(name: string, key: string): string {
  const hex = createHash('sha256').update(`${name}\u0000${key}`).digest('hex')
  // Shaped as a version-8 (custom) UUID with the RFC 9562 variant.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** A handler's error as stored in pg-boss (message only: never the job's data). */
function errorOutput(error: unknown): object {
  const message = error instanceof Error ? error.message : String(error)
  const code = error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : undefined
  return { message: message.slice(0, 2000), ...(code ? { code } : {}) }
}

export function createJobQueue({ db, log, pollSeconds = 2, maintenance = true }: JobQueueOptions) {
  const handlers = new Map<string, { handler: JobHandler<unknown>; options: RegisterOptions }>()
  const schedules: Array<{ name: string; cron: string; data: object }> = []
  let boss: PgBoss | null = null
  let preparing: Promise<PgBoss> | null = null
  let working = false
  let stopped = false
  const running = new Set<Promise<unknown>>()

  function queueOptions(options: RegisterOptions): Omit<PgBoss.Queue, 'name'> {
    return {
      retryLimit: options.retryLimit ?? 3,
      retryDelay: options.retryDelay ?? 5,
      retryBackoff: options.retryBackoff ?? false,
      expireInSeconds: options.expireInSeconds ?? 15 * 60,
    }
  }

  async function install(): Promise<PgBoss> {
    const instance = new PgBoss({
      db: executeSqlOn(db),
      schema: JOB_SCHEMA,
      migrate: true,
      supervise: maintenance,
      schedule: maintenance,
      pollingIntervalSeconds: pollSeconds,
      // Completed jobs stay in the job table a week, so a singleton key holds that long.
      archiveCompletedAfterSeconds: 7 * 24 * 3600,
      // Failed jobs stay visible to administrators for 30 days before archiving.
      archiveFailedAfterSeconds: 30 * 24 * 3600,
    })
    instance.on('error', (error: Error) => log.error({ err: { message: error.message } }, 'job queue error'))
    await instance.start()
    for (const [name, { options }] of handlers) await ensureQueue(instance, name, options)
    return instance
  }

  async function ensureQueue(instance: PgBoss, name: string, options: RegisterOptions): Promise<void> {
    if (await instance.getQueue(name)) await instance.updateQueue(name, { name, ...queueOptions(options) })
    else await instance.createQueue(name, { name, policy: 'standard', ...queueOptions(options) })
  }

  async function prepare(): Promise<PgBoss> {
    if (stopped) throw new Error('the job queue is stopped')
    preparing ??= install().then((instance) => (boss = instance))
    return preparing
  }

  /**
   * Runs one job's handler. A failure is recorded at once (with its error); a success answers
   * its output so the batch can complete its jobs together (`completeAll`).
   */
  function runOne(instance: PgBoss, name: string, handler: JobHandler<unknown>, job: PgBoss.JobWithMetadata<unknown>): Promise<{ id: string; output: object | null } | null> {
    const context: JobContext<unknown> = { id: job.id, name, data: job.data, retryCount: job.retryCount, retryLimit: job.retryLimit, lastAttempt: job.retryCount >= job.retryLimit }
    const promise = (async () => {
      try {
        const output = await handler(context)
        return { id: job.id, output: output && typeof output === 'object' && Object.keys(output).length > 0 ? output : null }
      } catch (error) {
        log.warn({ jobId: job.id, queue: name, attempt: job.retryCount + 1, err: errorOutput(error) }, context.lastAttempt ? 'job failed' : 'job attempt failed; it will be retried')
        await instance.fail(name, job.id, errorOutput(error))
        return null
      }
    })()
    const tracked = promise.finally(() => running.delete(tracked))
    running.add(tracked)
    return tracked
  }

  /** Completes a batch's successful jobs: those without output in one statement, the others one by one. */
  async function completeAll(instance: PgBoss, name: string, results: Array<{ id: string; output: object | null } | null>): Promise<void> {
    const plain = results.filter((r): r is { id: string; output: null } => r !== null && r.output === null).map((r) => r.id)
    if (plain.length) await instance.complete(name, plain)
    for (const result of results) if (result && result.output) await instance.complete(name, result.id, result.output)
  }

  return {
    /** Declares a queue and its handler; call before `start()`. */
    register<T>(name: string, handler: JobHandler<T>, options: RegisterOptions = {}): void {
      if (handlers.has(name)) throw new Error(`job queue ${name} is already registered`)
      handlers.set(name, { handler: handler as JobHandler<unknown>, options })
    },

    /** Installs (or migrates) pg-boss's schema and creates the registered queues, without polling. */
    prepare: async (): Promise<void> => {
      await prepare()
    },

    /** Prepares, then starts one polling worker per registered queue, and the schedules. */
    async start(): Promise<void> {
      const instance = await prepare()
      if (working) return
      working = true
      for (const [name, { handler, options }] of handlers) {
        const batchSize = options.batchSize ?? 10
        let workerId: string | null = null
        workerId = await instance.work(name, { pollingIntervalSeconds: pollSeconds, batchSize, includeMetadata: true }, async (jobs) => {
          // Each job settles on its own (a failure at once, successes together); pg-boss's own
          // completion then matches nothing.
          const settled = Promise.all(jobs.map((job) => runOne(instance, name, handler, job))).then((results) => completeAll(instance, name, results))
          const tracked = settled.finally(() => running.delete(tracked))
          running.add(tracked)
          await tracked
          // A full batch: more jobs may be waiting, so fetch again at once instead of sleeping a poll.
          if (jobs.length >= batchSize && workerId && !stopped) instance.notifyWorker(workerId)
        })
      }
      for (const { name, cron, data } of schedules) await instance.schedule(name, cron, data, { tz: JOB_TIME_ZONE })
    },

    /**
     * Adds a job inside the caller's transaction (`trx`), so it commits or rolls back with the
     * change. `prepare()` or `start()` must have run (on PGlite the schema cannot be installed
     * from inside a transaction: there is one connection). Answers the job's id, or null when a
     * job with the same singleton key exists.
     */
    async enqueue<T extends object>(trx: Transaction<DB>, name: string, data: T, options: EnqueueOptions = {}): Promise<string | null> {
      if (!boss) throw new Error('the job queue is not prepared: call prepare() or start() before enqueueing')
      if (!handlers.has(name)) throw new Error(`job queue ${name} is not registered`)
      const send: PgBoss.SendOptions = { db: executeSqlOn(trx) }
      if (options.singletonKey !== undefined) {
        send.id = singletonId(name, options.singletonKey)
        send.singletonKey = options.singletonKey
      }
      if (options.startAfter !== undefined) send.startAfter = options.startAfter
      return boss.send(name, data, send)
    },

    /** A cron schedule in Asia/Ho_Chi_Minh for a registered queue; stored when the queue starts. */
    schedule(name: string, cron: string, data: object = {}): void {
      if (!handlers.has(name)) throw new Error(`job queue ${name} is not registered`)
      schedules.push({ name, cron, data })
    },

    /** Jobs parked as failed (no retry left), newest first: name, error, attempts and times, never data. */
    async failedJobs(limit = 100): Promise<FailedJob[]> {
      if (!boss) await prepare()
      const { rows } = await executeSqlOn(db).executeSql(
        `select id, name, output, retry_count, created_on, started_on, completed_on from ${JOB_SCHEMA}.job where state = 'failed'
         union all
         select id, name, output, retry_count, created_on, started_on, completed_on from ${JOB_SCHEMA}.archive where state = 'failed'
         order by completed_on desc nulls last, created_on desc limit $1`,
        [limit],
      )
      return (rows as Array<{ id: string; name: string; output: unknown; retry_count: number; created_on: Date; started_on: Date | null; completed_on: Date | null }>).map((row) => ({
        id: row.id,
        name: row.name,
        error: messageOf(row.output),
        attempts: Number(row.retry_count) + 1,
        createdOn: new Date(row.created_on),
        startedOn: row.started_on ? new Date(row.started_on) : null,
        failedOn: row.completed_on ? new Date(row.completed_on) : null,
      }))
    },

    /** State of one job ('created', 'retry', 'active', 'completed', 'failed', 'cancelled'), or null. */
    async stateOf(name: string, id: string): Promise<string | null> {
      const instance = boss ?? (await prepare())
      const job = await instance.getJobById(name, id, { includeArchive: true })
      return job?.state ?? null
    },

    /** Stops polling and schedules, waits for running handlers, and leaves the database open. */
    async stop(): Promise<void> {
      stopped = true
      const instance = boss ?? (preparing ? await preparing.catch(() => null) : null)
      if (!instance) return
      await instance.stop({ graceful: true, wait: true, close: false, timeout: 8_000 })
      await Promise.allSettled([...running])
    },
  }
}

function messageOf(output: unknown): string {
  if (output && typeof output === 'object') {
    const value = 'message' in output ? output : 'value' in output ? (output as { value: unknown }).value : output
    if (value && typeof value === 'object' && 'message' in value) return String((value as { message: unknown }).message)
  }
  return output === null || output === undefined ? '' : JSON.stringify(output)
}

export type JobQueue = ReturnType<typeof createJobQueue>
