/**
 * The only reader of process.env. Every setting is validated once at boot; a bad value stops the
 * process with a message that names the variable. `.env.example` documents the same list.
 */
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto'
import path from 'node:path'

export type AppMode = 'development' | 'test' | 'production'

export interface Config {
  /** development | test | production (from NODE_ENV). Production never seeds demo users. */
  readonly mode: AppMode
  /** TCP port of the HTTP server. */
  readonly port: number
  /** Address to bind; 0.0.0.0 in containers, 127.0.0.1 by default. */
  readonly host: string
  /** Folder for the embedded database and other local state. */
  readonly dataDir: string
  /** PostgreSQL connection string; when unset the embedded PGlite database under dataDir is used. */
  readonly databaseUrl: string | undefined
  /** Size of the PostgreSQL connection pool (ignored on PGlite, which has one connection). */
  readonly databasePoolSize: number
  /** Seed the fictional demo province on an empty database (never in production). */
  readonly seedDemo: boolean
  /** Password given to every demo user. */
  readonly demoPassword: string
  /** Secret that keys token and session hashes; required in production. */
  readonly sessionSecret: string
  /** Send cookies with the Secure attribute (default: on in production). */
  readonly cookieSecure: boolean
  /** Idle lifetime of an official's session, in minutes. */
  readonly sessionIdleMinutes: number
  /** Absolute lifetime of a session, in hours. */
  readonly sessionMaxHours: number
  /** Base of the growing sign-in delay after a failure, in milliseconds (doubles per failure). */
  readonly signInDelayBaseMs: number
  /** Failed sign-ins in a row before the account name is locked. */
  readonly signInLockAfter: number
  /** Minutes a locked account name stays locked. */
  readonly signInLockMinutes: number
  /** Requests per minute per client address on public routes. */
  readonly publicRateLimitPerMinute: number
  /** Largest accepted request body, in bytes. */
  readonly bodyLimitBytes: number
  /** pino log level. */
  readonly logLevel: string
  /** Folder of the built web app (served under / and /office). */
  readonly webDistDir: string
  /** Trust X-Forwarded-* from a reverse proxy in front of the server. */
  readonly trustProxy: boolean
  /**
   * Ed25519 private key (PKCS8 PEM) that signs audit checkpoints; never stored in the database.
   * Unset: outside production a key kept in `auditLocalKeyFile` is used; in production checkpoints are off.
   */
  readonly auditSigningKey: string | undefined
  /** Ed25519 public key (SPKI PEM) that verifies checkpoints; derived from the signing key when unset. */
  readonly auditVerifyKey: string | undefined
  /** Outside production, the file under dataDir holding a generated signing key; undefined in production. */
  readonly auditLocalKeyFile: string | undefined
  /** Folder of the signed audit checkpoint files (outside the database). */
  readonly auditCheckpointDir: string
  /** Minutes between audit checkpoints written by the server; 0 turns the timer off. */
  readonly auditCheckpointMinutes: number
  /** Milliseconds between polls of an idle background-job worker (pg-boss allows ≥ 500). */
  readonly jobPollMs: number
  /** Days a domain event is kept in the outbox after it occurred (pruned nightly). */
  readonly eventRetentionDays: number
  /**
   * Where uploaded files go (ADR 0013): `local`, a folder under dataDir (the embedded default), or
   * `s3`, an S3-compatible object store (production).
   */
  readonly storage: StorageSettings
  /**
   * Seconds a read cache may serve an answer (the actor behind a credential, an official's own
   * agency) before asking the database again; bounds how long another server process can still
   * see a revoked session or a changed role (ADR 0018). 0 turns the caches off.
   */
  readonly readCacheSeconds: number
}

export interface StorageSettings {
  readonly driver: 'local' | 's3'
  readonly s3: {
    /** Endpoint of an S3-compatible store (MinIO, Ceph, a cloud's); unset: AWS's own for the region. */
    readonly endpoint: string | undefined
    readonly region: string
    readonly bucket: string
    /** Unset: the SDK's default credential chain (environment, instance role). */
    readonly accessKeyId: string | undefined
    readonly secretAccessKey: string | undefined
    /** Bucket in the path (`endpoint/bucket/key`) rather than the host name; most self-hosted stores need it. */
    readonly forcePathStyle: boolean
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

type Env = Record<string, string | undefined>

function readInt(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${name} must be a whole number, got "${raw}"`)
  const value = Number(raw)
  if (value < min || value > max) throw new ConfigError(`${name} must be between ${min} and ${max}, got ${value}`)
  return value
}

function readBool(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase()
  if (raw === undefined || raw === '') return fallback
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true
  if (['0', 'false', 'no', 'off'].includes(raw)) return false
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`)
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']

/** A key given as PEM (`\n` escapes allowed, for one-line env files) or as base64 DER. */
function readKey(env: Env, name: string, kind: 'private' | 'public'): KeyObject | undefined {
  const raw = env[name]?.trim()
  if (!raw) return undefined
  // createPublicKey would accept a private key and derive its public half: refuse it instead.
  if (kind === 'public' && raw.includes('PRIVATE KEY')) throw new ConfigError(`${name} must be an Ed25519 public key, not a private key`)
  let key: KeyObject
  try {
    if (raw.startsWith('-----BEGIN')) {
      const pem = raw.replace(/\\n/g, '\n')
      key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem)
    } else {
      const der = Buffer.from(raw, 'base64')
      key = kind === 'private' ? createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) : createPublicKey({ key: der, format: 'der', type: 'spki' })
    }
  } catch {
    throw new ConfigError(`${name} must be an Ed25519 ${kind} key, as PEM or base64 ${kind === 'private' ? 'PKCS8' : 'SPKI'} DER`)
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`${name} must be an Ed25519 key, got ${key.asymmetricKeyType}`)
  return key
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = env.NODE_ENV?.trim() || 'development'
  if (!['development', 'test', 'production'].includes(nodeEnv)) {
    throw new ConfigError(`NODE_ENV must be development, test or production, got "${nodeEnv}"`)
  }
  const mode = nodeEnv as AppMode
  const isProduction = mode === 'production'

  const databaseUrl = env.DATABASE_URL?.trim() || undefined
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://')
  }

  const sessionSecret = env.SESSION_SECRET?.trim() ?? ''
  if (isProduction && sessionSecret.length < 32) {
    throw new ConfigError('SESSION_SECRET must be set to at least 32 characters in production')
  }
  if (isProduction && !databaseUrl) {
    throw new ConfigError('DATABASE_URL must be set in production: the embedded database is for demos and development')
  }

  const logLevel = env.LOG_LEVEL?.trim() || (mode === 'test' ? 'silent' : 'info')
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`)

  const demoPassword = env.CCHC_DEMO_PASSWORD || 'demo12345'
  if (demoPassword.length < 8) throw new ConfigError('CCHC_DEMO_PASSWORD must have at least 8 characters')

  const seedDemo = readBool(env, 'SEED_DEMO', !isProduction)
  if (isProduction && seedDemo) throw new ConfigError('SEED_DEMO cannot be on in production')

  const dataDir = path.resolve(env.DATA_DIR?.trim() || 'data')
  const auditSigningKey = readKey(env, 'AUDIT_SIGNING_KEY', 'private')
  const auditVerifyKey = readKey(env, 'AUDIT_VERIFY_KEY', 'public')
  const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString()
  if (auditSigningKey && auditVerifyKey && spki(createPublicKey(auditSigningKey)) !== spki(auditVerifyKey)) {
    throw new ConfigError('AUDIT_VERIFY_KEY is not the public key of AUDIT_SIGNING_KEY')
  }

  const storage = readStorage(env, isProduction)

  return Object.freeze({
    mode,
    port: readInt(env, 'PORT', 3000, 0, 65535),
    host: env.HOST?.trim() || '127.0.0.1',
    dataDir,
    databaseUrl,
    databasePoolSize: readInt(env, 'DATABASE_POOL_SIZE', 10, 1, 200),
    seedDemo,
    demoPassword,
    // Outside production a fixed development secret keeps sessions valid across restarts.
    sessionSecret: sessionSecret || 'development-only-secret-not-for-production-use',
    cookieSecure: readBool(env, 'COOKIE_SECURE', isProduction),
    sessionIdleMinutes: readInt(env, 'SESSION_IDLE_MINUTES', 60, 1, 24 * 60),
    sessionMaxHours: readInt(env, 'SESSION_MAX_HOURS', 12, 1, 24 * 30),
    signInDelayBaseMs: readInt(env, 'SIGN_IN_DELAY_BASE_MS', 250, 0, 10_000),
    signInLockAfter: readInt(env, 'SIGN_IN_LOCK_AFTER', 5, 1, 100),
    signInLockMinutes: readInt(env, 'SIGN_IN_LOCK_MINUTES', 15, 1, 24 * 60),
    publicRateLimitPerMinute: readInt(env, 'PUBLIC_RATE_LIMIT_PER_MINUTE', 300, 1, 1_000_000),
    bodyLimitBytes: readInt(env, 'BODY_LIMIT_BYTES', 1_048_576, 1024, 100 * 1_048_576),
    logLevel,
    webDistDir: path.resolve(env.WEB_DIST_DIR?.trim() || 'web/dist'),
    trustProxy: readBool(env, 'TRUST_PROXY', false),
    auditSigningKey: auditSigningKey?.export({ type: 'pkcs8', format: 'pem' }).toString(),
    auditVerifyKey: auditVerifyKey ? spki(auditVerifyKey) : undefined,
    auditLocalKeyFile: isProduction ? undefined : path.join(dataDir, 'audit-signing-key.pem'),
    auditCheckpointDir: env.AUDIT_CHECKPOINT_DIR?.trim() ? path.resolve(env.AUDIT_CHECKPOINT_DIR.trim()) : path.join(dataDir, 'audit-checkpoints'),
    auditCheckpointMinutes: readInt(env, 'AUDIT_CHECKPOINT_MINUTES', 15, 0, 24 * 60),
    jobPollMs: readInt(env, 'JOB_POLL_MS', 500, 500, 60_000),
    eventRetentionDays: readInt(env, 'EVENT_RETENTION_DAYS', 90, 1, 3650),
    storage,
    readCacheSeconds: readInt(env, 'READ_CACHE_SECONDS', 5, 0, 60),
  })
}

/** STORAGE_DRIVER and the S3_* settings; the S3 ones are required only with the s3 driver. */
function readStorage(env: Env, isProduction: boolean): StorageSettings {
  const driver = env.STORAGE_DRIVER?.trim().toLowerCase() || 'local'
  if (driver !== 'local' && driver !== 's3') throw new ConfigError(`STORAGE_DRIVER must be local or s3, got "${env.STORAGE_DRIVER}"`)
  const endpoint = env.S3_ENDPOINT?.trim() || undefined
  if (endpoint) {
    let url: URL
    try {
      url = new URL(endpoint)
    } catch {
      throw new ConfigError(`S3_ENDPOINT must be a URL, got "${endpoint}"`)
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError('S3_ENDPOINT must start with http:// or https://')
    if (isProduction && url.protocol === 'http:' && !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new ConfigError('S3_ENDPOINT must use https:// in production (files would cross the network in clear)')
  }
  const bucket = env.S3_BUCKET?.trim() ?? ''
  // S3 bucket naming rules: 3-63 characters, lower-case letters, digits, dots and hyphens.
  if (driver === 's3' && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError('S3_BUCKET must be set to a bucket name (3-63 lower-case letters, digits, dots, hyphens) when STORAGE_DRIVER=s3')
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim() || undefined
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim() || undefined
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together')
  const region = env.S3_REGION?.trim() || 'us-east-1'
  if (!/^[a-z0-9-]{1,40}$/.test(region)) throw new ConfigError(`S3_REGION must be a region name, got "${region}"`)
  return Object.freeze({ driver, s3: Object.freeze({ endpoint, region, bucket, accessKeyId, secretAccessKey, forcePathStyle: readBool(env, 'S3_FORCE_PATH_STYLE', Boolean(endpoint)) }) })
}
