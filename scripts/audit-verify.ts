/**
 * `npm run audit:verify`: walks every audit chain, then checks the signed checkpoints
 * (AUDIT_CHECKPOINT_DIR) and that every entry they recorded is still there; exits 1 naming the
 * unit and entry of the first break. Uses the same settings as the server (DATABASE_URL, or the
 * embedded database in DATA_DIR; AUDIT_VERIFY_KEY, or the public half of the signing key).
 */
import { loadConfigOrExit } from './script-config.ts'
import { verifyAuditChain } from '../server/platform/audit.ts'
import { resolveAuditVerifyKey, verifyAuditCheckpoints } from '../server/platform/audit-checkpoints.ts'
import { openDatabase } from '../server/platform/db/database.ts'

const config = loadConfigOrExit()
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

  const verifyKey = await resolveAuditVerifyKey(config)
  const witness = await verifyAuditCheckpoints({ db: database.db, dir: config.auditCheckpointDir, verifyKey })
  if (witness.checkpoints === 0) {
    console.log(`no checkpoints in ${config.auditCheckpointDir}: deletions of the newest entries cannot be detected`)
  } else if (witness.problems.length > 0) {
    for (const problem of witness.problems.slice(0, 20)) {
      const where = problem.unitId ? `unit ${problem.unitId}, entry ${problem.seq}` : problem.file ? `file ${problem.file}` : config.auditCheckpointDir
      console.error(`audit checkpoints BROKEN at ${where}: ${problem.reason}`)
    }
    if (witness.problems.length > 20) console.error(`(and ${witness.problems.length - 20} more problems)`)
    process.exitCode = 1
  } else {
    const latest = witness.latest!
    console.log(
      `audit checkpoints intact: ${witness.checkpoints} checkpoints; the latest, number ${latest.number} of ${latest.createdAt}, ` +
        `covers ${latest.chains} chains (heads digest ${latest.headsDigest}); entries after it are not witnessed`,
    )
  }
} finally {
  await database.close()
}
