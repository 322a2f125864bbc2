/**
 * The durable job queue on the suite's database (PGlite by default, PostgreSQL with
 * TEST_DATABASE_URL): transactional enqueue, survival across a restart, singleton keys, retries
 * then a parked failure that blocks nothing, and the administrators' list of failed jobs.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/database.ts'
import { buildTestApp, createTestDatabase, type TestApp } from '../../test/test-app.ts'
import { createJobQueue, type JobQueue } from './job-queue.ts'

const silent = { info: () => {}, warn: () => {}, error: () => {} }

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('job queue', () => {
  let database: Database
  const queues: JobQueue[] = []
  const newQueue = () => {
    const queue = createJobQueue({ db: database.db, log: silent, pollSeconds: 0.5 })
    queues.push(queue)
    return queue
  }

  beforeAll(async () => {
    database = await createTestDatabase()
  })
  afterAll(async () => {
    for (const queue of queues) await queue.stop()
    await database.close()
  })

  it('runs a job only when the transaction that enqueued it commits', async () => {
    const queue = newQueue()
    const ran: string[] = []
    queue.register<{ tag: string }>('test.tx', async (job) => {
      ran.push(job.data.tag)
    })
    await queue.start()
    await expect(
      database.db.transaction().execute(async (trx) => {
        await queue.enqueue(trx, 'test.tx', { tag: 'rolled back' })
        throw new Error('the change fails')
      }),
    ).rejects.toThrow('the change fails')
    await database.db.transaction().execute(async (trx) => {
      await queue.enqueue(trx, 'test.tx', { tag: 'committed' })
    })
    await until(() => ran.includes('committed'))
    await sleep(1200) // two more polls: the rolled-back job never appears
    expect(ran).toEqual(['committed'])
    await queue.stop()
  })

  it('runs a job enqueued before a restart in the next process', async () => {
    const first = newQueue()
    const ranInFirst: string[] = []
    first.register<{ n: number }>('test.restart', async () => {
      ranInFirst.push('first')
    })
    await first.prepare() // enqueues, never polls
    const id = await database.db.transaction().execute((trx) => first.enqueue(trx, 'test.restart', { n: 1 }))
    await first.stop()

    const second = newQueue()
    const ran: string[] = []
    second.register<{ n: number }>('test.restart', async (job) => {
      ran.push(job.id)
    })
    await second.start()
    await until(() => ran.length === 1)
    expect(ran).toEqual([id])
    expect(ranInFirst).toEqual([])
    await until(async () => (await second.stateOf('test.restart', id!)) === 'completed')
    await second.stop()
  })

  it('runs a singleton key once under 10 parallel enqueues', async () => {
    const queue = newQueue()
    let runs = 0
    queue.register('test.singleton', async () => {
      runs++
    })
    await queue.prepare()
    const ids = await Promise.all(Array.from({ length: 10 }, () => database.db.transaction().execute((trx) => queue.enqueue(trx, 'test.singleton', { event: 'e-1' }, { singletonKey: 'event:e-1' }))))
    expect(ids.filter((id) => id !== null)).toHaveLength(1)
    await queue.start()
    await until(() => runs === 1)
    await sleep(1200)
    // Enqueued again after it ran: still the same job, no second run.
    expect(await database.db.transaction().execute((trx) => queue.enqueue(trx, 'test.singleton', { event: 'e-1' }, { singletonKey: 'event:e-1' }))).toBeNull()
    await sleep(800)
    expect(runs).toBe(1)
    await queue.stop()
  })

  it('retries a throwing handler, then parks the job as failed with its error, without blocking the others', async () => {
    const queue = newQueue()
    const attempts: number[] = []
    const done: number[] = []
    queue.register<{ n: number; fail?: boolean }>(
      'test.flaky',
      async (job) => {
        if (job.data.fail) {
          attempts.push(job.retryCount)
          throw new Error('the remote service refused the call')
        }
        done.push(job.data.n)
      },
      { retryLimit: 2, retryDelay: 0 },
    )
    await queue.start()
    const badId = await database.db.transaction().execute((trx) => queue.enqueue(trx, 'test.flaky', { n: 0, fail: true }))
    await database.db.transaction().execute(async (trx) => {
      for (let n = 1; n <= 5; n++) await queue.enqueue(trx, 'test.flaky', { n })
    })
    await until(() => done.length === 5)
    await until(async () => (await queue.stateOf('test.flaky', badId!)) === 'failed')
    expect(attempts).toEqual([0, 1, 2])
    expect(done.sort()).toEqual([1, 2, 3, 4, 5])
    const failed = (await queue.failedJobs()).find((job) => job.id === badId)
    expect(failed).toMatchObject({ name: 'test.flaky', error: 'the remote service refused the call', attempts: 3 })
    expect(failed).not.toHaveProperty('data')
    await queue.stop()
  })

  it('stores cron schedules in Asia/Ho_Chi_Minh', async () => {
    const queue = newQueue()
    queue.register('test.weekday_morning', async () => {})
    queue.schedule('test.weekday_morning', '0 7 * * 1-5')
    await queue.start()
    const { rows } = await sql<{ cron: string; timezone: string }>`select cron, timezone from pgboss.schedule where name = 'test.weekday_morning'`.execute(database.db)
    expect(rows).toEqual([{ cron: '0 7 * * 1-5', timezone: 'Asia/Ho_Chi_Minh' }])
    await queue.stop()
  })
})

describe('GET /api/jobs/failed', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp({ JOB_POLL_MS: '500' })
    t.app.jobs.register<{ citizen: string }>('test.always_fails', async () => {
      throw new Error('the registry answered 500')
    }, { retryLimit: 0 })
    await t.app.jobs.start()
  })
  afterAll(() => t.close())

  it('shows failed jobs and their error to the province administrator only, never their data', async () => {
    const id = await t.database.db.transaction().execute((trx) => t.app.jobs.enqueue(trx, 'test.always_fails', { citizen: 'Nguyễn Văn Bí Mật' }))
    await until(async () => (await t.app.jobs.stateOf('test.always_fails', id!)) === 'failed')

    for (const username of ['quantri.binhlac', 'tiepnhan.binhlac']) {
      const refused = await t.app.inject({ method: 'GET', url: '/api/jobs/failed', headers: await t.signIn(username) })
      expect(refused.statusCode, username).toBe(403)
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/jobs/failed' })).statusCode).toBe(401)

    const listed = await t.app.inject({ method: 'GET', url: '/api/jobs/failed', headers: await t.signIn('quantri') })
    expect(listed.statusCode, listed.body).toBe(200)
    expect(listed.json().items).toContainEqual(expect.objectContaining({ id, name: 'test.always_fails', error: 'the registry answered 500', attempts: 1 }))
    expect(listed.body).not.toContain('Bí Mật')
  })
})
