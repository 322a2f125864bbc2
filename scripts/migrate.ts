/** `npm run db:migrate`: applies pending migrations to the configured database and lists them. */
import { loadConfigOrExit } from './script-config.ts'
import { openDatabase } from '../server/platform/db/database.ts'
import { migrate } from '../server/platform/db/migrate.ts'

const config = loadConfigOrExit()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 })
try {
  const applied = await migrate(database.db)
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date')
} finally {
  await database.close()
}
