/**
 * Worker thread that reads catalogue files (catalogue-grid.ts) and, when asked, checks their rows
 * (parseCatalogueRows), one request at a time, so that neither runs on the server's event loop.
 * Started by catalogue-files.ts through catalogue-parse.boot.mjs (which registers tsx here).
 */
import { parentPort } from 'node:worker_threads'
import type { ProblemCode } from '../../../platform/errors.ts'
import { AppError } from '../../../platform/errors.ts'
import { readGrid, toTable, type CatalogueTable, type FileKind } from './catalogue-grid.ts'
import { parseCatalogueRows, type ParseResult } from './catalogue-rows.ts'

export interface ParseRequest {
  id: number
  /** The file's bytes (transferred). */
  bytes: Uint8Array
  declared?: FileKind
  /** Answer the checked rows (parseCatalogueRows) instead of the table. */
  parse: boolean
}

export type ParseReply =
  | { id: number; ok: true; table?: CatalogueTable; parsed?: ParseResult }
  | { id: number; ok: false; code?: ProblemCode; detail?: { vi: string; en: string }; message: string }

const port = parentPort
if (!port) throw new Error('catalogue-parse.worker.ts runs only as a worker thread')

async function handle(request: ParseRequest): Promise<ParseReply> {
  const buffer = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength)
  const table = toTable(await readGrid(buffer, request.declared))
  if (!request.parse) return { id: request.id, ok: true, table }
  return { id: request.id, ok: true, parsed: parseCatalogueRows(table.rows, { headers: table.headers, rowNumbers: table.rowNumbers, headerRow: table.headerRow }) }
}

port.on('message', (request: ParseRequest) => {
  handle(request).then(
    (reply) => port.postMessage(reply),
    (error: unknown) => {
      const reply: ParseReply =
        error instanceof AppError
          ? { id: request.id, ok: false, code: error.code, ...(error.detail ? { detail: error.detail } : {}), message: error.message }
          : { id: request.id, ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) }
      port.postMessage(reply)
    },
  )
})
