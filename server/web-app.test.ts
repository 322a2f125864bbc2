import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from './test/test-app.ts'

let t: TestApp
let dist: string
beforeAll(async () => {
  dist = await fs.mkdtemp(path.join(os.tmpdir(), 'cchc-dist-'))
  await fs.mkdir(path.join(dist, 'assets'))
  await fs.writeFile(path.join(dist, 'index.html'), '<!doctype html><html lang="vi"><title>cchc</title></html>')
  await fs.writeFile(path.join(dist, 'assets', 'app-abc123.js'), 'console.log(1)')
  t = await buildTestApp({ WEB_DIST_DIR: dist })
})
afterAll(async () => {
  await t.close()
  await fs.rm(dist, { recursive: true, force: true })
})

describe('web app serving', () => {
  it('serves the portal and every workspace page as index.html, revalidated', async () => {
    for (const url of ['/', '/office', '/office/users/123']) {
      const response = await t.app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(200)
      expect(response.body).toContain('lang="vi"')
      expect(response.headers['cache-control']).toBe('no-cache')
    }
  })

  it('serves hashed assets as immutable, including ones built after start', async () => {
    const asset = await t.app.inject({ method: 'GET', url: '/assets/app-abc123.js' })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['cache-control']).toContain('immutable')
    await fs.writeFile(path.join(dist, 'assets', 'later-def456.js'), 'console.log(2)')
    expect((await t.app.inject({ method: 'GET', url: '/assets/later-def456.js' })).statusCode).toBe(200)
  })

  it('answers a missing asset and an unknown API path with a problem, not the page', async () => {
    for (const url of ['/assets/missing.js', '/api/missing']) {
      const response = await t.app.inject({ method: 'GET', url })
      expect(response.statusCode, url).toBe(404)
      expect(response.json().code).toBe('route.not_found')
    }
  })
})
