/** SQL of the procedures' form templates (`procedure_form_templates`) and their API shape. */
import type { FormTemplate } from '../../../contracts/procedures.ts'
import type { Executor } from './procedures.repository.ts'

export function templatesOf(db: Executor, versionIds: string[]) {
  if (versionIds.length === 0) return Promise.resolve([])
  return db.selectFrom('procedure_form_templates').selectAll().where('version_id', 'in', versionIds).orderBy('version_id').orderBy('document_index').execute()
}

export type TemplateRecord = Awaited<ReturnType<typeof templatesOf>>[number]

export function findTemplate(db: Executor, versionId: string, documentIndex: number) {
  return db.selectFrom('procedure_form_templates').selectAll().where('version_id', '=', versionId).where('document_index', '=', documentIndex).executeTakeFirst()
}

/** Where a template is downloaded: the portal's address once its version is published, the officials' before. */
export function templateUrl(procedureId: string, version: number, documentIndex: number, status: string): string {
  const path = `/procedures/${procedureId}/versions/${version}/documents/${documentIndex}/template`
  return status === 'published' ? `/api/public${path}` : `/api${path}`
}

export function toTemplate(row: TemplateRecord, procedureId: string, version: number, status: string): FormTemplate {
  return {
    documentIndex: row.document_index,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size_bytes,
    sha256: row.sha256,
    uploadedAt: row.uploaded_at.toISOString(),
    url: templateUrl(procedureId, version, row.document_index, status),
    rowVersion: row.row_version,
  }
}

/** The templates of one version, in the API's shape. */
export async function versionTemplates(db: Executor, version: { id: string; procedure_id: string; version: number; status: string }): Promise<FormTemplate[]> {
  return (await templatesOf(db, [version.id])).map((row) => toTemplate(row, version.procedure_id, version.version, version.status))
}
