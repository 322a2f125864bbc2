/**
 * `npm run bench` — measures the real server against baselines measured in the same run.
 *
 *   npm run bench                 every case
 *   npm run bench -- me-agency    only the named case(s)
 *
 * Creates a dedicated PostgreSQL database (bench/lib/db.ts), runs each case of CASES in order,
 * prints human-readable progress, and ends with exactly one JSON line:
 *   {"benchmarks":[{"name":…,"value":…,"unit":…,"baseline":…,"ratio":…}, …]}
 * Every child process is ended at the end, on error, on Ctrl-C and when the time budget
 * (BENCH_BUDGET_SECONDS, default 540) runs out. To add a benchmark, add one file under
 * bench/cases/ exporting a BenchCase and list it in CASES.
 *
 * Environment: DATABASE_URL (PostgreSQL server; default postgres://postgres@127.0.0.1:5432),
 * BENCH_DB_NAME (default cchc_bench), BENCH_KEEP_DB=1 (keep the database afterwards),
 * BENCH_CONNECTIONS / BENCH_DURATION_SECONDS / BENCH_WARMUP_SECONDS (default 20 / 10 / 3),
 * CCHC_DEMO_PASSWORD (the demo users' password, default demo12345).
 */
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { meAgencyCase } from './cases/me-agency.ts'
import { startupCase } from './cases/startup.ts'
import { deadlinesCase } from './cases/deadlines.ts'
import { catalogueSearchCase } from './cases/catalogue-search.ts'
import { jobsCase } from './cases/jobs.ts'
import { benchDatabase, dropDatabase, recreateDatabase } from './lib/db.ts'
import { killAllSync, stopAll } from './lib/processes.ts'
import type { BenchCase, BenchContext, BenchEntry } from './lib/types.ts'

/** In order: startup runs first, so its first start is the one on the empty database. */
const CASES: BenchCase[] = [startupCase, meAgencyCase, deadlinesCase, catalogueSearchCase, jobsCase]

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const startedAt = Date.now()
const budgetSeconds = Number(process.env.BENCH_BUDGET_SECONDS ?? 540)
const deadline = startedAt + budgetSeconds * 1000

const log = (message: string) => console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(1).padStart(5)} s] ${message}`)

// Hard bound: whatever happens, nothing outlives the budget by more than 30 s.
const watchdog = setTimeout(() => {
  console.error(`bench: time budget of ${budgetSeconds} s exceeded; stopping everything`)
  killAllSync()
  process.exit(124)
}, (budgetSeconds + 30) * 1000)
watchdog.unref()
process.on('exit', killAllSync)
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`bench: ${signal}; stopping everything`)
    killAllSync()
    process.exit(130)
  })
}

function selectCases(ids: string[]): BenchCase[] {
  if (ids.length === 0) return CASES
  const unknown = ids.filter((id) => !CASES.some((c) => c.id === id))
  if (unknown.length) throw new Error(`unknown case(s) ${unknown.join(', ')}; known: ${CASES.map((c) => c.id).join(', ')}`)
  return CASES.filter((c) => ids.includes(c.id))
}

function table(entries: BenchEntry[]): string {
  const rows = [['name', 'value', 'unit', 'baseline', 'ratio'], ...entries.map((e) => [e.name, String(e.value), e.unit, String(e.baseline ?? '–'), String(e.ratio ?? '–')])]
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)))
  return rows.map((r) => r.map((cell, i) => (i === 0 || i === 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')).join('\n')
}

async function main(): Promise<number> {
  const cases = selectCases(process.argv.slice(2))
  const database = benchDatabase()
  const entries: BenchEntry[] = []
  const failed: string[] = []
  try {
    const pgVersion = await recreateDatabase(database)
    log(`machine: ${os.availableParallelism()} CPU(s) ${os.cpus()[0]?.model ?? ''}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, PostgreSQL ${pgVersion}`)
    log(`load average before the run: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (1/5/15 min; other work on the machine skews every figure)`)
    log(`database ${database.describe} (dropped and created for this run)${database.isLocal ? '' : ' — NOT local: network latency is included'}`)
    // The real server runs as production runs it: the compiled dist/ of the current sources.
    log('compiling the server (scripts/build-server.mjs → dist/)')
    const build = spawnSync(process.execPath, ['scripts/build-server.mjs'], { cwd: repoRoot, stdio: 'inherit' })
    if (build.status !== 0) throw new Error(`scripts/build-server.mjs failed (exit ${build.status})`)
    const ctx: BenchContext = { databaseUrl: database.url, repoRoot, deadline, log }
    for (const benchCase of cases) {
      if (Date.now() > deadline) {
        log(`skipping ${benchCase.id}: time budget used up`)
        failed.push(benchCase.id)
        continue
      }
      log(`── ${benchCase.id}: ${benchCase.title}`)
      try {
        entries.push(...(await benchCase.run(ctx)))
      } catch (error) {
        failed.push(benchCase.id)
        console.error(`bench: case ${benchCase.id} failed: ${error instanceof Error ? error.message : String(error)}`)
      } finally {
        await stopAll()
      }
    }
  } finally {
    await stopAll()
    if (process.env.BENCH_KEEP_DB !== '1') await dropDatabase(database).catch((error: Error) => console.error(`bench: could not drop ${database.name}: ${error.message}`))
  }
  log(`load average after the run: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`)
  log(`done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s${failed.length ? `; FAILED: ${failed.join(', ')}` : ''}`)
  console.log(table(entries))
  console.log(JSON.stringify({ benchmarks: entries }))
  return failed.length ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error)
    killAllSync()
    console.log(JSON.stringify({ benchmarks: [] }))
    process.exit(1)
  },
)
