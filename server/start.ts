/**
 * Production entry (`npm start` runs `node dist/server/start.js`): turns on Node's on-disk
 * compile cache (V8 code for every module, kept under the system's temporary folder and checked
 * against each file), then loads the server. The cache must be on before the module graph of
 * main.ts is compiled, hence this separate entry; it takes about a quarter off the CPU of a
 * restart (docs/PERFORMANCE.md). `npm run dev` and the tests load main.ts directly.
 */
import module from 'node:module'

module.enableCompileCache?.()
await import('./main.ts')
