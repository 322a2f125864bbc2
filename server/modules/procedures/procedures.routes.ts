/** HTTP surface of the procedure catalogue: the public portal and the officials' editing cycle. */
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Type from 'typebox'
import { IdParams, IsoDate } from '../../../contracts/common.ts'
import { CreateProcedureBody, FieldSummary, NewVersionBody, Procedure, ProcedureVersion, SearchQuery, SearchResult, SetAgenciesBody, Suggestion, VersionParams } from '../../../contracts/procedures.ts'
import { IfMatchHeaders } from '../../../contracts/org.ts'
import { expectedVersion, withETag } from '../../platform/db/concurrency.ts'
import { requestContext } from '../../platform/http/authentication.ts'
import type { ProcedureService } from './procedures.service.ts'

export interface ProcedureRoutesOptions {
  procedures: ProcedureService
  publicRateLimit: { max: number; timeWindow: string }
}

const Change = Type.Object({ path: Type.String(), before: Type.Unknown(), after: Type.Unknown() })

export const procedureRoutes: FastifyPluginAsyncTypebox<ProcedureRoutesOptions> = async (app, { procedures, publicRateLimit }) => {
  const pub = { config: { rateLimit: publicRateLimit } }
  app.get('/public/procedures', { ...pub, schema: { tags: ['procedures'], summary: 'Search the catalogue (diacritics, case and word order ignored)', querystring: SearchQuery, response: { 200: SearchResult } } }, (request) => procedures.search(request.query))
  app.get(
    '/public/procedures/suggest',
    { ...pub, schema: { tags: ['procedures'], summary: 'Names as you type', querystring: Type.Object({ q: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }), response: { 200: Type.Array(Suggestion) } } },
    async (request) => (await procedures.search({ q: request.query.q, limit: 8 })).items.map((p) => ({ id: p.id, name: p.name, nationalCode: p.nationalCode })),
  )
  app.get('/public/procedure-fields', { ...pub, schema: { tags: ['procedures'], summary: 'Fields with the number of procedures in force', response: { 200: Type.Array(FieldSummary) } } }, () => procedures.fields())
  app.get(
    '/public/procedure-agencies',
    { ...pub, schema: { tags: ['procedures'], summary: 'Agencies implementing procedures in force, with how many each', response: { 200: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), count: Type.Integer() })) } } },
    () => procedures.agencies(),
  )
  app.get('/public/procedures/:id', { ...pub, schema: { tags: ['procedures'], summary: 'A procedure as in force today', params: IdParams, response: { 200: Procedure } } }, (request) => procedures.getPublic(request.params.id))

  await app.register(async (instance) => {
    const office = instance.withTypeProvider<TypeBoxTypeProvider>()
    office.addHook('onRequest', app.authenticate)
    office.get(
      '/procedures/drafts',
      {
        config: { tokenPermission: 'catalogue.manage' },
        schema: {
          tags: ['procedures'],
          summary: 'Draft versions awaiting publication',
          response: { 200: Type.Array(Type.Object({ procedureId: Type.String(), nationalCode: Type.Union([Type.String(), Type.Null()]), name: Type.String(), version: Type.Integer(), effectiveFrom: Type.String(), createdAt: Type.String() })) },
        },
      },
      () => procedures.drafts(),
    )
    office.get(
      '/procedures/:id',
      { config: { tokenPermission: 'org.read' }, schema: { tags: ['procedures'], summary: 'A procedure with every version', params: IdParams, querystring: Type.Object({ on: Type.Optional(IsoDate) }, { additionalProperties: false }), response: { 200: Procedure } } },
      async (request, reply) => withETag(reply, await procedures.getForOfficial(request.params.id, request.query.on)),
    )
    office.get('/procedures/:id/versions/:version', { config: { tokenPermission: 'org.read' }, schema: { tags: ['procedures'], params: VersionParams, response: { 200: ProcedureVersion } } }, async (request, reply) =>
      withETag(reply, await procedures.getVersion(request.params.id, request.params.version)),
    )
    office.get(
      '/procedures/:id/compare',
      { config: { tokenPermission: 'org.read' }, schema: { tags: ['procedures'], summary: 'What changed between two versions', params: IdParams, querystring: Type.Object({ from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }), response: { 200: Type.Array(Change) } } },
      (request) => procedures.compare(request.params.id, request.query.from, request.query.to),
    )
    office.post('/procedures', { config: { tokenPermission: 'catalogue.manage' }, schema: { tags: ['procedures'], summary: 'Create a procedure (its first version is a draft)', body: CreateProcedureBody, response: { 201: Procedure } } }, async (request, reply) =>
      reply.code(201).send(await procedures.createProcedure(requestContext(request), request.body.content, request.body.effectiveFrom)),
    )
    office.post('/procedures/:id/versions', { config: { tokenPermission: 'catalogue.manage' }, schema: { tags: ['procedures'], summary: 'Edit as a new version (a draft)', params: IdParams, body: NewVersionBody, response: { 201: ProcedureVersion } } }, async (request, reply) =>
      reply.code(201).send(await procedures.createVersion(requestContext(request), request.params.id, request.body.content, request.body.effectiveFrom)),
    )
    office.put('/procedures/:id/versions/:version', { config: { tokenPermission: 'catalogue.manage' }, schema: { tags: ['procedures'], summary: 'Change a draft (If-Match: the rowVersion edited)', params: VersionParams, headers: IfMatchHeaders, body: NewVersionBody, response: { 200: ProcedureVersion } } }, async (request, reply) =>
      withETag(reply, await procedures.updateDraft(requestContext(request), request.params.id, request.params.version, request.body.content, request.body.effectiveFrom, expectedVersion(request.headers))),
    )
    office.post('/procedures/:id/versions/:version/publish', { config: { tokenPermission: 'catalogue.manage' }, schema: { tags: ['procedures'], params: VersionParams, headers: IfMatchHeaders, response: { 200: ProcedureVersion } } }, async (request, reply) =>
      withETag(reply, await procedures.publish(requestContext(request), request.params.id, request.params.version, expectedVersion(request.headers))),
    )
    office.post('/procedures/:id/versions/:version/withdraw', { config: { tokenPermission: 'catalogue.manage' }, schema: { tags: ['procedures'], summary: 'Unpublish', params: VersionParams, headers: IfMatchHeaders, response: { 200: ProcedureVersion } } }, async (request, reply) =>
      withETag(reply, await procedures.withdraw(requestContext(request), request.params.id, request.params.version, expectedVersion(request.headers))),
    )
    office.put('/procedures/:id/agencies', { config: { tokenPermission: 'catalogue.manage' }, schema: { tags: ['procedures'], summary: 'Agencies implementing the procedure', params: IdParams, headers: IfMatchHeaders, body: SetAgenciesBody, response: { 200: Procedure } } }, async (request, reply) =>
      withETag(reply, await procedures.setAgencies(requestContext(request), request.params.id, request.body, expectedVersion(request.headers))),
    )
  })
}
