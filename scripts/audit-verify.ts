/**
 * `npm run audit:verify`: walks every audit chain and exits 1 naming the first broken entry.
 * Uses the same database settings as the server (DATABASE_URL, or the embedded one in DATA_DIR).
 */
import { ConfigError, loadConfig, type Config } from '../server/config.ts'
import { verifyAuditChain } from '../server/platform/audit.ts'
import { openDatabase } from '../server/platform/db/database.ts'

let config: Config
try {
  config = loadConfig()
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  console.error(`Configuration error: ${error.message}`)
  process.exit(78)
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 })
try {
  const result = await verifyAuditChain(database.db)
  if (result.firstBreak) {
    const { unitId, seq, reason } = result.firstBreak
    console.error(`audit chain BROKEN at unit ${unitId}, entry ${seq}: ${reason}`)
    console.error(`(${result.entries} entries verified before it, ${result.chains} chains)`)
    process.exitCode = 1
  } else {
    console.log(`audit chain intact: ${result.entries} entries in ${result.chains} chains`)
  }
} finally {
  await database.close()
}
