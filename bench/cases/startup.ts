/**
 * Time from start to healthy: milliseconds from spawning `node dist/server/start.js` (the compiled
 * server, as `npm start` runs it) until GET /api/health first answers 200 (polled every 25 ms).
 *
 * - first_start_to_healthy: on the empty benchmark database (migrations + demo seed), once.
 * - restart_to_healthy: on the migrated, seeded database; median of RESTARTS starts.
 * Baseline of both: the median start of bench/bare-server.ts on plain `node` (type stripping), after
 * one unmeasured start that warms the file system cache like the real server's first start does.
 * Real and bare starts alternate so that drift on the machine hits both alike.
 */
import { startServer } from '../lib/server.ts'
import { entry, median, round } from '../lib/stats.ts'
import type { BenchCase, BenchContext } from '../lib/types.ts'

const RESTARTS = 3
/** Targets: a restart within 3× bare Fastify's start, a first start within 5×. */
const RESTART_TARGET_RATIO = 3
const FIRST_START_TARGET_RATIO = 5

interface Start {
  ms: number
  cpuMs: number | null
}

async function timeStart(ctx: BenchContext, kind: 'cchc' | 'bare', timeoutMs: number): Promise<Start> {
  const server = await startServer(kind, { repoRoot: ctx.repoRoot, databaseUrl: ctx.databaseUrl, timeoutMs })
  await server.stop()
  return { ms: server.msToHealthy, cpuMs: server.cpuMsToHealthy }
}

export const startupCase: BenchCase = {
  id: 'startup',
  title: 'time from start to healthy',
  async run(ctx) {
    ctx.log('bare Fastify: one unmeasured start (warms the file system cache)')
    await timeStart(ctx, 'bare', 30_000)

    const firstStart = await timeStart(ctx, 'cchc', 120_000)
    const first = firstStart.ms
    ctx.log(`cchc first start (migrate + seed on an empty database): ${round(first)} ms`)

    const restartStarts: Start[] = []
    const bareStarts: Start[] = []
    for (let i = 1; i <= RESTARTS; i++) {
      restartStarts.push(await timeStart(ctx, 'cchc', 60_000))
      bareStarts.push(await timeStart(ctx, 'bare', 30_000))
      ctx.log(`start ${i}/${RESTARTS}: cchc restart ${round(restartStarts.at(-1)!.ms)} ms (${restartStarts.at(-1)!.cpuMs ?? '?'} ms CPU), bare Fastify ${round(bareStarts.at(-1)!.ms)} ms (${bareStarts.at(-1)!.cpuMs ?? '?'} ms CPU)`)
    }
    const restarts = restartStarts.map((s) => s.ms)
    const bare = bareStarts.map((s) => s.ms)
    const restart = round(median(restarts))
    const baseline = round(median(bare))
    // CPU time to healthy: what a start costs the machine, far less disturbed by other work than wall time.
    const cpu = (starts: Start[]) => (starts.every((s) => s.cpuMs !== null) ? round(median(starts.map((s) => s.cpuMs!))) : null)
    const restartCpu = cpu(restartStarts)
    const bareCpu = cpu(bareStarts)
    const met = (value: number, ratio: number) => (value <= ratio * baseline ? 'met' : 'NOT MET')
    ctx.log(`restart median ${restart} ms vs bare ${baseline} ms; target ≤ ${RESTART_TARGET_RATIO}×: ${met(restart, RESTART_TARGET_RATIO)}`)
    ctx.log(`first start ${round(first)} ms; target ≤ ${FIRST_START_TARGET_RATIO}×: ${met(first, FIRST_START_TARGET_RATIO)}`)
    return [
      entry('restart_to_healthy', restart, 'ms', baseline),
      entry('first_start_to_healthy', round(first), 'ms', baseline),
      ...(restartCpu !== null && bareCpu !== null ? [entry('restart_cpu_to_healthy', restartCpu, 'ms', bareCpu)] : []),
      ...(firstStart.cpuMs !== null && bareCpu !== null ? [entry('first_start_cpu_to_healthy', firstStart.cpuMs, 'ms', bareCpu)] : []),
    ]
  },
}
