/**
 * Load generator, run as its own process by bench/lib/load.ts (never inside the orchestrator).
 * Loads one or more targets with autocannon: first a warm-up of each, then ROUNDS rounds in which
 * each target gets its share of the measured duration in turn. Alternating targets spreads
 * whatever else the machine is doing evenly over the route and its baselines. Prints one JSON
 * line on stdout: { [label]: LoadResult }.
 *
 *   BENCH_LOAD_SPEC='{"targets":[{"label":"bare","url":"http://127.0.0.1:1234/api/health"}],
 *     "connections":20,"durationSeconds":10,"warmupSeconds":3,"rounds":2}' node --import tsx bench/lib/load-worker.ts
 *
 * (The spec travels in the environment, not argv: it may carry a session cookie.)
 * Latency percentiles come from every 2xx response time (sub-millisecond resolution); autocannon's
 * own histogram keeps whole milliseconds only and has no p95.
 */
import { createRequire } from 'node:module'
import { percentileOfSorted, round } from './stats.ts'

export interface LoadTarget {
  label: string
  url: string
  headers?: Record<string, string>
}

export interface LoadSpec {
  targets: LoadTarget[]
  /** Concurrent connections (autocannon -c). */
  connections: number
  /** Measured seconds per target, split over the rounds. */
  durationSeconds: number
  /** Unmeasured seconds per target before the first round. */
  warmupSeconds: number
  rounds: number
}

export interface LoadResult {
  url: string
  connections: number
  /** Measured seconds (sum over rounds). */
  durationSeconds: number
  /** Completed requests per second over the measured seconds. */
  rps: number
  requests: number
  /** Requests completed during the warm-up (not in the figures above; for per-request CPU cost). */
  warmupRequests: number
  non2xx: number
  errors: number
  timeouts: number
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number }
}

interface AutocannonResult {
  /** Per-second request counts; `total` is every completed request. */
  requests: { average: number; total: number }
  non2xx: number
  errors: number
  timeouts: number
  duration: number
}
interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'response', listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void): void
}
type Autocannon = (options: Record<string, unknown>) => AutocannonInstance

// autocannon ships no type declarations; it is loaded through require and typed above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon

async function runOnce(target: LoadTarget, connections: number, seconds: number, latencies: number[] | null): Promise<AutocannonResult> {
  const instance = autocannon({
    url: target.url,
    connections,
    duration: seconds,
    headers: target.headers ?? {},
    renderProgressBar: false,
    renderResultsTable: false,
    renderLatencyTable: false,
  })
  if (latencies) {
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime)
    })
  }
  return await instance
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.env.BENCH_LOAD_SPEC ?? '') as LoadSpec
  for (const target of spec.targets) {
    const host = new URL(target.url).hostname
    if (host !== '127.0.0.1') throw new Error(`load only targets 127.0.0.1, got ${host}`)
  }
  const warmupRequests: number[] = []
  for (const target of spec.targets) {
    warmupRequests.push(spec.warmupSeconds > 0 ? (await runOnce(target, spec.connections, spec.warmupSeconds, null)).requests.total : 0)
  }

  const rounds = Math.max(1, spec.rounds)
  const perRound = Math.max(1, Math.round(spec.durationSeconds / rounds))
  const totals = spec.targets.map(() => ({ latencies: [] as number[], seconds: 0, requests: 0, non2xx: 0, errors: 0, timeouts: 0 }))
  for (let r = 0; r < rounds; r++) {
    for (const [i, target] of spec.targets.entries()) {
      const total = totals[i]!
      const result = await runOnce(target, spec.connections, perRound, total.latencies)
      total.seconds += result.duration
      total.requests += result.requests.total
      total.non2xx += result.non2xx
      total.errors += result.errors
      total.timeouts += result.timeouts
    }
  }

  const output: Record<string, LoadResult> = {}
  for (const [i, target] of spec.targets.entries()) {
    const total = totals[i]!
    const sorted = Float64Array.from(total.latencies).sort()
    const mean = total.latencies.reduce((sum, value) => sum + value, 0) / (total.latencies.length || 1)
    output[target.label] = {
      url: target.url,
      connections: spec.connections,
      durationSeconds: round(total.seconds, 2),
      rps: round(total.requests / total.seconds, 1),
      requests: total.requests,
      warmupRequests: warmupRequests[i] ?? 0,
      non2xx: total.non2xx,
      errors: total.errors,
      timeouts: total.timeouts,
      latencyMs: {
        mean: round(mean, 3),
        p50: round(percentileOfSorted(sorted, 50), 3),
        p95: round(percentileOfSorted(sorted, 95), 3),
        p99: round(percentileOfSorted(sorted, 99), 3),
        max: round(sorted[sorted.length - 1] ?? Number.NaN, 3),
      },
    }
  }
  process.stdout.write(`${JSON.stringify(output)}\n`)
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
