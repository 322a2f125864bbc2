import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.ts'

describe('configuration', () => {
  it('gives working defaults for a demo on the embedded database', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ mode: 'development', port: 3000, databaseUrl: undefined, seedDemo: true, demoPassword: 'demo12345', cookieSecure: false })
    expect(config.dataDir).toMatch(/\/data$/)
  })

  it('honours PORT, DATA_DIR and CCHC_DEMO_PASSWORD', () => {
    const config = loadConfig({ PORT: '4100', DATA_DIR: '/tmp/x', CCHC_DEMO_PASSWORD: 'another-pass' })
    expect(config).toMatchObject({ port: 4100, dataDir: '/tmp/x', demoPassword: 'another-pass' })
  })

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
    [{ COOKIE_SECURE: 'maybe' }, /COOKIE_SECURE/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ CCHC_DEMO_PASSWORD: 'short' }, /CCHC_DEMO_PASSWORD/],
  ])('refuses %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('refuses to start in production without its secrets, and never seeds demo users there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/cchc' })).toThrow(/SESSION_SECRET/)
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })).toThrow(/DATABASE_URL/)
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://db/cchc', SEED_DEMO: 'true' })).toThrow(/SEED_DEMO/)
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://db/cchc' })
    expect(config.seedDemo).toBe(false)
    expect(config.cookieSecure).toBe(true)
  })

  it('keeps audit checkpoints under DATA_DIR every 15 minutes, with a local key outside production only', () => {
    const config = loadConfig({ DATA_DIR: '/tmp/x' })
    expect(config).toMatchObject({ auditCheckpointDir: '/tmp/x/audit-checkpoints', auditCheckpointMinutes: 15, auditLocalKeyFile: '/tmp/x/audit-signing-key.pem', auditSigningKey: undefined, auditVerifyKey: undefined })
    expect(loadConfig({ AUDIT_CHECKPOINT_DIR: '/srv/witness', AUDIT_CHECKPOINT_MINUTES: '0' })).toMatchObject({ auditCheckpointDir: '/srv/witness', auditCheckpointMinutes: 0 })
    // Production without a key still starts (checkpoints off, with a warning at start) and never generates one.
    const production = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://db/cchc' })
    expect(production).toMatchObject({ auditSigningKey: undefined, auditLocalKeyFile: undefined })
  })

  it('reads the audit signing key as PEM, one-line PEM or base64 PKCS8, and the verify key likewise', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519')
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
    for (const AUDIT_SIGNING_KEY of [pem, pem.trim().replace(/\n/g, '\\n'), privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64')]) {
      expect(loadConfig({ AUDIT_SIGNING_KEY }).auditSigningKey).toBe(pem)
    }
    const base64Public = publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
    expect(loadConfig({ AUDIT_SIGNING_KEY: pem, AUDIT_VERIFY_KEY: base64Public }).auditVerifyKey).toBe(publicPem)
  })

  it('refuses an audit key that is not Ed25519, not a key, or not the pair of the other', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
    const pem = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }).toString()
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: rsa })).toThrow(/AUDIT_SIGNING_KEY must be an Ed25519 key, got rsa/)
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: 'not-a-key' })).toThrow(/AUDIT_SIGNING_KEY must be an Ed25519 private key/)
    expect(() => loadConfig({ AUDIT_VERIFY_KEY: pem(generateKeyPairSync('ed25519').privateKey) })).toThrow(/AUDIT_VERIFY_KEY must be an Ed25519 public key/)
    const other = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()
    expect(() => loadConfig({ AUDIT_SIGNING_KEY: pem(generateKeyPairSync('ed25519').privateKey), AUDIT_VERIFY_KEY: other })).toThrow(/AUDIT_VERIFY_KEY is not the public key of AUDIT_SIGNING_KEY/)
    expect(() => loadConfig({ AUDIT_CHECKPOINT_MINUTES: '2000' })).toThrow(/AUDIT_CHECKPOINT_MINUTES must be between 0 and 1440/)
  })
})
