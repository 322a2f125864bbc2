// `npm start`'s first step: builds what is missing or older than its sources, and skips the rest.
// - The web app (`vite build --config web/vite.config.ts` → web/dist/) when web/dist/index.html is
//   missing or older than the newest file under web/ (web/dist excluded) or package-lock.json.
// - The server (scripts/build-server.mjs → dist/) when dist/.built is missing or older than the
//   newest file under server/, contracts/ or scripts/, the tsconfig files or package-lock.json.
// Prints one line per part saying whether it skipped or built; exits non-zero when a build fails.
// Plain JavaScript with node: built-ins only, so the no-op case stays fast and needs no loader.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { BUILD_STAMP, DIST, ROOT, buildServer } from './build-server.mjs'

const SKIPPED_DIRS = new Set(['node_modules', '.vite', '.cache', 'dist', 'artifacts'])

function mtimeOf(file) {
  try {
    return fs.statSync(file).mtimeMs
  } catch {
    return null
  }
}

/** The newest file under the given paths (folders walked, skipping build output). */
function newest(paths) {
  let best = null
  const visit = (full) => {
    let stat
    try {
      stat = fs.statSync(full)
    } catch {
      return
    }
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(full)) if (!SKIPPED_DIRS.has(name)) visit(path.join(full, name))
    } else if (best === null || stat.mtimeMs > best.mtimeMs) {
      best = { file: full, mtimeMs: stat.mtimeMs }
    }
  }
  for (const p of paths) visit(p)
  return best
}

function staleReason(output, sources) {
  const builtAt = mtimeOf(output)
  if (builtAt === null) return `${path.relative(ROOT, output)} is missing`
  const latest = newest(sources)
  if (latest !== null && latest.mtimeMs > builtAt) return `${path.relative(ROOT, latest.file)} is newer than ${path.relative(ROOT, output)}`
  return null
}

const lockFile = path.join(ROOT, 'package-lock.json')
let failed = false

{
  const started = performance.now()
  const reason = staleReason(path.join(ROOT, 'web', 'dist', 'index.html'), [path.join(ROOT, 'web'), lockFile])
  if (reason === null) {
    console.log(`web app: up to date, build skipped (${Math.round(performance.now() - started)} ms)`)
  } else {
    const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js')
    const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, stdio: 'inherit' })
    if (result.error || result.status !== 0) {
      console.error(`web app: build failed (${result.error?.message ?? `exit status ${result.status}`}; ${reason})`)
      failed = true
    } else {
      console.log(`web app: built in ${((performance.now() - started) / 1000).toFixed(1)} s (${reason})`)
    }
  }
}

{
  const started = performance.now()
  const sources = ['server', 'contracts', 'scripts', 'tsconfig.json', 'tsconfig.build.json'].map((p) => path.join(ROOT, p)).concat(lockFile)
  const reason = staleReason(BUILD_STAMP, sources)
  if (reason === null) {
    console.log(`server: up to date, build skipped (${Math.round(performance.now() - started)} ms)`)
  } else {
    try {
      const ms = buildServer()
      console.log(`server: built into ${path.relative(ROOT, DIST)}/ in ${(ms / 1000).toFixed(1)} s (${reason})`)
    } catch (error) {
      console.error(`server: ${error.message}`)
      failed = true
    }
  }
}

process.exit(failed ? 1 : 0)
