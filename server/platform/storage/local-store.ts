/**
 * The embedded default store: files in a folder (`DATA_DIR/files`). An upload is spooled into
 * `.tmp/` inside the same folder and renamed into place once checked: a rename on one file system
 * is atomic, so a reader sees the old file or the new one, never a part. Keys are validated before
 * they become paths, and the resolved path must stay inside the folder.
 */
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { AppError } from '../errors.ts'
import { assertValidKey, spool, temporaryName, type FileStore } from './file-store.ts'

export function createLocalFileStore({ root }: { root: string }): FileStore {
  const base = path.resolve(root)
  const tmp = path.join(base, '.tmp')
  let ready: Promise<void> | null = null
  // Created on first use, so an app that never stores a file leaves no folder behind.
  const prepare = () => (ready ??= fsp.mkdir(tmp, { recursive: true, mode: 0o700 }).then(() => undefined))

  function pathOf(key: string): string {
    assertValidKey(key)
    const file = path.resolve(base, ...key.split('/'))
    if (!file.startsWith(base + path.sep) || file.startsWith(tmp + path.sep)) throw new AppError('request.invalid', { vi: 'Khoá tệp không hợp lệ', en: 'Invalid file key' })
    return file
  }

  return {
    driver: 'local',
    async put(key, source, { kind }) {
      const target = pathOf(key)
      await prepare()
      const spooled = await spool(source, temporaryName(tmp), kind)
      try {
        await fsp.mkdir(path.dirname(target), { recursive: true, mode: 0o700 })
        await fsp.rename(spooled.file, target)
      } catch (error) {
        await fsp.rm(spooled.file, { force: true })
        throw error
      }
      return { key, size: spooled.size, sha256: spooled.sha256, mediaType: spooled.mediaType }
    },
    async get(key) {
      const file = pathOf(key)
      let handle: fsp.FileHandle
      try {
        handle = await fsp.open(file, fs.constants.O_RDONLY)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('file.not_found')
        throw error
      }
      // Size and stream from one open file: a replacement renamed over it meanwhile does not mix in.
      const { size } = await handle.stat()
      return { stream: handle.createReadStream(), size }
    },
    async delete(key) {
      await fsp.rm(pathOf(key), { force: true })
    },
    async exists(key) {
      try {
        return (await fsp.stat(pathOf(key))).isFile()
      } catch {
        return false
      }
    },
    async close() {},
  }
}
