/**
 * Builds the web app (`vite build --config web/vite.config.ts`) only when web/dist/index.html is
 * missing or older than the newest source file under web/ (web/dist excluded) or package-lock.json.
 * Run by `npm start` before the server; prints one line saying whether it skipped or built, and
 * exits non-zero when the build fails. Uses only node: built-ins so the no-op case stays fast.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const webDir = path.join(root, 'web')
const distDir = path.join(webDir, 'dist')
const builtIndex = path.join(distDir, 'index.html')
const lockFile = path.join(root, 'package-lock.json')

/** Folders never looked into when searching for the newest source file. */
const SKIPPED_DIRS = new Set(['node_modules', '.vite', '.cache'])

interface Newest {
  readonly file: string
  readonly mtimeMs: number
}

function newestUnder(dir: string, newest: Newest | null): Newest | null {
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch {
    return newest
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      if (full === distDir || SKIPPED_DIRS.has(entry.name)) continue
      newest = newestUnder(full, newest)
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      const mtimeMs = mtimeOf(full)
      if (mtimeMs !== null && (newest === null || mtimeMs > newest.mtimeMs)) newest = { file: full, mtimeMs }
    }
  }
  return newest
}

function mtimeOf(file: string): number | null {
  try {
    return fs.statSync(file).mtimeMs
  } catch {
    return null
  }
}

function staleReason(): string | null {
  const builtAt = mtimeOf(builtIndex)
  if (builtAt === null) return 'web/dist/index.html is missing'
  let newest = newestUnder(webDir, null)
  const lockAt = mtimeOf(lockFile)
  if (lockAt !== null && (newest === null || lockAt > newest.mtimeMs)) newest = { file: lockFile, mtimeMs: lockAt }
  if (newest !== null && newest.mtimeMs > builtAt) return `${path.relative(root, newest.file)} is newer than web/dist/index.html`
  return null
}

const started = performance.now()
const reason = staleReason()
if (reason === null) {
  console.log(`web app: up to date, build skipped (${Math.round(performance.now() - started)} ms)`)
  process.exit(0)
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx'
const result = spawnSync(npx, ['vite', 'build', '--config', 'web/vite.config.ts'], {
  cwd: root,
  stdio: 'inherit',
  shell: process.platform === 'win32',
})
if (result.error) {
  console.error(`web app: could not run vite: ${result.error.message}`)
  process.exit(1)
}
if (result.status !== 0) {
  console.error(`web app: build failed (${result.signal ? `signal ${result.signal}` : `exit status ${result.status}`}; ${reason})`)
  process.exit(result.status || 1)
}
console.log(`web app: built in ${((performance.now() - started) / 1000).toFixed(1)} s (${reason})`)
