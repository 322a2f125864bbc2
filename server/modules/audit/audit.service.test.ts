/**
 * Date filters of the audit list are days in Viet Nam, whatever the database session's time zone:
 * a Citus worker may run in UTC, so the bounds are instants computed by the application, never
 * `::date` against the session (ADR 0015).
 */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Actor } from '../../platform/auth/actor.ts'
import { recordAudit } from '../../platform/audit.ts'
import { fixedClock } from '../../platform/clock.ts'
import { createTestDatabase } from '../../test/test-app.ts'
import type { Database } from '../../platform/db/database.ts'
import { createAuditService } from './audit.service.ts'

let database: Database
let actor: Actor
const SUBJECT = 'tz-probe'
beforeAll(async () => {
  database = await createTestDatabase()
  const agency = await database.db
    .selectFrom('agencies')
    .innerJoin('admin_units', 'admin_units.id', 'agencies.unit_id')
    .select(['agencies.id', 'agencies.path', 'agencies.unit_id', 'admin_units.path as unit_path'])
    .where('admin_units.level', '=', 'province')
    .where('agencies.parent_id', 'is', null)
    .executeTakeFirstOrThrow()
  actor = {
    type: 'user',
    userId: '00000000-0000-4000-8000-000000000001',
    tokenId: null,
    name: 'probe',
    agencyId: agency.id,
    unitId: agency.unit_id,
    sessionId: null,
    grants: [{ permission: 'audit.read', agencyId: agency.id, agencyPath: agency.path, agencyUnitPath: agency.unit_path, unitPath: agency.unit_path }],
  }
  // Around the two midnights of 2 March 2026 in Viet Nam (UTC+7): 1 March 17:00Z and 2 March 17:00Z.
  for (const instant of ['2026-03-01T16:59:59.999Z', '2026-03-01T17:00:00.000Z', '2026-03-02T16:59:59.999Z', '2026-03-02T17:00:00.000Z']) {
    await database.db.transaction().execute((trx) =>
      recordAudit(trx, fixedClock(instant), { actor: null, requestId: null, ip: null }, { unitId: agency.unit_id, agencyId: agency.id, action: 'probe.recorded', subjectType: 'probe', subjectId: SUBJECT, after: { instant } }),
    )
  }
})
afterAll(() => database.close())

describe('audit list by Vietnamese days', () => {
  for (const zone of ['UTC', 'Asia/Ho_Chi_Minh', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
    it(`gives the same entries with the session in ${zone}`, async () => {
      const instants = await database.db.transaction().execute(async (trx) => {
        await sql.raw(`set local time zone '${zone}'`).execute(trx)
        const audit = createAuditService({ db: trx })
        const page = await audit.listEntries({ actor, requestId: 'r', ip: null }, { subjectId: SUBJECT, from: '2026-03-02', to: '2026-03-02' })
        const dayBefore = await audit.listEntries({ actor, requestId: 'r', ip: null }, { subjectId: SUBJECT, to: '2026-03-01' })
        const dayAfter = await audit.listEntries({ actor, requestId: 'r', ip: null }, { subjectId: SUBJECT, from: '2026-03-03' })
        return { day: page.items.map((e) => e.occurredAt), before: dayBefore.items.map((e) => e.occurredAt), after: dayAfter.items.map((e) => e.occurredAt), total: page.total }
      })
      expect(instants.day).toEqual(['2026-03-02T16:59:59.999Z', '2026-03-01T17:00:00.000Z'])
      expect(instants.total).toBe(2)
      expect(instants.before).toEqual(['2026-03-01T16:59:59.999Z'])
      expect(instants.after).toEqual(['2026-03-02T17:00:00.000Z'])
    })
  }
})
