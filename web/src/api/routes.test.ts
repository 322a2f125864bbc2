/**
 * The web client's route table (routes.ts) against the routes the server really registers: the
 * real app is built (buildTestApp) with an onRoute hook that records every route's options, and
 * each row of the table must name a registered method and path whose params, query, body and
 * response (for the row's status) are the client's schemas. Where the client's schema is an
 * object exported by contracts/, the server must use that very object; where either side builds
 * one inline (e.g. `Type.Array(Unit)`), the two must be structurally equal.
 */
import type { RouteOptions } from 'fastify'
import type { TSchema } from 'typebox'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as auditContracts from '../../../contracts/audit.ts'
import * as authContracts from '../../../contracts/auth.ts'
import * as calendarContracts from '../../../contracts/calendar.ts'
import * as commonContracts from '../../../contracts/common.ts'
import * as orgContracts from '../../../contracts/org.ts'
import * as procedureContracts from '../../../contracts/procedures.ts'
import { buildTestApp, type TestApp } from '../../../server/test/test-app.ts'
import { routes, type Endpoint } from './routes.ts'

const registered = vi.hoisted(() => [] as RouteOptions[])

vi.mock('fastify', async (importOriginal) => {
  const original = await importOriginal<typeof import('fastify')>()
  const create = ((options?: Parameters<typeof original.default>[0]) => {
    const app = original.default(options)
    app.addHook('onRoute', (route) => {
      registered.push(route)
    })
    return app
  }) as typeof original.default
  return { ...original, default: create, fastify: create }
})

const CONTRACT_OBJECTS = new Set<unknown>(
  [auditContracts, authContracts, calendarContracts, commonContracts, orgContracts, procedureContracts].flatMap((module) => Object.values(module)),
)

type SchemaPart = 'params' | 'querystring' | 'body' | 'response'

function methodsOf(route: RouteOptions): string[] {
  return (Array.isArray(route.method) ? route.method : [route.method]).map((method) => method.toUpperCase())
}

function compare(problems: string[], name: string, part: SchemaPart, client: TSchema | undefined, server: unknown): void {
  if (client === undefined && server === undefined) return
  if (client === undefined || server === undefined) {
    problems.push(`${name}: ${part} schema is ${client === undefined ? 'missing in the client' : 'missing on the server'}`)
    return
  }
  if (CONTRACT_OBJECTS.has(client) || CONTRACT_OBJECTS.has(server)) {
    if (client !== server) problems.push(`${name}: ${part} is not the same contracts/ schema on both sides`)
    return
  }
  try {
    expect(client).toEqual(server)
  } catch {
    problems.push(`${name}: ${part} schema differs from the server's`)
  }
}

/** What is wrong with one row of the table, given the server's routes (empty: nothing). */
function driftOf(name: string, endpoint: Endpoint, serverRoutes: readonly RouteOptions[]): string[] {
  const route = serverRoutes.find((candidate) => candidate.url === endpoint.path && methodsOf(candidate).includes(endpoint.method))
  if (!route) return [`${name}: the server registers no ${endpoint.method} ${endpoint.path}`]
  const schema = (route.schema ?? {}) as { params?: unknown; querystring?: unknown; body?: unknown; response?: Record<string, unknown> }
  const problems: string[] = []
  compare(problems, name, 'params', endpoint.params, schema.params)
  compare(problems, name, 'querystring', endpoint.query, schema.querystring)
  // A file sent as is (an import) is described by the server only.
  if (!endpoint.rawBody) compare(problems, name, 'body', endpoint.body, schema.body)
  if (endpoint.response !== null) {
    const serverResponse = schema.response?.[String(endpoint.status)]
    if (serverResponse === undefined) problems.push(`${name}: the server has no response schema for status ${endpoint.status}`)
    else compare(problems, name, 'response', endpoint.response, serverResponse)
  }
  return problems
}

describe('web route table against the server', () => {
  let testApp: TestApp

  beforeAll(async () => {
    testApp = await buildTestApp()
  })
  afterAll(async () => {
    await testApp?.close()
  })

  it('records the server routes', () => {
    expect(registered.some((route) => route.url === '/api/units' && methodsOf(route).includes('GET'))).toBe(true)
  })

  it.each(Object.entries(routes))('%s matches the route the server registers', (name, endpoint) => {
    expect(driftOf(name, endpoint, registered)).toEqual([])
  })

  it('reports a row whose response type drifted (Agency where the server sends AgencyDetail)', () => {
    const drifted: Endpoint = { ...routes.getAgency, response: orgContracts.Agency }
    expect(driftOf('getAgency', drifted, registered)).toEqual(['getAgency: response is not the same contracts/ schema on both sides'])
  })

  it('reports a row whose method or path the server does not register', () => {
    expect(driftOf('x', { ...routes.updateUnit, method: 'PUT' }, registered)).toEqual(['x: the server registers no PUT /api/units/:id'])
    expect(driftOf('y', { ...routes.listUnits, path: '/api/unit' }, registered)).toEqual(['y: the server registers no GET /api/unit'])
  })

  it('reports an inline schema that differs', () => {
    const drifted: Endpoint = { ...routes.listUsers, response: orgContracts.UserSummary }
    expect(driftOf('listUsers', drifted, registered)).toEqual(['listUsers: response is not the same contracts/ schema on both sides'])
    const wrongQuery: Endpoint = { ...routes.getProcedure, query: orgContracts.UnitListQuery }
    expect(driftOf('getProcedure', wrongQuery, registered)[0]).toMatch(/querystring/)
  })
})
