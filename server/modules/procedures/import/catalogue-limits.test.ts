/**
 * Hostile and oversized catalogue files: a ZIP bomb must not take the server's memory, and a file
 * of a million rows must neither block other requests nor be read past the row limit. Memory is
 * measured as the growth of the process's resident set (the kernel's peak, reset before).
 */
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type SessionHeaders, type TestApp } from '../../../test/test-app.ts'
import { CSV_TYPE, MAX_FILE_BYTES, MAX_ROWS, XLSX_TYPE } from './catalogue-files.ts'
import { eventLoopProbe, memoryProbe, streamedWorkbook, zipBombWorkbook } from './catalogue-test-files.ts'

const MB = 1024 * 1024
/** Longest stall of the event loop allowed while a huge file is refused: generous for a loaded 2-core machine, far below a synchronous parse (seconds). */
const STALL_MS = 1000

let t: TestApp
let official: SessionHeaders

beforeAll(async () => {
  t = await buildTestApp()
  // Background imports run on the job queue; its workers start as they do in server/main.ts.
  await t.app.jobs.start()
  official = { ...(await t.signIn('cchc.sonoivu')), 'accept-language': 'en' }
})
afterAll(async () => {
  await t.close()
})

function upload(file: Buffer, type: string, query = ''): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: `/api/procedures/imports${query}`, headers: { ...official, 'content-type': type }, payload: file })
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The import, and a health check sent while it runs; the longest event-loop stall meanwhile. */
async function uploadWhileServing(file: Buffer, type: string, query = '') {
  const probe = eventLoopProbe()
  const [response, health] = await Promise.all([upload(file, type, query), sleep(30).then(() => t.app.inject({ method: 'GET', url: '/api/health' }))])
  return { response, health, stallMs: probe.stop() }
}

describe('a ZIP bomb', () => {
  // The parser thread's own start-up (its modules) is a fixed cost, not the bomb's: pay it first.
  beforeAll(async () => {
    const warm = await upload(Buffer.from('name,field_name\nA,B\n'), CSV_TYPE, '?dryRun=true')
    expect(warm.statusCode, warm.body).toBe(200)
  })

  it('of 4 GiB in a 4 MB workbook is refused while inflating, without the memory it claims to need', async () => {
    // 4 GiB of spaces after the sheet's XML (valid XML), declared as 1,000 bytes in both headers.
    const bomb = await zipBombWorkbook(4096)
    expect(bomb.length).toBeLessThan(MAX_FILE_BYTES)
    const memory = memoryProbe()
    const response = await upload(bomb, XLSX_TYPE)
    const growth = memory.stop()
    console.info(`ZIP bomb (${(bomb.length / MB).toFixed(1)} MB, 4 GiB inflated): RSS growth ${Math.round(growth / MB)} MB`)
    expect(growth).toBeLessThan(300 * MB)
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json()).toMatchObject({ code: 'import.invalid_file', detail: expect.stringContaining('unpacks to more than') })
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200)
  })

  it('of 300 MB of NUL bytes (not XML) is refused too', async () => {
    const bomb = await zipBombWorkbook(300, 0)
    const memory = memoryProbe()
    const response = await upload(bomb, XLSX_TYPE)
    const growth = memory.stop()
    console.info(`ZIP bomb (300 MB of NUL bytes): RSS growth ${Math.round(growth / MB)} MB`)
    expect(growth).toBeLessThan(200 * MB)
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json().code).toBe('import.invalid_file')
  })
})

describe('a file of a million rows', () => {
  it('CSV: refused at the row limit, while other requests are served', async () => {
    const file = Buffer.from(`name,field_name,levels,online_level\n${'a,b,c,d\n'.repeat(1_000_000)}`)
    const { response, health, stallMs } = await uploadWhileServing(file, CSV_TYPE)
    console.info(`1,000,000-row CSV: longest event-loop stall ${Math.round(stallMs)} ms`)
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json()).toMatchObject({ code: 'import.invalid_file', detail: expect.stringContaining(`${MAX_ROWS}`) })
    expect(health.statusCode).toBe(200)
    expect(stallMs).toBeLessThan(STALL_MS)
  })

  it('XLSX: refused at the row limit, while other requests are served', async () => {
    const file = await streamedWorkbook(200_000)
    const { response, health, stallMs } = await uploadWhileServing(file, XLSX_TYPE)
    console.info(`200,000-row XLSX (${Math.round(file.length / 1024)} KB): longest event-loop stall ${Math.round(stallMs)} ms`)
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json()).toMatchObject({ code: 'import.invalid_file', detail: expect.stringContaining(`${MAX_ROWS}`) })
    expect(health.statusCode).toBe(200)
    expect(stallMs).toBeLessThan(STALL_MS)
  })

  it('async=true answers 202 at once and reads the file in the job', async () => {
    const file = Buffer.from(`name,field_name,levels,online_level\n${'a,b,c,d\n'.repeat(1_000_000)}`)
    const { response, stallMs } = await uploadWhileServing(file, CSV_TYPE, '?async=true')
    expect(response.statusCode, response.body).toBe(202)
    // The upload is stored with the job. PGlite executes SQL on the event loop's own thread (it is
    // WebAssembly in process), so writing and reading back an 8 MB file stalls it for its duration
    // there (seconds on a loaded machine, still far below the 25 s parse before it moved to a worker);
    // PostgreSQL does it over a socket.
    expect(stallMs).toBeLessThan(t.database.kind === 'pglite' ? 10 * STALL_MS : STALL_MS)
    const { jobId } = response.json()
    const status = () => t.app.inject({ method: 'GET', url: `/api/procedures/imports/${jobId}`, headers: official }).then((r) => r.json())
    let job = await status()
    for (let i = 0; i < 600 && job.state === 'running'; i++) {
      await sleep(50)
      job = await status()
    }
    expect(job).toMatchObject({ state: 'failed', error: { code: 'import.invalid_file', detail: expect.stringContaining(`${MAX_ROWS}`) } })
  })
})
