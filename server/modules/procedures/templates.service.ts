/**
 * Form templates (mẫu đơn, tờ khai) of a procedure version's documents (ADR 0013). An official who
 * edits the catalogue uploads, replaces or deletes the template of a document of a draft; the
 * portal downloads the templates of the version in force. The bytes live in the file store; the
 * row (and the audit entry, with the file's SHA-256) is written in one transaction. The order
 * makes every failure leave nothing behind: the new file is stored first under a new key, the
 * row changes in the transaction, and only after the commit is the replaced file deleted; a
 * failed transaction deletes the new file.
 */
import type { Kysely } from 'kysely'
import type { FormTemplate, ProcedureContent } from '../../../contracts/procedures.ts'
import { holdsOverProvince, type RequestContext } from '../../platform/auth/actor.ts'
import { recordAudit } from '../../platform/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import { assertVersion, nextRowVersion, staleWrite } from '../../platform/db/concurrency.ts'
import type { DB } from '../../platform/db/schema.ts'
import { AppError } from '../../platform/errors.ts'
import { newFileKey, type FileContent, type FileStore, type StoredFile } from '../../platform/storage/index.ts'
import type { Executor } from './procedures.repository.ts'
import { findTemplate, toTemplate } from './templates.repository.ts'

export interface TemplateServiceDeps {
  db: Kysely<DB>
  clock: Clock
  storage: FileStore
}

export interface TemplateRef {
  id: string
  version: number
  document: number
}

/** What an upload hands the service: the file as stored under the key it was given, and its name. */
export type ReceiveFile = (key: string) => Promise<{ stored: StoredFile; fileName: string }>

export interface TemplateDownload extends FileContent {
  fileName: string
  mediaType: string
  sha256: string
}

export type TemplateService = ReturnType<typeof createTemplateService>

export function createTemplateService({ db, clock, storage }: TemplateServiceDeps) {
  function assertCatalogueManager(ctx: RequestContext): void {
    // As every other catalogue write (procedures.service.ts): catalogue.manage held over a whole province.
    if (!holdsOverProvince(ctx.actor, 'catalogue.manage')) throw new AppError('auth.forbidden')
  }

  async function findVersion(executor: Executor, ref: TemplateRef, forUpdate = false) {
    const query = executor.selectFrom('procedure_versions').select(['id', 'procedure_id', 'version', 'status', 'content']).where('procedure_id', '=', ref.id).where('version', '=', ref.version)
    const row = await (forUpdate ? query.forUpdate() : query).executeTakeFirst()
    if (!row) throw new AppError('procedure.version_not_found')
    return row
  }

  /** The version must be a draft that lists this document. */
  function assertEditable(row: { status: string; content: unknown }, document: number): void {
    if (row.status !== 'draft') throw new AppError('procedure.version_not_draft')
    const documents = (row.content as ProcedureContent).documents
    if (document >= documents.length) {
      throw new AppError('procedure.invalid', { vi: `Phiên bản không có giấy tờ số ${document + 1}`, en: `The version has no document ${document + 1}` }, { errors: [{ field: '/params/document', message: `must be below ${documents.length}` }] })
    }
  }

  async function download(ref: TemplateRef, publicOnly: boolean): Promise<TemplateDownload> {
    const version = await findVersion(db, ref)
    // The portal sees published versions only; a draft's template is not public.
    if (publicOnly && version.status !== 'published') throw new AppError('file.not_found')
    const row = await findTemplate(db, version.id, ref.document)
    if (!row) throw new AppError('file.not_found')
    const content = await storage.get(row.file_key)
    return { ...content, fileName: row.file_name, mediaType: row.media_type, sha256: row.sha256 }
  }

  return {
    /**
     * Uploads or replaces the template of a document of a draft. `expected` (If-Match) is the
     * replaced template's row version. Answers the template and whether it is new.
     */
    async put(ctx: RequestContext, ref: TemplateRef, receive: ReceiveFile, expected?: number): Promise<{ template: FormTemplate; created: boolean }> {
      assertCatalogueManager(ctx)
      // Checked before the bytes are read, so a refused request stores nothing; checked again, locked, below.
      assertEditable(await findVersion(db, ref), ref.document)
      const { stored, fileName } = await receive(newFileKey('form-template', clock.now()))
      let replacedKey: string | null = null
      let result: { template: FormTemplate; created: boolean }
      try {
        result = await db.transaction().execute(async (trx) => {
          const version = await findVersion(trx, ref, true)
          assertEditable(version, ref.document)
          const existing = await findTemplate(trx, version.id, ref.document)
          if (existing) assertVersion(expected, existing.row_version)
          else if (expected !== undefined) throw staleWrite(0)
          const values = { file_key: stored.key, file_name: fileName, media_type: stored.mediaType, size_bytes: stored.size, sha256: stored.sha256, uploaded_by: ctx.actor.userId, uploaded_at: clock.now() }
          const row = existing
            ? await trx.updateTable('procedure_form_templates').set({ ...values, row_version: nextRowVersion }).where('version_id', '=', version.id).where('document_index', '=', ref.document).where('row_version', '=', existing.row_version).returningAll().executeTakeFirst()
            : await trx.insertInto('procedure_form_templates').values({ version_id: version.id, document_index: ref.document, ...values }).returningAll().executeTakeFirst()
          if (!row) throw staleWrite((await findTemplate(trx, version.id, ref.document))?.row_version ?? 0)
          replacedKey = existing?.file_key ?? null
          await recordAudit(trx, clock, ctx, {
            unitId: ctx.actor.unitId,
            agencyId: ctx.actor.agencyId,
            action: existing ? 'procedure.template_replaced' : 'procedure.template_uploaded',
            subjectType: 'procedure',
            subjectId: ref.id,
            before: existing ? { version: ref.version, document: ref.document, fileName: existing.file_name, size: existing.size_bytes, sha256: existing.sha256 } : undefined,
            after: { version: ref.version, document: ref.document, fileName, mediaType: stored.mediaType, size: stored.size, sha256: stored.sha256 },
          })
          return { template: toTemplate(row, ref.id, ref.version, version.status), created: !existing }
        })
      } catch (error) {
        await storage.delete(stored.key).catch(() => undefined)
        throw error
      }
      if (replacedKey) await storage.delete(replacedKey).catch(() => undefined)
      return result
    },

    /** Deletes the template of a document of a draft. `expected` (If-Match): the template's row version. */
    async remove(ctx: RequestContext, ref: TemplateRef, expected?: number): Promise<void> {
      assertCatalogueManager(ctx)
      const key = await db.transaction().execute(async (trx) => {
        const version = await findVersion(trx, ref, true)
        if (version.status !== 'draft') throw new AppError('procedure.version_not_draft')
        const existing = await findTemplate(trx, version.id, ref.document)
        if (!existing) throw new AppError('file.not_found')
        assertVersion(expected, existing.row_version)
        await trx.deleteFrom('procedure_form_templates').where('version_id', '=', version.id).where('document_index', '=', ref.document).execute()
        await recordAudit(trx, clock, ctx, {
          unitId: ctx.actor.unitId,
          agencyId: ctx.actor.agencyId,
          action: 'procedure.template_deleted',
          subjectType: 'procedure',
          subjectId: ref.id,
          before: { version: ref.version, document: ref.document, fileName: existing.file_name, size: existing.size_bytes, sha256: existing.sha256 },
        })
        return existing.file_key
      })
      // After the commit: a crash before this line leaves an unreferenced file, never a row without its file.
      await storage.delete(key).catch(() => undefined)
    },

    /** The portal's download: a template of a published version. */
    downloadPublic: (ref: TemplateRef) => download(ref, true),

    /** The officials' download: a template of any version (drafts included). */
    downloadForOfficial: (ref: TemplateRef) => download(ref, false),
  }
}
