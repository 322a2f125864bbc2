/**
 * Domain events through an outbox (ADR 0014, docs/plans/platform.md "Domain events").
 *
 * - `emit(trx, …)` writes the event to `domain_events` on the caller's transaction and, on that
 *   same transaction, enqueues one delivery job per subscriber of its type on the durable job
 *   queue (ADR 0010). The event and its deliveries therefore exist if and only if the change
 *   committed: a rolled-back change emits nothing, and nothing is delivered before the commit.
 * - Delivery is at least once: a handler that throws is retried with backoff and then parked with
 *   its error among the failed jobs (`GET /api/jobs/failed`); the other subscribers and events go
 *   on. Handlers must therefore be idempotent, keyed by the event's id.
 * - Each subscriber has its own queue (`event.<subscriber>`), and its delivery job has the
 *   singleton key `<event id>`, so one event reaches one subscriber once even when emit is retried
 *   with the same id.
 * - Job data carries identifiers only (unit, event id); the handler reads the event back from
 *   `domain_events` (distributed by `unit_id`, so that read reaches one shard).
 * - Events older than the retention are pruned by a daily schedule at 02:00 Asia/Ho_Chi_Minh.
 *
 * Subscriptions are declared while the application is built, before `jobs.start()`.
 */
import { randomUUID } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../db/schema.ts'
import type { JobLog, JobQueue, RegisterOptions } from '../jobs/job-queue.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Domain events (server/platform/events): emit in a transaction; subscribe before jobs start. */
    events: EventBus
  }
}

/** `module.subject.verb`, lower case: e.g. `procedure.version.published`. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/
const SUBSCRIBER_PATTERN = /^[a-z][a-z0-9_.-]{0,60}$/
export const PRUNE_QUEUE = 'events.prune'

export interface DomainEvent<P = unknown> {
  id: string
  type: string
  /** The administrative unit whose data changed (the distribution column). */
  unitId: string
  /** The changed thing's id (a procedure version, a dossier…), when there is one. */
  subjectId: string | null
  payload: P
  actorId: string | null
  occurredAt: Date
}

export interface EmitInput<P extends object = Record<string, unknown>> {
  type: string
  unitId: string
  subjectId?: string | null
  /** Identifiers and codes only: never personal data (it would outlive the change's own rules). */
  payload?: P
  actorId?: string | null
  /** A caller-chosen id makes a retried emit of the same change deliver once. */
  id?: string
}

export type EventHandler<P = unknown> = (event: DomainEvent<P>, delivery: { attempt: number }) => Promise<void>

export interface Subscription<P = unknown> {
  /** Stable name of the subscriber (its queue is `event.<name>`); never rename one with pending work. */
  name: string
  types: readonly string[]
  handler: EventHandler<P>
  options?: RegisterOptions
}

export interface EventBusOptions {
  db: Kysely<DB>
  jobs: JobQueue
  log: JobLog
  /** Days an event is kept after it occurred (default 90). */
  retentionDays?: number
}

interface DeliveryData {
  unitId: string
  eventId: string
}

export function createEventBus({ db, jobs, log, retentionDays = 90 }: EventBusOptions) {
  /** Event type → the subscribers' queue names. */
  const routes = new Map<string, string[]>()
  const names = new Set<string>()

  jobs.register<Record<string, never>>(
    PRUNE_QUEUE,
    async () => {
      const cutoff = new Date(Date.now() - retentionDays * 86_400_000)
      const result = await db.deleteFrom('domain_events').where('occurred_at', '<', cutoff).executeTakeFirst()
      return { pruned: Number(result.numDeletedRows) }
    },
    { retryLimit: 2, batchSize: 1 },
  )
  // Daily, at night in Viet Nam, when the counters are closed.
  jobs.schedule(PRUNE_QUEUE, '0 2 * * *')

  async function readEvent(unitId: string, id: string): Promise<DomainEvent | null> {
    const row = await db.selectFrom('domain_events').selectAll().where('unit_id', '=', unitId).where('id', '=', id).executeTakeFirst()
    if (!row) return null
    return {
      id: row.id,
      type: row.type,
      unitId: row.unit_id,
      subjectId: row.subject_id,
      payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
      actorId: row.actor_id,
      occurredAt: new Date(row.occurred_at),
    }
  }

  return {
    /** Declares a subscriber of one or more event types; call before the job queue starts. */
    subscribe<P = unknown>({ name, types, handler, options }: Subscription<P>): void {
      if (!SUBSCRIBER_PATTERN.test(name)) throw new Error(`invalid subscriber name ${name}`)
      if (names.has(name)) throw new Error(`subscriber ${name} is already registered`)
      if (types.length === 0) throw new Error(`subscriber ${name} names no event type`)
      for (const type of types) if (!EVENT_TYPE_PATTERN.test(type)) throw new Error(`invalid event type ${type}`)
      names.add(name)
      const queue = `event.${name}`
      jobs.register<DeliveryData>(
        queue,
        async (job) => {
          const event = await readEvent(job.data.unitId, job.data.eventId)
          if (!event) {
            // Pruned (older than the retention) before delivery: nothing left to deliver.
            log.warn({ queue, eventId: job.data.eventId }, 'event no longer stored; delivery skipped')
            return { skipped: true }
          }
          await handler(event as DomainEvent<P>, { attempt: job.retryCount + 1 })
          return {}
        },
        { retryLimit: 5, retryDelay: 5, retryBackoff: true, ...options },
      )
      for (const type of types) routes.set(type, [...(routes.get(type) ?? []), queue])
    },

    /**
     * Records the event in the caller's transaction and enqueues its deliveries there too. Answers
     * the stored event. With no subscriber of its type the event is only recorded.
     */
    async emit<P extends object>(trx: Transaction<DB>, input: EmitInput<P>): Promise<DomainEvent<P>> {
      if (!EVENT_TYPE_PATTERN.test(input.type)) throw new Error(`invalid event type ${input.type}`)
      const id = input.id ?? randomUUID()
      const payload = input.payload ?? ({} as P)
      const row = await trx
        .insertInto('domain_events')
        .values({
          unit_id: input.unitId,
          id,
          type: input.type,
          subject_id: input.subjectId ?? null,
          payload: JSON.stringify(payload),
          actor_id: input.actorId ?? null,
          occurred_at: sql<Date>`now()`,
        })
        // A retried emit with the same id records and delivers the event once.
        .onConflict((conflict) => conflict.columns(['unit_id', 'id']).doNothing())
        .returning(['occurred_at'])
        .executeTakeFirst()
      if (!row) {
        const stored = await trx.selectFrom('domain_events').select('occurred_at').where('unit_id', '=', input.unitId).where('id', '=', id).executeTakeFirstOrThrow()
        return { id, type: input.type, unitId: input.unitId, subjectId: input.subjectId ?? null, payload, actorId: input.actorId ?? null, occurredAt: new Date(stored.occurred_at) }
      }
      for (const queue of routes.get(input.type) ?? []) {
        await jobs.enqueue<DeliveryData>(trx, queue, { unitId: input.unitId, eventId: id }, { singletonKey: id })
      }
      return { id, type: input.type, unitId: input.unitId, subjectId: input.subjectId ?? null, payload, actorId: input.actorId ?? null, occurredAt: new Date(row.occurred_at) }
    },

    /** The subscribers' queue names for a type (for diagnostics and tests). */
    subscribersOf(type: string): readonly string[] {
      return routes.get(type) ?? []
    },
  }
}

export type EventBus = ReturnType<typeof createEventBus>
