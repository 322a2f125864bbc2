/** Shapes shared by the orchestrator (bench/run.ts) and the cases (bench/cases/*.ts). */

/** One line of the final JSON: a measured value against a baseline measured in the same run. */
export interface BenchEntry {
  name: string
  value: number
  unit: string
  /** The same measurement on a reference (bare Fastify, raw driver…); null when there is none. */
  baseline: number | null
  /** value / baseline; null without a baseline. */
  ratio: number | null
}

export interface BenchContext {
  /** postgres:// URL of the dedicated, freshly created benchmark database. */
  databaseUrl: string
  /** Absolute path of the repository (the cwd of every child process). */
  repoRoot: string
  /** Epoch ms after which a case must not start new work (the run has a fixed time budget). */
  deadline: number
  /** Human-readable progress (stdout; never the last line). */
  log(message: string): void
}

/**
 * A benchmark: one file under bench/cases/, listed in bench/run.ts. It starts what it needs
 * through bench/lib (processes are always killed by the orchestrator, also on error) and returns
 * its entries. Every loop and load inside must have a fixed duration.
 */
export interface BenchCase {
  /** Short id, usable in `npm run bench -- <id>` to run only some cases. */
  id: string
  title: string
  run(ctx: BenchContext): Promise<BenchEntry[]>
}
