// Compiles the server to JavaScript in dist/ (`npm run build:server`; `npm start` runs it when
// stale), so production runs plain `node dist/server/start.js` and never the tsx loader.
// - TypeScript 5.9 emits one .js per .ts (tsconfig.build.json), rewriting the relative `.ts`
//   imports to `.js`; types are checked by `npm run typecheck`, not here (`--noCheck`).
// - Files the server reads beside its code are copied to the same place under dist/: the
//   migrations (*.sql), data files (*.json) and the worker boot files (*.mjs).
// - dist/ is emptied first, so a file deleted from the sources (a migration!) never lingers.
// Plain JavaScript with node: built-ins only, so it runs before anything is compiled.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const DIST = path.join(ROOT, 'dist')
export const BUILD_STAMP = path.join(DIST, '.built')
const ASSET = /\.(sql|json|mjs)$/
const SKIPPED = new Set(['test', 'node_modules'])

function copyAssets(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name)
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) copyAssets(source, path.join(to, entry.name))
    } else if (ASSET.test(entry.name) && !entry.name.includes('.test.')) {
      fs.mkdirSync(to, { recursive: true })
      fs.copyFileSync(source, path.join(to, entry.name))
    }
  }
}

export function buildServer() {
  const started = performance.now()
  fs.rmSync(DIST, { recursive: true, force: true })
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc')
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--noCheck'], { cwd: ROOT, stdio: 'inherit' })
  if (result.error || result.status !== 0) {
    fs.rmSync(DIST, { recursive: true, force: true })
    throw new Error(`server build failed (${result.error?.message ?? `exit status ${result.status}`})`)
  }
  copyAssets(path.join(ROOT, 'server'), path.join(DIST, 'server'))
  fs.writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`)
  return performance.now() - started
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const ms = buildServer()
    console.log(`server: built into dist/ in ${(ms / 1000).toFixed(1)} s`)
  } catch (error) {
    console.error(`server: ${error.message}`)
    process.exit(1)
  }
}
