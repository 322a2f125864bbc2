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
})
