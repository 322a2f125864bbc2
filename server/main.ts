/**
 * Process entry: read the configuration, open and migrate the database, seed the demo province
 * on an empty database (outside production), listen, and close everything cleanly on a signal.
 */
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { startAuditCheckpoints } from './platform/audit-checkpoints.ts'
import { systemClock } from './platform/clock.ts'
import { openDatabase } from './platform/db/database.ts'
import { migrate } from './platform/db/migrate.ts'
import { seedDemoIfEmpty } from './seed/demo.ts'
import { ensureOfficialCalendar } from './modules/calendar/index.ts'
import { seedDemoCatalogueIfEmpty } from './modules/procedures/index.ts'

let config: Config
try {
  config = loadConfig()
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`)
    process.exit(78) // EX_CONFIG
  }
  throw error
}

const startedAt = performance.now()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: config.databasePoolSize })
const applied = await migrate(database.db)
await ensureOfficialCalendar(database.db)
if (config.seedDemo) {
  await seedDemoIfEmpty(database.db, { password: config.demoPassword, clock: systemClock })
  await seedDemoCatalogueIfEmpty(database.db, systemClock)
}

const app = await buildApp({ config, database, clock: systemClock })
// Durable background jobs (ADR 0010): installs pg-boss's schema, then polls the registered queues.
await app.jobs.start()
// Signed chain heads written outside the database, so deleted audit entries are found (ADR 0006).
const auditCheckpoints = await startAuditCheckpoints({ db: database.db, clock: systemClock, config, log: app.log })

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'closing after an error')
  else app.log.info({ signal }, 'closing')
  await app.close()
  await auditCheckpoints.stop()
  await database.close()
})

await app.listen({ port: config.port, host: config.host })
// The route schemas not used yet compile a moment after the port is open, in small steps between
// requests (ADR 0018): the first answers do not wait for them, and a broken one is logged at once.
setTimeout(() => {
  void app.warmSchemas().then(
    (compiled) => app.log.debug({ compiled }, 'route schemas compiled'),
    (err: unknown) => app.log.error({ err }, 'a route schema does not compile'),
  )
}, 1000).unref()
app.log.info(
  { database: database.kind, migrationsApplied: applied.length, readyMs: Math.round(performance.now() - startedAt), demo: config.seedDemo },
  `cchc ready at http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`,
)
