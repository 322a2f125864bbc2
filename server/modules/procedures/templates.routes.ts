/**
 * Form templates over HTTP (ADR 0013): officials upload (multipart/form-data, one file part),
 * replace and delete the template of a document of a draft; the portal downloads the templates
 * of published versions. Downloads carry the stored (sniffed) media type, `nosniff`, the original
 * name in Content-Disposition (RFC 6266, RFC 8187 for Vietnamese names) and the SHA-256 as ETag.
 */
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { IfMatchHeaders } from '../../../contracts/org.ts'
import { FormTemplate, TemplateParams } from '../../../contracts/procedures.ts'
import { etag, expectedVersion } from '../../platform/db/concurrency.ts'
import { requestContext } from '../../platform/http/authentication.ts'
import { contentDisposition, FILE_KINDS, receiveUpload } from '../../platform/storage/index.ts'
import type { TemplateDownload, TemplateService } from './templates.service.ts'

export interface TemplateRoutesOptions {
  templates: TemplateService
  publicRateLimit: { max: number; timeWindow: string }
}

const FileBody = Type.String({ format: 'binary', description: 'The template file, with the media type it was uploaded as (sniffed from its bytes)' })
const LIMIT_MB = FILE_KINDS['form-template'].maxBytes / 1024 / 1024

function send(request: FastifyRequest, reply: FastifyReply, file: TemplateDownload, cacheControl: string) {
  const tag = `"${file.sha256}"`
  void reply.header('etag', tag).header('cache-control', cacheControl).header('x-content-type-options', 'nosniff')
  if (request.headers['if-none-match'] === tag) {
    file.stream.destroy()
    return reply.code(304).send()
  }
  return reply
    .type(file.mediaType)
    .header('content-length', String(file.size))
    .header('content-disposition', contentDisposition(file.fileName))
    // Opened from the API's origin, a file is never a page that runs anything.
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.stream)
}

export const templateRoutes: FastifyPluginAsyncTypebox<TemplateRoutesOptions> = async (app, { templates, publicRateLimit }) => {
  const path = '/procedures/:id/versions/:version/documents/:document/template'

  app.get(
    `/public${path}`,
    {
      config: { rateLimit: publicRateLimit },
      schema: { tags: ['procedures'], summary: 'Download the blank form of a document of a published version', params: TemplateParams, response: { 200: FileBody, 304: Type.Null() } },
    },
    async (request, reply) => send(request, reply, await templates.downloadPublic(request.params), 'public, max-age=0, must-revalidate'),
  )

  await app.register(async (instance) => {
    const office = instance.withTypeProvider<TypeBoxTypeProvider>()
    office.addHook('onRequest', app.authenticate)

    office.get(
      path,
      { config: { tokenPermission: 'org.read' }, schema: { tags: ['procedures'], summary: 'Download the blank form of a document of any version (drafts included)', params: TemplateParams, response: { 200: FileBody, 304: Type.Null() } } },
      async (request, reply) => send(request, reply, await templates.downloadForOfficial(request.params), 'private, no-cache'),
    )

    office.put(
      path,
      {
        config: { tokenPermission: 'catalogue.manage', multipart: true },
        schema: {
          tags: ['procedures'],
          summary: 'Upload or replace the blank form of a document of a draft (multipart/form-data, one file part)',
          description: `PDF, DOC/DOCX, XLS/XLSX or ODT, up to ${LIMIT_MB} MB, judged by the bytes (never by the name or the part's Content-Type): 413 file.too_large, 415 file.unsupported_type, and nothing is stored. If-Match: the replaced template's rowVersion.`,
          consumes: ['multipart/form-data'],
          params: TemplateParams,
          headers: IfMatchHeaders,
          response: { 200: FormTemplate, 201: FormTemplate },
        },
      },
      async (request, reply) => {
        const { template, created } = await templates.put(requestContext(request), request.params, (key) => receiveUpload(request, app.storage, key, 'form-template'), expectedVersion(request.headers))
        return reply.code(created ? 201 : 200).header('etag', etag(template.rowVersion)).send(template)
      },
    )

    office.delete(
      path,
      { config: { tokenPermission: 'catalogue.manage' }, schema: { tags: ['procedures'], summary: 'Delete the blank form of a document of a draft (If-Match: its rowVersion)', params: TemplateParams, headers: IfMatchHeaders, response: { 204: Type.Null() } } },
      async (request, reply) => {
        await templates.remove(requestContext(request), request.params, expectedVersion(request.headers))
        return reply.code(204).send(null)
      },
    )
  })
}
