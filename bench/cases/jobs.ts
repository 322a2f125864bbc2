/**
 * Durable jobs on PostgreSQL (server/platform/jobs/job-queue.ts, pg-boss 10), in this process
 * against the benchmark database, with the server's settings (poll every 500 ms, batches of 10):
 *
 * - jobs_1000_to_completion: 1,000 jobs, each enqueued in its own committed transaction while no
 *   worker runs, then run to completion by one worker (the handler does nothing): milliseconds
 *   from the worker's start to the last completion. Target: under 10 s. The enqueueing time is
 *   printed beside it.
 * - job_start_latency_max / _p50: 10 times, with the worker idle, one job enqueued for now;
 *   milliseconds from its commit to the handler's start. Target: under 1 s.
 *
 * Baseline, in the same run on the same database: the least a queue on PostgreSQL can do for
 * the same work, through `pg` directly — a table of jobs, each inserted in its own statement, and
 * a worker that claims 10 at a time with `FOR UPDATE SKIP LOCKED`, completes each with its own
 * UPDATE, fetches again at once after a full batch and otherwise sleeps the same 500 ms.
 */
import pg from 'pg'
import { sql } from 'kysely'
import { openDatabase } from '../../server/platform/db/database.ts'
import { createJobQueue } from '../../server/platform/jobs/job-queue.ts'
import { entry, median, round, sleep } from '../lib/stats.ts'
import type { BenchCase, BenchContext } from '../lib/types.ts'

const JOBS = 1000
const LATENCY_SAMPLES = 10
const POLL_MS = 500
const BATCH = 10
const QUEUE = 'bench.noop'

const silent = { info() {}, warn() {}, error() {} }

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = performance.now() + timeoutMs
  while (!condition()) {
    if (performance.now() > until) throw new Error(`${what}: not done after ${timeoutMs} ms`)
    await sleep(2)
  }
}

async function measurePgBoss(ctx: BenchContext): Promise<{ totalMs: number; latencies: number[] }> {
  const database = await openDatabase({ databaseUrl: ctx.databaseUrl, poolSize: 10 })
  const jobs = createJobQueue({ db: database.db, log: silent, pollSeconds: POLL_MS / 1000, maintenance: false })
  let done = 0
  let started: number | null = null
  jobs.register<{ i: number }>(QUEUE, async () => {
    started ??= performance.now()
    done++
  }, { batchSize: BATCH })
  try {
    await jobs.prepare()
    const t0 = performance.now()
    for (let i = 0; i < JOBS; i++) await database.db.transaction().execute((trx) => jobs.enqueue(trx, QUEUE, { i }))
    const enqueued = performance.now() - t0
    const t1 = performance.now()
    await jobs.start()
    await waitFor(() => done >= JOBS, 60_000, `${JOBS} pg-boss jobs`)
    const totalMs = performance.now() - t1
    ctx.log(`pg-boss: ${JOBS} jobs enqueued in ${round(enqueued)} ms (one transaction each), then run to completion in ${round(totalMs)} ms`)

    const latencies: number[] = []
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      // Idle worker: let it finish its current poll and go to sleep at a random point of its cycle.
      await sleep(POLL_MS + Math.random() * POLL_MS)
      started = null
      const before = done
      await database.db.transaction().execute((trx) => jobs.enqueue(trx, QUEUE, { i }))
      const committed = performance.now()
      await waitFor(() => done > before, 10_000, 'one pg-boss job')
      latencies.push(started! - committed)
    }
    return { totalMs, latencies }
  } finally {
    await jobs.stop()
    await sql`drop schema if exists pgboss cascade`.execute(database.db).catch(() => {})
    await database.close()
  }
}

async function measureRawQueue(ctx: BenchContext): Promise<{ totalMs: number; latencies: number[] }> {
  const pool = new pg.Pool({ connectionString: ctx.databaseUrl, max: 10 })
  pool.on('error', () => {})
  await pool.query('drop table if exists bench_raw_jobs')
  await pool.query(`create table bench_raw_jobs (id bigserial primary key, data jsonb not null, state text not null default 'created', created_on timestamptz not null default now(), started_on timestamptz, completed_on timestamptz)`)
  await pool.query(`create index on bench_raw_jobs (id) where state = 'created'`)
  let done = 0
  let started: number | null = null
  let stopping = false
  let wake: (() => void) | null = null
  const worker = (async () => {
    while (!stopping) {
      const began = performance.now()
      const { rows } = await pool.query<{ id: string }>(
        `update bench_raw_jobs set state = 'active', started_on = now()
          where id in (select id from bench_raw_jobs where state = 'created' order by id limit $1 for update skip locked)
          returning id`,
        [BATCH],
      )
      await Promise.all(rows.map(async (row) => {
        started ??= performance.now()
        done++
        await pool.query(`update bench_raw_jobs set state = 'completed', completed_on = now() where id = $1`, [row.id])
      }))
      if (rows.length >= BATCH) continue
      const wait = POLL_MS - (performance.now() - began)
      if (wait > 0) await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = null
    }
  })
  try {
    const t0 = performance.now()
    for (let i = 0; i < JOBS; i++) await pool.query('insert into bench_raw_jobs (data) values ($1)', [JSON.stringify({ i })])
    const enqueued = performance.now() - t0
    const t1 = performance.now()
    const running = worker()
    await waitFor(() => done >= JOBS, 60_000, `${JOBS} raw jobs`)
    const totalMs = performance.now() - t1
    ctx.log(`raw SKIP LOCKED queue: ${JOBS} jobs inserted in ${round(enqueued)} ms, then run to completion in ${round(totalMs)} ms`)
    const latencies: number[] = []
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      await sleep(POLL_MS + Math.random() * POLL_MS)
      started = null
      const before = done
      await pool.query('insert into bench_raw_jobs (data) values ($1)', [JSON.stringify({ i })])
      const committed = performance.now()
      await waitFor(() => done > before, 10_000, 'one raw job')
      latencies.push(started! - committed)
    }
    stopping = true
    ;(wake as (() => void) | null)?.()
    await running
    return { totalMs, latencies }
  } finally {
    stopping = true
    await pool.query('drop table if exists bench_raw_jobs').catch(() => {})
    await pool.end()
  }
}

export const jobsCase: BenchCase = {
  id: 'jobs',
  title: 'durable jobs: 1,000 to completion, start latency',
  async run(ctx) {
    const boss = await measurePgBoss(ctx)
    const raw = await measureRawQueue(ctx)
    const p50 = round(median(boss.latencies))
    const max = round(Math.max(...boss.latencies))
    ctx.log(`start latency over ${LATENCY_SAMPLES} idle enqueues: pg-boss p50 ${p50} ms, max ${max} ms; raw p50 ${round(median(raw.latencies))} ms, max ${round(Math.max(...raw.latencies))} ms`)
    ctx.log(`targets: ${JOBS} jobs < 10 s: ${boss.totalMs < 10_000 ? 'met' : 'NOT MET'}; start < 1 s: ${max < 1000 ? 'met' : 'NOT MET'}`)
    return [
      entry('jobs_1000_to_completion', round(boss.totalMs), 'ms', round(raw.totalMs)),
      entry('job_start_latency_max', max, 'ms', round(Math.max(...raw.latencies))),
      entry('job_start_latency_p50', p50, 'ms', round(median(raw.latencies))),
    ]
  },
}
