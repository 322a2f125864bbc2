/**
 * Short-lived, in-process read caches for answers that every request needs and that change
 * rarely: the actor behind a session or an API token, the signed-in official's agency (ADR 0018).
 *
 * - An entry lives at most `ttlMs` by the injected clock (tests that move the clock expire it).
 * - Every audited change invalidates, in the writing process, each cache that names the change's
 *   subject type: `recordAudit` calls `invalidateReadCaches(subjectType)`. Every write of the data
 *   these caches hold is audited in the same transaction (ADR 0006), so nothing is missed; the
 *   invalidation runs just before the commit, so a read that overlaps the commit can still cache
 *   the old answer, for at most `ttlMs`.
 * - Other server processes learn of a change when their entry expires: `ttlMs` bounds how long a
 *   revoked session, a removed role or a renamed agency can still be seen there.
 * - Bounded in size (oldest entries dropped first); `ttlMs = 0` turns a cache off.
 * - Concurrent misses for one key share one load, so a burst of requests costs one query.
 */
import type { Clock } from '../clock.ts'

export interface ReadCacheOptions {
  /** For logs and tests. */
  name: string
  /** Audit subject types (`AuditInput.subjectType`) whose changes empty this cache. */
  subjects: readonly string[]
  ttlMs: number
  clock: Clock
  /** Most entries kept; the oldest go first (default 10,000). */
  maxEntries?: number
}

interface Entry<V> {
  value: V
  expiresAt: number
}

export interface ReadCache<K, V> {
  readonly name: string
  /** The cached answer, or `load()`'s (cached unless it is `null`). */
  get(key: K, load: () => Promise<V | null>): Promise<V | null>
  clear(): void
  readonly size: number
  /** Stops listening for invalidations (the app's close hook). */
  dispose(): void
}

const live = new Set<{ subjects: readonly string[]; clear(): void }>()

/** Empties every cache of this process that holds data of `subjectType`. */
export function invalidateReadCaches(subjectType: string): void {
  for (const cache of live) if (cache.subjects.includes(subjectType)) cache.clear()
}

export function createReadCache<K, V>({ name, subjects, ttlMs, clock, maxEntries = 10_000 }: ReadCacheOptions): ReadCache<K, V> {
  const entries = new Map<K, Entry<V>>()
  const loading = new Map<K, Promise<V | null>>()
  // Bumped by every invalidation: a load that started before it must not store its answer.
  let generation = 0

  const clear = () => {
    generation++
    entries.clear()
    loading.clear()
  }
  const registration = { subjects, clear }
  if (ttlMs > 0) live.add(registration)

  return {
    name,
    async get(key, load) {
      if (ttlMs <= 0) return load()
      const now = clock.now().getTime()
      const hit = entries.get(key)
      if (hit && hit.expiresAt > now) return hit.value
      if (hit) entries.delete(key)
      const pending = loading.get(key)
      if (pending) return pending
      const startedIn = generation
      const promise = load().then(
        (value) => {
          if (loading.get(key) === promise) loading.delete(key)
          if (value !== null && generation === startedIn) {
            if (entries.size >= maxEntries) {
              const oldest = entries.keys().next()
              if (!oldest.done) entries.delete(oldest.value)
            }
            entries.set(key, { value, expiresAt: clock.now().getTime() + ttlMs })
          }
          return value
        },
        (error: unknown) => {
          if (loading.get(key) === promise) loading.delete(key)
          throw error
        },
      )
      loading.set(key, promise)
      return promise
    },
    clear,
    get size() {
      return entries.size
    },
    dispose() {
      live.delete(registration)
      clear()
    },
  }
}
