/**
 * Authenticated read of the current user's agency: GET /api/me/agency with a session cookie
 * (signed in through POST /api/auth/sign-in), loaded by autocannon from a separate process.
 *
 * Baselines, loaded with the same settings by the same load process, in alternating rounds:
 * - bare: bare Fastify GET returning a small JSON (bench/bare-server.ts), the HTTP stack's ceiling;
 * - raw-pg: the same answer from one SQL statement through `pg` (bench/raw-pg-server.ts: session
 *   lookup joined with the agency), i.e. the database's share without the app's layers. Optional:
 *   when it cannot start or answers differently, its entries are left out with a warning.
 * All three servers run during the whole load; the ones not being loaded are idle.
 *
 * Also the server process's own CPU time per request (Linux /proc), which other work on the
 * machine distorts far less than throughput. For cchc and raw-pg it excludes PostgreSQL's share.
 */
import { describeLoad, loadSeconds, loadSettings, runLoad, type LoadTarget } from '../lib/load.ts'
import { cpuMs } from '../lib/processes.ts'
import { getJson, signIn, startServer, type RunningServer } from '../lib/server.ts'
import { entry, round } from '../lib/stats.ts'
import type { BenchCase, BenchEntry } from '../lib/types.ts'

const USERNAME = 'tiepnhan.binhlac'
const ROUTE = '/api/me/agency'

export const meAgencyCase: BenchCase = {
  id: 'me-agency',
  title: "authenticated read of the current user's agency",
  async run(ctx) {
    const settings = loadSettings()
    const password = process.env.CCHC_DEMO_PASSWORD ?? 'demo12345'
    const servers: RunningServer[] = []
    const start = async (kind: RunningServer['kind']) => {
      // Generous timeout: when this case runs alone on a fresh database, the first start seeds it.
      const server = await startServer(kind, { repoRoot: ctx.repoRoot, databaseUrl: ctx.databaseUrl, timeoutMs: 120_000 })
      servers.push(server)
      return server
    }
    try {
      const real = await start('cchc')
      const cookie = await signIn(real.baseUrl, USERNAME, password)
      const agency = (await getJson(real.baseUrl + ROUTE, { cookie })) as { id?: string; name?: string }
      if (!agency.id) throw new Error(`${ROUTE} answered without an id`)
      ctx.log(`signed in as ${USERNAME}; ${ROUTE} → ${agency.name ?? agency.id}`)

      const bare = await start('bare')
      const targets: LoadTarget[] = [
        { label: 'cchc', url: real.baseUrl + ROUTE, headers: { cookie } },
        { label: 'bare', url: `${bare.baseUrl}/api/health` },
      ]
      try {
        const raw = await start('raw-pg')
        const answer = (await getJson(raw.baseUrl + ROUTE, { cookie })) as { id?: string }
        if (answer.id !== agency.id) throw new Error(`it answered agency ${answer.id}, the server ${agency.id}`)
        targets.push({ label: 'raw-pg', url: raw.baseUrl + ROUTE, headers: { cookie } })
      } catch (error) {
        ctx.log(`WARNING: raw-pg baseline left out: ${(error as Error).message.split('\n')[0]}`)
      }

      ctx.log(`load: -c ${settings.connections}, ${settings.warmupSeconds} s warm-up then ${settings.durationSeconds} s in ${settings.rounds} rounds per target, targets alternating (~${loadSeconds(settings, targets.length)} s)`)
      const byLabel = new Map(servers.map((server) => [server.kind === 'cchc' ? 'cchc' : server.kind, server]))
      const cpuBefore = new Map(targets.map((t) => [t.label, cpuMs(byLabel.get(t.label)?.spawned.child.pid)]))
      const results = await runLoad(ctx.repoRoot, targets, settings)
      // CPU milliseconds per request (warm-up included on both sides); null without /proc.
      const cpuPerRequest = (label: string): number | null => {
        const before = cpuBefore.get(label)
        const after = cpuMs(byLabel.get(label)?.spawned.child.pid)
        const result = results[label]
        if (before == null || after == null || !result) return null
        return (after - before) / (result.requests + result.warmupRequests)
      }
      const cchc = results.cchc!
      const base = results.bare!
      ctx.log(describeLoad(`cchc ${ROUTE}`, cchc))
      ctx.log(describeLoad('bare Fastify GET (small JSON)', base))
      const rawResult = results['raw-pg']
      if (rawResult) ctx.log(describeLoad('raw pg, one SQL statement', rawResult))
      const cpu = { cchc: cpuPerRequest('cchc'), bare: cpuPerRequest('bare'), raw: cpuPerRequest('raw-pg') }
      const us = (value: number | null) => (value === null ? 'n/a' : `${round(value * 1000)} µs`)
      ctx.log(`server CPU per request: cchc ${us(cpu.cchc)}, bare ${us(cpu.bare)}, raw pg ${us(cpu.raw)} (server process only)`)

      const ms = (value: number) => round(value, 2)
      const entries: BenchEntry[] = [
        entry('me_agency_read_rps', round(cchc.rps), 'req/s', round(base.rps)),
        entry('me_agency_read_p95', ms(cchc.latencyMs.p95), 'ms', ms(base.latencyMs.p95)),
        entry('me_agency_read_p99', ms(cchc.latencyMs.p99), 'ms', ms(base.latencyMs.p99)),
      ]
      if (cpu.cchc !== null && cpu.bare !== null) entries.push(entry('me_agency_server_cpu_per_req', round(cpu.cchc, 3), 'ms', round(cpu.bare, 3)))
      if (rawResult) {
        entries.push(
          entry('me_agency_read_rps_vs_raw_pg', round(cchc.rps), 'req/s', round(rawResult.rps)),
          entry('me_agency_read_p99_vs_raw_pg', ms(cchc.latencyMs.p99), 'ms', ms(rawResult.latencyMs.p99)),
        )
      }
      return entries
    } finally {
      await Promise.all(servers.map((server) => server.stop()))
    }
  },
}
