/**
 * Child processes of a benchmark run: servers and load generators. Every child is started in its
 * own process group and registered here, so the orchestrator can end all of them (SIGTERM, then
 * SIGKILL) at the end of the run, on an error, on Ctrl-C or when the time budget runs out.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const live = new Set<ChildProcess>()

export interface Spawned {
  child: ChildProcess
  /** performance.now() just before spawn(). */
  spawnedAt: number
  /** The last few KB of stdout+stderr, for error messages. */
  output(): string
  /** Resolves with the exit code (or signal name) once the process has exited. */
  exited: Promise<number | string>
  hasExited(): boolean
}

/** Variables read by server/config.ts; cleared so the caller's shell cannot change what is measured. */
const SERVER_CONFIG_VARS = [
  'NODE_ENV', 'PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'DATABASE_POOL_SIZE', 'SEED_DEMO', 'SESSION_SECRET',
  'COOKIE_SECURE', 'SESSION_IDLE_MINUTES', 'SESSION_MAX_HOURS', 'SIGN_IN_DELAY_BASE_MS', 'SIGN_IN_LOCK_AFTER',
  'SIGN_IN_LOCK_MINUTES', 'PUBLIC_RATE_LIMIT_PER_MINUTE', 'BODY_LIMIT_BYTES', 'LOG_LEVEL', 'WEB_DIST_DIR', 'TRUST_PROXY',
  'AUDIT_SIGNING_KEY', 'AUDIT_VERIFY_KEY', 'AUDIT_CHECKPOINT_DIR', 'AUDIT_CHECKPOINT_MINUTES',
]

/** The secret every bench server keys session hashes with (the raw-driver baseline needs it too). */
export const BENCH_SESSION_SECRET = 'bench-only-session-secret-0123456789abcdef'

/** Environment of a server child: the real server's configuration for benchmarking. */
export function serverEnv(port: number, databaseUrl: string | null): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of SERVER_CONFIG_VARS) delete env[name]
  const scratch = path.join(os.tmpdir(), 'cchc-bench')
  return {
    ...env,
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    LOG_LEVEL: 'warn',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
    SESSION_SECRET: BENCH_SESSION_SECRET,
    // No web build there: the server only answers /api.
    WEB_DIST_DIR: path.join(scratch, 'no-web-dist'),
    DATA_DIR: path.join(scratch, 'data'),
  }
}

/**
 * Starts `node --import tsx <script>` in its own process group (the load generator).
 */
export function spawnTsx(repoRoot: string, script: string, env: NodeJS.ProcessEnv, args: string[] = []): Spawned {
  return spawnNode(repoRoot, ['--import', 'tsx', script, ...args], env)
}

/**
 * Starts `node <nodeArgs…>` in its own process group: the real server as production runs it
 * (`node --enable-source-maps dist/server/start.js`, compiled by scripts/build-server.mjs) and the
 * baselines as plain TypeScript files through Node 22's built-in type stripping (no loader).
 */
export function spawnNode(repoRoot: string, nodeArgs: string[], env: NodeJS.ProcessEnv): Spawned {
  let tail = ''
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8192)
  }
  const spawnedAt = performance.now()
  const child = spawn(process.execPath, nodeArgs, {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  live.add(child)
  let done = false
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      done = true
      live.delete(child)
      resolve(code ?? signal ?? 'unknown')
    })
    child.once('error', (error) => {
      done = true
      live.delete(child)
      tail += `\n[spawn error] ${error.message}`
      resolve('spawn-error')
    })
  })
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return { child, spawnedAt, output: () => tail, exited, hasExited: () => done }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return
  try {
    process.kill(-child.pid, signal) // the whole group: the child and anything it started
  } catch {
    try {
      child.kill(signal)
    } catch {
      /* already gone */
    }
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export async function stop(spawned: Spawned, graceMs = 12_000): Promise<void> {
  if (spawned.hasExited()) return
  signalGroup(spawned.child, 'SIGTERM')
  const timer = setTimeout(() => signalGroup(spawned.child, 'SIGKILL'), graceMs)
  await spawned.exited
  clearTimeout(timer)
}

/** Ends every child still running (SIGTERM, SIGKILL after 3 s). */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((child) => {
    const exited = new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
    })
    signalGroup(child, 'SIGTERM')
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 3000)
    return exited.finally(() => clearTimeout(timer))
  }))
}

/** Last resort from a synchronous `exit` handler: SIGKILL whatever is left. */
export function killAllSync(): void {
  for (const child of live) signalGroup(child, 'SIGKILL')
}

/**
 * CPU time (user + system, milliseconds) a process has used so far, from /proc; null where
 * /proc is not available. USER_HZ is 100 on Linux, so the resolution is 10 ms.
 */
export function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which is in parentheses and may hold spaces): state is field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10 // utime (14) + stime (15)
  } catch {
    return null
  }
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))))
    })
  })
}
