/** Reading the audit trail, limited to the reader's scope. Writing is `recordAudit` (platform). */
import type { Kysely } from 'kysely'
import type { AuditEntry, AuditListQuery } from '../../../contracts/audit.ts'
import { agencyScopes, unitScopes, type RequestContext } from '../../platform/auth/actor.ts'
import type { DB } from '../../platform/db/schema.ts'
import { underAnyPath } from '../../platform/db/scopes.ts'
import { startOfVietnamDay } from '../../platform/time/vietnam-time.ts'

export type AuditService = ReturnType<typeof createAuditService>

export function createAuditService({ db }: { db: Kysely<DB> }) {
  return {
    /**
     * Entries about agencies inside the reader's `audit.read` scope, and unit-level entries
     * (agency_id null) about units inside its unit-level scope: only grants over a unit's governing
     * agency have one (ADR 0008), so an office's reader sees no unit-level entry. Newest first.
     */
    async listEntries(ctx: RequestContext, query: AuditListQuery): Promise<{ items: AuditEntry[]; total: number }> {
      const agencyPrefixes = agencyScopes(ctx.actor, 'audit.read')
      const unitPrefixes = unitScopes(ctx.actor, 'audit.read')
      let q = db
        .selectFrom('audit_entries')
        .leftJoin('agencies', 'agencies.id', 'audit_entries.agency_id')
        .innerJoin('admin_units', 'admin_units.id', 'audit_entries.unit_id')
        .where((eb) =>
          eb.or([
            underAnyPath('agencies.path', agencyPrefixes),
            eb.and([eb('audit_entries.agency_id', 'is', null), underAnyPath('admin_units.path', unitPrefixes)]),
          ]),
        )
      if (query.action) q = q.where('audit_entries.action', '=', query.action)
      if (query.subjectType) q = q.where('audit_entries.subject_type', '=', query.subjectType)
      if (query.subjectId) q = q.where('audit_entries.subject_id', '=', query.subjectId)
      if (query.actorId) q = q.where('audit_entries.actor_id', '=', query.actorId)
      // Dates are days in Viet Nam, turned into instants here, never by the session's time zone
      // (a Citus worker may run in UTC): `from` starts at its local midnight, `to` ends at the next one.
      if (query.from) q = q.where('audit_entries.occurred_at', '>=', startOfVietnamDay(query.from))
      if (query.to) q = q.where('audit_entries.occurred_at', '<', startOfVietnamDay(query.to, 1))
      const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
      const rows = await q
        .selectAll('audit_entries')
        .orderBy('audit_entries.occurred_at', 'desc')
        .orderBy('audit_entries.seq', 'desc')
        .limit(query.limit ?? 100)
        .offset(query.offset ?? 0)
        .execute()
      return {
        total: Number(total.n),
        items: rows.map((row) => ({
          unitId: row.unit_id,
          seq: row.seq,
          occurredAt: row.occurred_at.toISOString(),
          actorType: row.actor_type,
          actorId: row.actor_id,
          actorName: row.actor_name,
          action: row.action,
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          agencyId: row.agency_id,
          changes: row.changes,
          requestId: row.request_id,
          ip: row.ip,
          hash: row.hash,
        })),
      }
    },
  }
}
