/** File storage: the store chosen by configuration, the kinds of files and the multipart helper (ADR 0013). */
import path from 'node:path'
import type { FileStore } from './file-store.ts'
import { createLocalFileStore } from './local-store.ts'

export { assertValidKey, newFileKey, type FileContent, type FileStore, type StoredFile } from './file-store.ts'
export { FILE_KINDS, MAX_FILE_BYTES, MEDIA, type FileKind, type FilePolicy, type MediaType } from './file-kinds.ts'
export { contentDisposition, receiveUpload, refuseMultipart, type Upload } from './multipart.ts'

export interface StorageConfig {
  dataDir: string
  storage: {
    driver: 'local' | 's3'
    s3: { endpoint: string | undefined; region: string; bucket: string; accessKeyId: string | undefined; secretAccessKey: string | undefined; forcePathStyle: boolean }
  }
}

/** The store the configuration names: a folder under DATA_DIR, or an S3 bucket. */
export function createFileStore(config: StorageConfig): FileStore {
  if (config.storage.driver === 's3') {
    // The AWS SDK is loaded on the first use of the store, not at start (a third of a second of CPU).
    const options = { ...config.storage.s3, spoolDir: path.join(config.dataDir, 'upload-spool') }
    let store: Promise<FileStore> | null = null
    const open = () => (store ??= import('./s3-store.ts').then(({ createS3FileStore }) => createS3FileStore(options)))
    return {
      driver: 's3',
      put: async (key, source, kind) => (await open()).put(key, source, kind),
      get: async (key) => (await open()).get(key),
      delete: async (key) => (await open()).delete(key),
      exists: async (key) => (await open()).exists(key),
      close: async () => {
        if (store) await (await store).close()
      },
    }
  }
  return createLocalFileStore({ root: path.join(config.dataDir, 'files') })
}
