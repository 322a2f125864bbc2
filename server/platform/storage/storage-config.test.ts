/** STORAGE_DRIVER and S3_* as server/config.ts reads them, and the store each choice builds. */
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../config.ts'
import { createFileStore } from './index.ts'

const S3 = { STORAGE_DRIVER: 's3', S3_ENDPOINT: 'https://s3.example.gov.vn', S3_BUCKET: 'cchc-files', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret' }

describe('storage configuration', () => {
  it('keeps files in a folder under DATA_DIR by default', async () => {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/cchc-config-test' })
    expect(config.storage.driver).toBe('local')
    const store = createFileStore(config)
    expect(store.driver).toBe('local')
    await store.close()
    expect(path.isAbsolute(config.dataDir)).toBe(true)
  })

  it('reads the S3 settings, with path-style addressing on by default for a custom endpoint', async () => {
    const config = loadConfig({ NODE_ENV: 'test', ...S3, S3_REGION: 'ap-southeast-1' })
    expect(config.storage).toEqual({ driver: 's3', s3: { endpoint: 'https://s3.example.gov.vn', region: 'ap-southeast-1', bucket: 'cchc-files', accessKeyId: 'id', secretAccessKey: 'secret', forcePathStyle: true } })
    expect(loadConfig({ NODE_ENV: 'test', ...S3, S3_FORCE_PATH_STYLE: 'false' }).storage.s3.forcePathStyle).toBe(false)
    expect(loadConfig({ NODE_ENV: 'test', STORAGE_DRIVER: 's3', S3_BUCKET: 'cchc-files' }).storage.s3).toMatchObject({ endpoint: undefined, region: 'us-east-1', forcePathStyle: false, accessKeyId: undefined })
    const store = createFileStore(loadConfig({ NODE_ENV: 'test', ...S3 }))
    expect(store.driver).toBe('s3')
    await store.close()
  })

  it('refuses a bad driver, a missing or invalid bucket, half a key pair, a bad endpoint and clear-text S3 in production', () => {
    const bad: Array<[Record<string, string>, RegExp]> = [
      [{ STORAGE_DRIVER: 'ftp' }, /STORAGE_DRIVER/],
      [{ STORAGE_DRIVER: 's3' }, /S3_BUCKET/],
      [{ ...S3, S3_BUCKET: 'A' }, /S3_BUCKET/],
      [{ ...S3, S3_BUCKET: 'Bad_Bucket' }, /S3_BUCKET/],
      [{ ...S3, S3_SECRET_ACCESS_KEY: '' }, /S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY/],
      [{ ...S3, S3_ENDPOINT: 'not a url' }, /S3_ENDPOINT/],
      [{ ...S3, S3_ENDPOINT: 'ftp://s3.example' }, /S3_ENDPOINT/],
      [{ ...S3, S3_REGION: 'Viet Nam' }, /S3_REGION/],
      [{ ...S3, S3_FORCE_PATH_STYLE: 'maybe' }, /S3_FORCE_PATH_STYLE/],
    ]
    for (const [env, message] of bad) expect(() => loadConfig({ NODE_ENV: 'test', ...env }), JSON.stringify(env)).toThrow(message)
    const production = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://db/cchc', SEED_DEMO: 'false' }
    expect(() => loadConfig({ ...production, ...S3, S3_ENDPOINT: 'http://s3.example.gov.vn' })).toThrow(ConfigError)
    expect(loadConfig({ ...production, ...S3, S3_ENDPOINT: 'http://127.0.0.1:9000' }).storage.s3.endpoint).toBe('http://127.0.0.1:9000')
  })
})
