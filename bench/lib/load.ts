/** Runs the load generator (bench/lib/load-worker.ts) as a separate process and reads its result. */
import type { LoadResult, LoadSpec, LoadTarget } from './load-worker.ts'
import { spawnTsx, stop } from './processes.ts'

export type { LoadResult, LoadSpec, LoadTarget }

export type LoadSettings = Omit<LoadSpec, 'targets'>

/** Connections, durations and rounds of every load, overridable for quick trials. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): LoadSettings {
  const int = (name: string, fallback: number, min: number, max: number) => {
    const value = Number(env[name] ?? fallback)
    if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}`)
    return value
  }
  return {
    connections: int('BENCH_CONNECTIONS', 20, 1, 1000),
    durationSeconds: int('BENCH_DURATION_SECONDS', 10, 1, 60),
    warmupSeconds: int('BENCH_WARMUP_SECONDS', 3, 0, 30),
    rounds: int('BENCH_ROUNDS', 2, 1, 10),
  }
}

/**
 * Loads every target (see load-worker.ts for the schedule) and returns the figures by label.
 * Throws when a target saw errors or non-2xx answers on more than 0.1 % of its requests: such
 * figures would not measure the route.
 */
export async function runLoad(repoRoot: string, targets: LoadTarget[], settings: LoadSettings): Promise<Record<string, LoadResult>> {
  const spec: LoadSpec = { targets, ...settings }
  const worker = spawnTsx(repoRoot, 'bench/lib/load-worker.ts', { ...process.env, BENCH_LOAD_SPEC: JSON.stringify(spec) })
  let stdout = ''
  worker.child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  // The worker stops on its own; this bound only catches a hang.
  const limitMs = (targets.length * (settings.warmupSeconds + settings.durationSeconds + 2 * settings.rounds) + 30) * 1000
  const timer = setTimeout(() => void stop(worker, 2000), limitMs)
  const code = await worker.exited
  clearTimeout(timer)
  const line = stdout.trim().split('\n').pop() ?? ''
  if (code !== 0 || !line.startsWith('{')) throw new Error(`load generator failed (${code})\n${worker.output()}`)
  const results = JSON.parse(line) as Record<string, LoadResult>
  for (const [label, result] of Object.entries(results)) {
    const bad = result.non2xx + result.errors
    if (result.requests === 0 || bad > result.requests / 1000) {
      throw new Error(`load on ${label} (${result.url}): ${result.non2xx} non-2xx and ${result.errors} errors out of ${result.requests} requests`)
    }
  }
  return results
}

/** Seconds a runLoad call with these settings takes for `targets` targets (for progress messages). */
export function loadSeconds(settings: LoadSettings, targets: number): number {
  return targets * (settings.warmupSeconds + settings.rounds * Math.max(1, Math.round(settings.durationSeconds / settings.rounds)))
}

export function describeLoad(label: string, result: LoadResult): string {
  const l = result.latencyMs
  return `${label}: ${result.rps} req/s, p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, max ${l.max} ms (${result.requests} requests in ${result.durationSeconds} s, -c ${result.connections})`
}
