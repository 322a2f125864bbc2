/**
 * The catalogue revision moves with every change to the catalogue, in the change's own
 * transaction (no trigger: Citus refuses tables with triggers, ADR 0015), and only then: every
 * server's in-memory search index reloads when it sees the counter move.
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type SessionHeaders, type TestApp } from '../../test/test-app.ts'
import { sampleContent } from './test-fixtures.ts'

let t: TestApp
let admin: SessionHeaders
beforeAll(async () => {
  t = await buildTestApp()
  admin = await t.signIn('quantri')
})
afterAll(() => t.close())

async function revision(): Promise<number> {
  return (await t.database.db.selectFrom('catalogue_revision').select('revision').where('id', '=', 1).executeTakeFirstOrThrow()).revision
}

/** Runs a request and returns how far it moved the revision. */
async function bumpOf(request: () => Promise<{ statusCode: number; body: string }>, status: number): Promise<number> {
  const before = await revision()
  const response = await request()
  expect(response.statusCode, response.body).toBe(status)
  return (await revision()) - before
}

describe('catalogue revision', () => {
  it('has no trigger left on the catalogue tables', async () => {
    const triggers = await sql<{ name: string }>`select tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where c.relname in ('procedures', 'procedure_versions', 'procedure_fields', 'procedure_agencies') and not t.tgisinternal`.execute(t.database.db)
    expect(triggers.rows).toEqual([])
  })

  it('moves once with each write path, and not when the write is refused', async () => {
    const post = (url: string, payload?: object) => () => t.app.inject({ method: 'POST', url, headers: admin, ...(payload === undefined ? {} : { payload }) })
    const put = (url: string, payload: object, headers: Record<string, string> = {}) => () => t.app.inject({ method: 'PUT', url, headers: { ...admin, ...headers }, payload })

    const content = sampleContent({ nationalCode: 'R.000001', name: 'Thủ tục thử số hiệu danh mục', field: { name: 'Lĩnh vực thử số hiệu', code: null } })
    let id = ''
    expect(await bumpOf(async () => {
      const response = await post('/api/procedures', { content, effectiveFrom: '2025-07-01' })()
      id = response.json().id as string
      return response
    }, 201)).toBe(1)
    expect(await bumpOf(put(`/api/procedures/${id}/versions/1`, { content: { ...content, name: 'Thủ tục thử số hiệu danh mục (sửa)' }, effectiveFrom: '2025-07-01' }, { 'if-match': '"1"' }), 200)).toBe(1)
    expect(await bumpOf(post(`/api/procedures/${id}/versions/1/publish`), 200)).toBe(1)
    // Refused (already published): the transaction rolls back, and the revision with it.
    expect(await bumpOf(post(`/api/procedures/${id}/versions/1/publish`), 409)).toBe(0)
    expect(await bumpOf(post(`/api/procedures/${id}/versions`, { content, effectiveFrom: '2026-01-01' }), 201)).toBe(1)
    expect(await bumpOf(post(`/api/procedures/${id}/versions/1/withdraw`), 200)).toBe(1)
    const agencyId = await t.agencyId('Ủy ban nhân dân tỉnh An Thịnh')
    expect(await bumpOf(put(`/api/procedures/${id}/agencies`, { agencies: [{ agencyId, localCode: null, onlineLevel: 'full', active: true }] }), 200)).toBe(1)
    // The importers: a package, and a file (both through the one import transaction).
    expect(await bumpOf(post('/api/procedures/packages', { format: 'cchc.procedure-package/1', effectiveFrom: '2026-02-01', procedure: { ...content, nationalCode: 'R.000002', name: 'Thủ tục thử số hiệu gói' } }), 201)).toBe(1)
  })

  it('moves with an import of a file', async () => {
    const exported = await t.app.inject({ method: 'GET', url: '/api/procedures/export.csv', headers: admin })
    expect(exported.statusCode).toBe(200)
    // Re-importing the catalogue in force changes no row, yet is a catalogue write: it moves once.
    expect(await bumpOf(() => t.app.inject({ method: 'POST', url: '/api/procedures/imports?mode=valid_rows_only', headers: { ...admin, 'content-type': 'text/csv' }, payload: exported.rawPayload }), 200)).toBe(1)
  })

  it('is seen by another server: its search shows a procedure created elsewhere', async () => {
    {
      // A second server process on the same database.
      const { buildApp } = await import('../../app.ts')
      const second = await buildApp({ config: t.config, database: t.database, clock: t.clock })
      await second.ready()
      try {
        const search = async () => (await second.inject({ method: 'GET', url: `/api/public/procedures?q=${encodeURIComponent('so hieu lien may chu')}` })).json() as { total: number }
        expect((await search()).total).toBe(0)
        const content = sampleContent({ nationalCode: 'R.000003', name: 'Thủ tục số hiệu liên máy chủ', field: { name: 'Lĩnh vực thử số hiệu', code: null } })
        const created = await t.app.inject({ method: 'POST', url: '/api/procedures', headers: admin, payload: { content, effectiveFrom: '2025-07-01' } })
        const procedureId = created.json().id as string
        expect((await t.app.inject({ method: 'POST', url: `/api/procedures/${procedureId}/versions/1/publish`, headers: admin })).statusCode).toBe(200)
        // The second server's index is at most refreshMs (1 s) old; it reloads because the counter moved.
        await new Promise((resolve) => setTimeout(resolve, 1100))
        expect((await search()).total).toBe(1)
      } finally {
        await second.close()
      }
    }
  })
})
