/**
 * `npm run audit:checkpoint`: writes a signed checkpoint of every audit chain head to
 * AUDIT_CHECKPOINT_DIR when some head changed since the latest one (the server also does this every
 * AUDIT_CHECKPOINT_MINUTES). Uses the server's settings; exits 78 when no signing key is available.
 */
import { loadConfigOrExit } from './script-config.ts'
import { resolveAuditSigner, writeAuditCheckpoint, type CheckpointLog } from '../server/platform/audit-checkpoints.ts'
import { systemClock } from '../server/platform/clock.ts'
import { openDatabase } from '../server/platform/db/database.ts'

const config = loadConfigOrExit()
const signer = await resolveAuditSigner(config)
if (!signer) {
  console.error('Configuration error: AUDIT_SIGNING_KEY must be set to write audit checkpoints in production')
  process.exit(78)
}

// One JSON line per event, like the server's log, so a log shipper can take it as the second witness.
const line = (level: string, stream: NodeJS.WriteStream) => (fields: object, message: string) =>
  stream.write(`${JSON.stringify({ level, time: new Date().toISOString(), ...fields, msg: message })}\n`)
const log: CheckpointLog = { info: line('info', process.stdout), warn: line('warn', process.stderr), error: line('error', process.stderr) }

const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 })
try {
  const result = await writeAuditCheckpoint({ db: database.db, clock: systemClock, signer, dir: config.auditCheckpointDir, log })
  if (!result.written) {
    console.log(result.checkpoint ? `no chain head changed since checkpoint ${result.checkpoint.number}: nothing written` : 'no audit chains yet: nothing written')
  }
} finally {
  await database.close()
}
