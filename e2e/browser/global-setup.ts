/**
 * Global setup of the browser tests: builds what is missing or stale (`node scripts/build-if-stale.mjs`:
 * web/dist and dist/, as `npm start` does, so a clean clone works and a built tree is reused), starts
 * `node dist/server/start.js` on a free port with a fresh temporary DATA_DIR (embedded database, demo
 * data seeded) and exports its address as CCHC_BASE_URL for the tests. The returned teardown stops
 * the whole server process group and removes the data folder. E2E_SKIP_BUILD=1 skips the build step.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const ARTIFACTS = path.join(ROOT, 'e2e', 'artifacts')
const START_GIVE_UP_MS = 120_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => (port ? resolve(port) : reject(new Error('no free port'))))
    })
  })
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (!child.pid) return
  try {
    process.kill(-child.pid, signal)
  } catch {
    // already gone
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.mkdirSync(ARTIFACTS, { recursive: true })
  const madeDirs: string[] = []

  if (process.env.E2E_SKIP_BUILD !== '1') {
    const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, encoding: 'utf8' })
    const output = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim()
    if (build.status !== 0) throw new Error(`build failed (scripts/build-if-stale.mjs):\n${output.split('\n').slice(-20).join('\n')}`)
    for (const line of output.split('\n')) if (/^(web app|server): /.test(line)) console.log(`# ${line}`)
  }
  const compiled = path.join(ROOT, 'dist', 'server', 'start.js')
  if (!fs.existsSync(compiled)) throw new Error(`${path.relative(ROOT, compiled)} is missing (run node scripts/build-if-stale.mjs)`)

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cchc-browser-data-'))
  madeDirs.push(dataDir)
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const logFile = path.join(ARTIFACTS, 'browser-server.log')
  const log = fs.openSync(logFile, 'w')
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'development', SEED_DEMO: 'true' }
  delete env.DATABASE_URL // the embedded database in the fresh DATA_DIR
  delete env.WEB_DIST_DIR // the web/dist just built
  const server = spawn(process.execPath, ['--enable-source-maps', compiled], { cwd: ROOT, env, stdio: ['ignore', log, log], detached: true })
  fs.closeSync(log)
  let exited = false
  server.once('exit', () => {
    exited = true
  })
  const killOnExit = () => signalGroup(server, 'SIGKILL')
  process.on('exit', killOnExit)

  const teardown = async () => {
    process.off('exit', killOnExit)
    if (!exited) {
      const done = new Promise<void>((resolve) => server.once('exit', () => resolve()))
      signalGroup(server, 'SIGTERM')
      if (!(await Promise.race([done.then(() => true), sleep(12_000).then(() => false)]))) signalGroup(server, 'SIGKILL')
    }
    if (server.pid) for (let i = 0; i < 50 && groupAlive(server.pid); i++) await sleep(100)
    for (const dir of madeDirs) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 })
  }

  const startedAt = Date.now()
  let ready = false
  while (Date.now() - startedAt < START_GIVE_UP_MS && !exited) {
    try {
      const health = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2_000) })
      if (health.status === 200) {
        const portal = await fetch(`${base}/`, { signal: AbortSignal.timeout(5_000) })
        if (portal.status === 200 && /<html/i.test(await portal.text())) {
          ready = true
          break
        }
      }
    } catch {
      // not listening yet
    }
    await sleep(200)
  }
  if (!ready) {
    const tail = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-25).join('\n')
    await teardown()
    throw new Error(`the server did not start (${exited ? 'it exited' : 'no answer'}); log tail:\n${tail}`)
  }
  process.env.CCHC_BASE_URL = base
  return teardown
}
