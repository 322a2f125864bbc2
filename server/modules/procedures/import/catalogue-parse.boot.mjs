// Entry of the catalogue parser's worker thread. The server runs TypeScript through tsx, and on
// Node 20 a worker thread does not inherit the loader (nor take `--import tsx` in its execArgv),
// so register tsx in the thread first, then load the worker module.
import { register } from 'tsx/esm/api'

register()
await import(new URL('./catalogue-parse.worker.ts', import.meta.url).href)
