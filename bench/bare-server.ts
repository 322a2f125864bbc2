/**
 * Baseline server: bare Fastify with one GET route returning a small JSON, started by the same
 * launcher as the real server (`node --import tsx`). Its start-up time is the launcher's and
 * Fastify's floor; its throughput is the HTTP stack's ceiling on this machine.
 * Reads PORT (and HOST, default 127.0.0.1); nothing else.
 */
import Fastify from 'fastify'

const app = Fastify({ logger: { level: 'warn' } })

app.get('/api/health', async () => ({ status: 'ok', database: 'none', version: 'bare' }))

await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' })

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0))
  })
}
