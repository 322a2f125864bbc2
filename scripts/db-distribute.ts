/**
 * `npm run db:distribute`: places every table on a Citus coordinator as
 * server/platform/db/distribution.ts says: create_reference_table for the shared catalogues (in
 * foreign-key order), then create_distributed_table by unit_id for the tenant tables, colocated.
 * Idempotent: a table Citus already places so (pg_dist_partition) is skipped. It refuses, and
 * changes nothing, when the citus extension is absent, when the schema breaks a Citus rule, or
 * when a table is placed otherwise than distribution.ts says. Run `npm run db:migrate` first.
 *
 *   npm run db:distribute             apply (DATABASE_URL: the coordinator)
 *   npm run db:distribute -- --print  print the statements it would run, run nothing (also --dry-run)
 *
 * docs/DISTRIBUTED.md describes the deployment.
 */
import { loadConfigOrExit } from './script-config.ts'
import { applyDistribution, connectedAsSuperuser, describeDistribution, DistributionRefused } from '../server/platform/db/citus.ts'
import { openDatabase } from '../server/platform/db/database.ts'
import { DISTRIBUTED_TABLES, DISTRIBUTION_COLUMN, REFERENCE_TABLES } from '../server/platform/db/distribution.ts'

const args = process.argv.slice(2)
const unknown = args.filter((a) => !['--print', '--dry-run'].includes(a))
if (unknown.length) {
  console.error(`unknown option ${unknown.join(' ')}; usage: npm run db:distribute [-- --print | --dry-run]`)
  process.exit(64)
}
const printOnly = args.length > 0
const placement = { reference: REFERENCE_TABLES, distributed: DISTRIBUTED_TABLES, column: DISTRIBUTION_COLUMN }

const config = loadConfigOrExit()
if (!printOnly && !config.databaseUrl) {
  console.error('db:distribute needs DATABASE_URL set to the Citus coordinator (the embedded database cannot be distributed); --print shows the plan anywhere')
  process.exit(1)
}
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 })
try {
  if (config.databaseUrl && (await connectedAsSuperuser(database.db))) {
    console.warn('warning: connected as a superuser; the application should connect as the non-superuser role that owns the schema, or the audit trail is append-only only by its hash chain (docs/DISTRIBUTED.md)')
  }
  if (printOnly) {
    const { ok, lines } = await describeDistribution(database.db, placement)
    console.log(lines.join('\n'))
    process.exitCode = ok ? 0 : 1
  } else {
    const ran = await applyDistribution(database.db, placement)
    console.log(ran.length ? ran.map((s) => `${s};`).join('\n') : 'every table is already placed as distribution.ts says')
  }
} catch (error) {
  if (!(error instanceof DistributionRefused)) throw error
  console.error(`db:distribute refused: ${error.message}`)
  process.exitCode = 1
} finally {
  await database.close()
}
