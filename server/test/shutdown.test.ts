/**
 * Graceful shutdown: the real server, started as `npm start` starts it, stops on SIGTERM after
 * finishing what it was doing, closes its database and exits 0.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'cchc-shutdown-'))
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }))

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

describe('graceful shutdown', () => {
  it('answers health, then exits 0 on SIGTERM and closes cleanly', { timeout: 120_000 }, async () => {
    const port = await freePort()
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development', SEED_DEMO: 'false', LOG_LEVEL: 'info', WEB_DIST_DIR: '/nonexistent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    try {
      let healthy = false
      for (let i = 0; i < 200 && !healthy; i++) {
        healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false)
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 250))
      }
      expect(healthy, output).toBe(true)
      child.kill('SIGTERM')
      const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000))])
      expect(code, output).toBe(0)
      expect(output).toContain('"signal":"SIGTERM"')
      // After the stop nothing listens any more.
      expect(await fetch(`http://127.0.0.1:${port}/api/health`).then(() => 'answered', () => 'refused')).toBe('refused')
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })
})
