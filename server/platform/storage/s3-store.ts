/**
 * The production store: an S3-compatible object store through the real AWS SDK. An upload is
 * spooled to a local temporary file first (counted, hashed, sniffed), then sent as one PutObject
 * of known length: S3 makes an object visible only once it is whole, so nothing half written is
 * ever seen under its key, and a file refused with 413 or 415 never reaches the bucket.
 */
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Readable } from 'node:stream'
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3'
import { AppError } from '../errors.ts'
import { assertValidKey, spool, temporaryName, type FileStore } from './file-store.ts'

export interface S3StoreOptions {
  endpoint: string | undefined
  region: string
  bucket: string
  accessKeyId: string | undefined
  secretAccessKey: string | undefined
  forcePathStyle: boolean
  /** Folder for the temporary spool files (default: the system's). */
  spoolDir?: string
}

function isMissing(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata?.httpStatusCode === 404
}

/** An unreachable store answers 503, like an unreachable database. */
function unavailable(error: unknown): unknown {
  if (error instanceof S3ServiceException || error instanceof AppError) return error
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code && ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'].includes(code)) {
    return new AppError('server.unavailable', { vi: 'Kho lưu trữ tệp không trả lời', en: 'The file store does not answer' }, { retryAfterSeconds: 30, dependencies: { storage: 'down' } })
  }
  return error
}

export function createS3FileStore(options: S3StoreOptions): FileStore {
  const client = new S3Client({
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.accessKeyId && options.secretAccessKey ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } } : {}),
  })
  const Bucket = options.bucket
  const spoolDir = options.spoolDir ?? path.join(os.tmpdir(), 'cchc-upload')
  let ready: Promise<void> | null = null
  const prepare = () => (ready ??= fsp.mkdir(spoolDir, { recursive: true, mode: 0o700 }).then(() => undefined))

  return {
    driver: 's3',
    async put(key, source, { kind }) {
      assertValidKey(key)
      await prepare()
      const spooled = await spool(source, temporaryName(spoolDir), kind)
      try {
        await client.send(
          new PutObjectCommand({
            Bucket,
            Key: key,
            Body: fs.createReadStream(spooled.file),
            ContentLength: spooled.size,
            ContentType: spooled.mediaType,
            // The store checks the bytes it received against the hash computed here.
            ChecksumSHA256: Buffer.from(spooled.sha256, 'hex').toString('base64'),
            Metadata: { sha256: spooled.sha256 },
          }),
        )
      } catch (error) {
        throw unavailable(error)
      } finally {
        await fsp.rm(spooled.file, { force: true })
      }
      return { key, size: spooled.size, sha256: spooled.sha256, mediaType: spooled.mediaType }
    },
    async get(key) {
      assertValidKey(key)
      try {
        const answer = await client.send(new GetObjectCommand({ Bucket, Key: key }))
        if (!answer.Body) throw new AppError('file.not_found')
        return { stream: answer.Body as Readable, size: answer.ContentLength ?? 0 }
      } catch (error) {
        if (isMissing(error)) throw new AppError('file.not_found')
        throw unavailable(error)
      }
    },
    async delete(key) {
      assertValidKey(key)
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key }))
      } catch (error) {
        if (!isMissing(error)) throw unavailable(error)
      }
    },
    async exists(key) {
      assertValidKey(key)
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: key }))
        return true
      } catch (error) {
        if (isMissing(error)) return false
        throw unavailable(error)
      }
    },
    async close() {
      client.destroy()
    },
  }
}
