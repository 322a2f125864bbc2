import { describe, expect, it } from 'vitest'
import { fixedClock } from '../clock.ts'
import { createReadCache, invalidateReadCaches } from './read-cache.ts'

function counter<V>(value: V | null) {
  let calls = 0
  return {
    load: async () => {
      calls++
      return value
    },
    get calls() {
      return calls
    },
  }
}

describe('read cache', () => {
  it('answers from memory until the entry is older than ttlMs by the injected clock', async () => {
    const clock = fixedClock('2026-12-03T08:00:00+07:00')
    const cache = createReadCache<string, string>({ name: 't', subjects: ['user'], ttlMs: 5000, clock })
    const source = counter('a')
    expect(await cache.get('k', source.load)).toBe('a')
    expect(await cache.get('k', source.load)).toBe('a')
    expect(source.calls).toBe(1)
    clock.advance(4999)
    await cache.get('k', source.load)
    expect(source.calls).toBe(1)
    clock.advance(1)
    await cache.get('k', source.load)
    expect(source.calls).toBe(2)
    cache.dispose()
  })

  it('never caches a null answer (an unknown credential asks the database every time)', async () => {
    const cache = createReadCache<string, string>({ name: 't', subjects: ['user'], ttlMs: 5000, clock: fixedClock('2026-12-03T00:00:00Z') })
    const source = counter<string>(null)
    expect(await cache.get('k', source.load)).toBeNull()
    expect(await cache.get('k', source.load)).toBeNull()
    expect(source.calls).toBe(2)
    cache.dispose()
  })

  it('is emptied by an audited change of one of its subjects, and only of those', async () => {
    const clock = fixedClock('2026-12-03T00:00:00Z')
    const users = createReadCache<string, string>({ name: 'users', subjects: ['user', 'session'], ttlMs: 60_000, clock })
    const agencies = createReadCache<string, string>({ name: 'agencies', subjects: ['agency'], ttlMs: 60_000, clock })
    await users.get('u', async () => 'u1')
    await agencies.get('a', async () => 'a1')
    invalidateReadCaches('session')
    expect(users.size).toBe(0)
    expect(agencies.size).toBe(1)
    expect(await users.get('u', async () => 'u2')).toBe('u2')
    users.dispose()
    agencies.dispose()
  })

  it('does not store an answer whose load started before an invalidation', async () => {
    const clock = fixedClock('2026-12-03T00:00:00Z')
    const cache = createReadCache<string, string>({ name: 't', subjects: ['user'], ttlMs: 60_000, clock })
    let release!: () => void
    const slow = cache.get('k', () => new Promise<string>((resolve) => (release = () => resolve('old'))))
    invalidateReadCaches('user')
    release()
    expect(await slow).toBe('old')
    expect(cache.size).toBe(0)
    expect(await cache.get('k', async () => 'new')).toBe('new')
    cache.dispose()
  })

  it('shares one load between concurrent misses of one key', async () => {
    const cache = createReadCache<string, number>({ name: 't', subjects: [], ttlMs: 1000, clock: fixedClock('2026-12-03T00:00:00Z') })
    const source = counter(7)
    const answers = await Promise.all(Array.from({ length: 20 }, () => cache.get('k', source.load)))
    expect(answers).toEqual(Array(20).fill(7))
    expect(source.calls).toBe(1)
    cache.dispose()
  })

  it('drops the oldest entry beyond maxEntries, and with ttlMs 0 always loads', async () => {
    const clock = fixedClock('2026-12-03T00:00:00Z')
    const cache = createReadCache<number, number>({ name: 't', subjects: [], ttlMs: 1000, clock, maxEntries: 3 })
    for (const key of [1, 2, 3, 4]) await cache.get(key, async () => key)
    expect(cache.size).toBe(3)
    const reloaded = counter(1)
    await cache.get(1, reloaded.load)
    expect(reloaded.calls).toBe(1)
    cache.dispose()

    const off = createReadCache<string, number>({ name: 'off', subjects: ['user'], ttlMs: 0, clock })
    const source = counter(1)
    await off.get('k', source.load)
    await off.get('k', source.load)
    expect(source.calls).toBe(2)
    expect(off.size).toBe(0)
  })

  it('does not cache a failed load', async () => {
    const cache = createReadCache<string, string>({ name: 't', subjects: [], ttlMs: 1000, clock: fixedClock('2026-12-03T00:00:00Z') })
    await expect(cache.get('k', async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down')
    expect(await cache.get('k', async () => 'ok')).toBe('ok')
    cache.dispose()
  })
})
