/**
 * Route schemas compiled on first use (ADR 0018): before any warm-up, a route still refuses a bad
 * body, coerces its query string and answers through its response schema (fields the schema does
 * not name are dropped); the warm-up then compiles what is left, once.
 */
import Fastify from 'fastify'
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler'
import { Type } from 'typebox'
import { describe, expect, it } from 'vitest'
import { createDeferredCompilers } from './validation.ts'

function appWithDeferredCompilers() {
  let built = 0
  // fast-json-stringify as Fastify builds it, counting each serializer actually built.
  const counting: typeof SerializerSelector = () => {
    const factory = SerializerSelector()
    return (external, options) => {
      const build = factory(external, options)
      return (routeSchema) => {
        built++
        return build(routeSchema)
      }
    }
  }
  const compilers = createDeferredCompilers(counting)
  const app = Fastify({
    // No automatic HEAD twins, so the count of registered schemas is exact.
    exposeHeadRoutes: false,
    schemaController: { compilersFactory: { buildSerializer: compilers.buildSerializer } },
  })
  app.setValidatorCompiler(compilers.validatorCompiler)
  const Answer = Type.Object({ name: Type.String(), count: Type.Integer() })
  app.post('/things', { schema: { body: Type.Object({ name: Type.String({ minLength: 2 }) }, { additionalProperties: false }), response: { 200: Answer } } }, async (request) => ({
    name: (request.body as { name: string }).name,
    count: 1,
    secret: 'never serialised',
  }))
  app.get('/things', { schema: { querystring: Type.Object({ page: Type.Integer({ minimum: 1 }) }), response: { 200: Answer } } }, async (request) => ({
    name: 'page',
    count: (request.query as { page: number }).page,
  }))
  return { app, compilers, serializersBuilt: () => built }
}

describe('deferred route schema compilers', () => {
  it('validate, coerce and serialise on first use, without a warm-up', async () => {
    const { app, serializersBuilt } = appWithDeferredCompilers()
    await app.ready()
    expect(serializersBuilt()).toBe(0)
    const bad = await app.inject({ method: 'POST', url: '/things', payload: { name: 'x', extra: true } })
    expect(bad.statusCode).toBe(400)
    const good = await app.inject({ method: 'POST', url: '/things', payload: { name: 'xy' } })
    expect(good.statusCode).toBe(200)
    expect(good.json()).toEqual({ name: 'xy', count: 1 })
    expect(serializersBuilt()).toBe(1)
    const coerced = await app.inject({ method: 'GET', url: '/things?page=3' })
    expect(coerced.json()).toEqual({ name: 'page', count: 3 })
    expect((await app.inject({ method: 'GET', url: '/things?page=0' })).statusCode).toBe(400)
    await app.close()
  })

  it('the warm-up compiles every schema not used yet, once', async () => {
    const { app, compilers, serializersBuilt } = appWithDeferredCompilers()
    await app.ready()
    await app.inject({ method: 'GET', url: '/things?page=1' })
    expect(serializersBuilt()).toBe(1)
    // Two bodies/queries and two answers were registered; warm() walks all four, builds the rest.
    expect(await compilers.warm()).toBe(4)
    expect(serializersBuilt()).toBe(2)
    expect(await compilers.warm()).toBe(0)
    await app.close()
  })

  it('a schema that cannot compile fails in the warm-up', async () => {
    const compilers = createDeferredCompilers()
    const app = Fastify()
    app.setValidatorCompiler(compilers.validatorCompiler)
    app.post('/broken', { schema: { body: { type: 'object', properties: { a: { $ref: '#/definitions/missing' } } } } }, async () => ({}))
    await app.ready()
    await expect(compilers.warm()).rejects.toThrow(/missing|resolve/i)
    await app.close()
  })
})
