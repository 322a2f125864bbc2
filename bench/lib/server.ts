/**
 * Starting the servers under test, all on 127.0.0.1, all answering GET /api/health, all on plain
 * `node` without a loader: the real server as production runs it (the compiled
 * `dist/server/start.js`, ADR 0016) and the baselines as TypeScript files through Node 22's
 * built-in type stripping.
 */
import { cpuMs, freePort, serverEnv, spawnNode, stop, type Spawned } from './processes.ts'
import { sleep } from './stats.ts'

export type ServerKind = 'cchc' | 'bare' | 'raw-pg'

const NODE_ARGS: Record<ServerKind, string[]> = {
  cchc: ['--enable-source-maps', 'dist/server/start.js'],
  bare: ['bench/bare-server.ts'],
  'raw-pg': ['bench/raw-pg-server.ts'],
}

export const HEALTH_PATH = '/api/health'
export const POLL_INTERVAL_MS = 25

export interface RunningServer {
  kind: ServerKind
  baseUrl: string
  /** Milliseconds from spawn() to the first 200 on GET /api/health. */
  msToHealthy: number
  /** CPU time (user + system, ms) the process had used at that moment; null without /proc. */
  cpuMsToHealthy: number | null
  spawned: Spawned
  stop(): Promise<void>
}

export interface StartOptions {
  repoRoot: string
  /** Database of the run (cchc and raw-pg); the bare server gets none. */
  databaseUrl: string
  /** Give up after this long (the first start migrates and seeds). */
  timeoutMs?: number
}

export async function startServer(kind: ServerKind, { repoRoot, databaseUrl, timeoutMs = 60_000 }: StartOptions): Promise<RunningServer> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const spawned = spawnNode(repoRoot, NODE_ARGS[kind], serverEnv(port, kind === 'bare' ? null : databaseUrl))
  try {
    const msToHealthy = await waitHealthy(baseUrl, spawned, timeoutMs)
    const cpuMsToHealthy = cpuMs(spawned.child.pid)
    return { kind, baseUrl, msToHealthy, cpuMsToHealthy, spawned, stop: () => stop(spawned) }
  } catch (error) {
    await stop(spawned, 3000)
    throw error
  }
}

/**
 * Polls GET /api/health every 25 ms from spawn until it answers 200; returns the milliseconds
 * since spawn. Fails when the process exits first or after `timeoutMs`.
 */
export async function waitHealthy(baseUrl: string, spawned: Spawned, timeoutMs: number): Promise<number> {
  const url = baseUrl + HEALTH_PATH
  let nextPoll = spawned.spawnedAt
  let lastStatus = 'no answer'
  while (performance.now() - spawned.spawnedAt < timeoutMs) {
    if (spawned.hasExited()) {
      throw new Error(`${url}: the server exited with ${await spawned.exited} before it was healthy\n--- its output ---\n${spawned.output()}`)
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) })
      await response.arrayBuffer()
      if (response.status === 200) return performance.now() - spawned.spawnedAt
      lastStatus = `HTTP ${response.status}`
    } catch (error) {
      lastStatus = (error as Error).cause ? String((error as { cause: unknown }).cause) : (error as Error).message
    }
    nextPoll += POLL_INTERVAL_MS
    const wait = nextPoll - performance.now()
    if (wait > 0) await sleep(wait)
    else nextPoll = performance.now()
  }
  throw new Error(`${url}: not healthy after ${timeoutMs} ms (last: ${lastStatus})\n--- server output ---\n${spawned.output()}`)
}

/** Signs in with user name and password; returns the `name=value` of the session cookie. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
    signal: AbortSignal.timeout(15_000),
  })
  const body = await response.text()
  if (response.status !== 200) throw new Error(`sign-in as ${username}: HTTP ${response.status} ${body.slice(0, 300)}`)
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .find((pair) => /^(__Host-)?cchc_session=/.test(pair))
  if (!cookie) throw new Error(`sign-in as ${username}: no cchc_session cookie in the answer`)
  return cookie
}

/** GET that must answer 200 with JSON; returns the parsed body. */
export async function getJson(url: string, headers: Record<string, string> = {}): Promise<unknown> {
  const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) })
  const body = await response.text()
  if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status} ${body.slice(0, 300)}`)
  return JSON.parse(body)
}
