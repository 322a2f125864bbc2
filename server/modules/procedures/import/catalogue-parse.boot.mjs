// Entry of the catalogue parser's worker thread. In production (`npm start`) the server runs
// compiled JavaScript from dist/ and the compiled worker sits beside this file. In development
// and tests the server runs TypeScript through tsx, and a worker thread does not inherit the
// loader (nor take `--import tsx` in its execArgv), so register tsx in the thread first.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const compiled = new URL('./catalogue-parse.worker.js', import.meta.url)
if (existsSync(fileURLToPath(compiled))) {
  await import(compiled.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  await import(new URL('./catalogue-parse.worker.ts', import.meta.url).href)
}
