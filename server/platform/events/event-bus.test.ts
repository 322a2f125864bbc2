/**
 * Domain events on the suite's database (PGlite by default, PostgreSQL with TEST_DATABASE_URL):
 * recorded and delivered only after the change commits, never after a rollback; at least once
 * to every subscriber of the type, once per event under retried emits; a throwing subscriber is
 * retried and parked without holding back the others.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/database.ts'
import { createTestDatabase } from '../../test/test-app.ts'
import { createJobQueue, type JobQueue } from '../jobs/job-queue.ts'
import { createEventBus, PRUNE_QUEUE, type DomainEvent } from './event-bus.ts'

const silent = { info: () => {}, warn: () => {}, error: () => {} }

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('domain events', () => {
  let database: Database
  let unitId: string
  const queues: JobQueue[] = []
  const newBus = () => {
    const jobs = createJobQueue({ db: database.db, log: silent, pollSeconds: 0.5 })
    queues.push(jobs)
    return { jobs, events: createEventBus({ db: database.db, jobs, log: silent }) }
  }

  beforeAll(async () => {
    database = await createTestDatabase()
    const unit = await database.db.selectFrom('admin_units').select('id').orderBy('code').executeTakeFirstOrThrow()
    unitId = unit.id
  })
  afterAll(async () => {
    for (const queue of queues) await queue.stop()
    await database.close()
  })

  it('reaches its subscriber after the commit, and never after a rollback', async () => {
    const { jobs, events } = newBus()
    const seen: DomainEvent<{ code: string }>[] = []
    let committed = false
    events.subscribe<{ code: string }>({
      name: 'test-after-commit',
      types: ['test.thing.changed'],
      handler: async (event) => {
        // The change the event describes is visible to the subscriber: delivery is after commit.
        const stored = await database.db.selectFrom('domain_events').select('id').where('unit_id', '=', event.unitId).where('id', '=', event.id).executeTakeFirst()
        expect(stored?.id).toBe(event.id)
        expect(committed).toBe(true)
        seen.push(event)
      },
    })
    await jobs.start()

    let rolledBackId = ''
    await expect(
      database.db.transaction().execute(async (trx) => {
        rolledBackId = (await events.emit(trx, { type: 'test.thing.changed', unitId, subjectId: 'rolled-back', payload: { code: 'R' } })).id
        throw new Error('the change fails')
      }),
    ).rejects.toThrow('the change fails')

    const emitted = await database.db.transaction().execute(async (trx) => {
      const event = await events.emit(trx, { type: 'test.thing.changed', unitId, subjectId: 'kept', payload: { code: 'K' }, actorId: null })
      await sleep(700) // a poll passes while the transaction is still open: nothing is delivered yet
      expect(seen).toEqual([])
      committed = true
      return event
    })
    await until(() => seen.length === 1)
    await sleep(1200)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ id: emitted.id, type: 'test.thing.changed', unitId, subjectId: 'kept', payload: { code: 'K' } })
    const rolledBack = await database.db.selectFrom('domain_events').select('id').where('id', '=', rolledBackId).execute()
    expect(rolledBack).toEqual([])
    await jobs.stop()
  })

  it('delivers to every subscriber of the type once, even when the emit is repeated with the same id', async () => {
    const { jobs, events } = newBus()
    const a: string[] = []
    const b: string[] = []
    const other: string[] = []
    events.subscribe({ name: 'test-fan-a', types: ['test.fan.out'], handler: async (event) => void a.push(event.id) })
    events.subscribe({ name: 'test-fan-b', types: ['test.fan.out', 'test.fan.other'], handler: async (event) => void b.push(event.id) })
    events.subscribe({ name: 'test-fan-other', types: ['test.fan.other'], handler: async (event) => void other.push(event.id) })
    await jobs.start()
    const id = randomUUID()
    await Promise.all(
      Array.from({ length: 5 }, () => database.db.transaction().execute((trx) => events.emit(trx, { id, type: 'test.fan.out', unitId, payload: { n: 1 } }))),
    )
    await database.db.transaction().execute((trx) => events.emit(trx, { id, type: 'test.fan.out', unitId, payload: { n: 1 } }))
    await until(() => a.length === 1 && b.length === 1)
    await sleep(1200)
    expect(a).toEqual([id])
    expect(b).toEqual([id])
    expect(other).toEqual([])
    const rows = await database.db.selectFrom('domain_events').select('id').where('id', '=', id).execute()
    expect(rows).toHaveLength(1)
    await jobs.stop()
  })

  it('retries a throwing subscriber and parks it with its error, while the others still receive the event', async () => {
    const { jobs, events } = newBus()
    const attempts: number[] = []
    const healthy: string[] = []
    events.subscribe({
      name: 'test-broken',
      types: ['test.retry.me'],
      handler: async (_event, delivery) => {
        attempts.push(delivery.attempt)
        throw new Error('the mail server refused the message')
      },
      options: { retryLimit: 2, retryDelay: 0, retryBackoff: false },
    })
    events.subscribe({ name: 'test-healthy', types: ['test.retry.me'], handler: async (event) => void healthy.push(event.id) })
    await jobs.start()
    const event = await database.db.transaction().execute((trx) => events.emit(trx, { type: 'test.retry.me', unitId }))
    await until(() => healthy.length === 1)
    await until(async () => (await jobs.failedJobs()).some((job) => job.name === 'event.test-broken'), 20_000)
    expect(attempts).toEqual([1, 2, 3])
    expect(healthy).toEqual([event.id])
    expect((await jobs.failedJobs()).find((job) => job.name === 'event.test-broken')).toMatchObject({ error: 'the mail server refused the message', attempts: 3 })
    await jobs.stop()
  })

  it('refuses malformed types and duplicate subscribers, and schedules the nightly prune', async () => {
    const { jobs, events } = newBus()
    expect(() => events.subscribe({ name: 'test-bad', types: ['NotAType'], handler: async () => {} })).toThrow(/invalid event type/)
    events.subscribe({ name: 'test-once', types: ['test.once.only'], handler: async () => {} })
    expect(() => events.subscribe({ name: 'test-once', types: ['test.once.only'], handler: async () => {} })).toThrow(/already registered/)
    await expect(database.db.transaction().execute((trx) => events.emit(trx, { type: 'no dots', unitId }))).rejects.toThrow(/invalid event type/)
    expect(events.subscribersOf('test.once.only')).toEqual(['event.test-once'])
    await jobs.start()
    const { rows } = await sql<{ cron: string; timezone: string }>`select cron, timezone from pgboss.schedule where name = ${PRUNE_QUEUE}`.execute(database.db)
    expect(rows).toEqual([{ cron: '0 2 * * *', timezone: 'Asia/Ho_Chi_Minh' }])
    await jobs.stop()
  })
})
