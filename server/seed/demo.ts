/**
 * The fictional demo province "An Thịnh" (code 99, not a real province): provincial departments
 * and public service centre, the former district Bình Lạc (until 30/6/2025) with its communes
 * and offices, the two communes formed from them on 1/7/2025 with succession links, and an
 * official for every role. Runs once, on an empty database, and never in production.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { hashPassword } from '../platform/auth/passwords.ts'
import { recordAudit, type AuditContext } from '../platform/audit.ts'
import type { Clock } from '../platform/clock.ts'
import type { AgencyKind, DB, RoleName, UnitKind, UnitLevel } from '../platform/db/schema.ts'

const SYSTEM: AuditContext = { actor: null, requestId: null, ip: null }
const FOUNDED = '2008-08-01'
const DISTRICT_END = '2025-06-30'
const REFORM_DAY = '2025-07-01'
const REFORM_BASIS = 'Nghị quyết (giả định) về sắp xếp đơn vị hành chính cấp xã tỉnh An Thịnh năm 2025'

interface UnitSeed { key: string; code: string; name: string; level: UnitLevel; kind: UnitKind; parent?: string; from: string; to?: string; predecessors?: string[] }
interface AgencySeed { key: string; unit: string; parent?: string; name: string; shortName?: string; kind: AgencyKind; code: string; from: string; to?: string; previousCode?: { code: string; from: string } }
interface UserSeed { username: string; name: string; agency: string; roles: Array<[RoleName, string]> }

const UNITS: UnitSeed[] = [
  { key: 'province', code: '99', name: 'Tỉnh An Thịnh', level: 'province', kind: 'province', from: FOUNDED },
  { key: 'district', code: '999', name: 'Huyện Bình Lạc', level: 'district', kind: 'district', parent: 'province', from: FOUNDED, to: DISTRICT_END },
  { key: 'tt-binhlac', code: '99901', name: 'Thị trấn Bình Lạc', level: 'commune', kind: 'township', parent: 'district', from: FOUNDED, to: DISTRICT_END },
  { key: 'x-tanhoa', code: '99904', name: 'Xã Tân Hòa', level: 'commune', kind: 'commune', parent: 'district', from: FOUNDED, to: DISTRICT_END },
  { key: 'x-binhminh', code: '99907', name: 'Xã Bình Minh', level: 'commune', kind: 'commune', parent: 'district', from: FOUNDED, to: DISTRICT_END },
  { key: 'x-phuan', code: '99910', name: 'Xã Phú An', level: 'commune', kind: 'commune', parent: 'district', from: FOUNDED, to: DISTRICT_END },
  { key: 'x-lacson', code: '99913', name: 'Xã Lạc Sơn', level: 'commune', kind: 'commune', parent: 'district', from: FOUNDED, to: DISTRICT_END },
  { key: 'x-binhlac', code: '99920', name: 'Xã Bình Lạc', level: 'commune', kind: 'commune', parent: 'province', from: REFORM_DAY, predecessors: ['tt-binhlac', 'x-tanhoa'] },
  { key: 'x-phulac', code: '99923', name: 'Xã Phú Lạc', level: 'commune', kind: 'commune', parent: 'province', from: REFORM_DAY, predecessors: ['x-binhminh', 'x-phuan', 'x-lacson'] },
]

const AGENCIES: AgencySeed[] = [
  { key: 'ubnd-tinh', unit: 'province', name: 'Ủy ban nhân dân tỉnh An Thịnh', shortName: 'UBND tỉnh', kind: 'peoples_committee', code: '000.00.00.H99', from: FOUNDED },
  { key: 'so-noivu', unit: 'province', parent: 'ubnd-tinh', name: 'Sở Nội vụ tỉnh An Thịnh', shortName: 'Sở Nội vụ', kind: 'department', code: '000.00.01.H99', from: FOUNDED },
  { key: 'p-cchc', unit: 'province', parent: 'so-noivu', name: 'Phòng Cải cách hành chính', kind: 'specialised_office', code: '000.01.01.H99', from: FOUNDED },
  { key: 'so-tuphap', unit: 'province', parent: 'ubnd-tinh', name: 'Sở Tư pháp tỉnh An Thịnh', shortName: 'Sở Tư pháp', kind: 'department', code: '000.00.02.H99', from: FOUNDED },
  { key: 'p-hctp', unit: 'province', parent: 'so-tuphap', name: 'Phòng Hành chính tư pháp', kind: 'specialised_office', code: '000.01.02.H99', from: FOUNDED },
  { key: 'so-xaydung', unit: 'province', parent: 'ubnd-tinh', name: 'Sở Xây dựng tỉnh An Thịnh', shortName: 'Sở Xây dựng', kind: 'department', code: '000.00.03.H99', from: FOUNDED },
  { key: 'tt-pvhcc', unit: 'province', parent: 'ubnd-tinh', name: 'Trung tâm Phục vụ hành chính công tỉnh An Thịnh', shortName: 'Trung tâm PVHCC tỉnh', kind: 'public_service_centre', code: '000.00.10.H99', from: '2019-01-01' },
  { key: 'ubnd-huyen', unit: 'district', parent: 'ubnd-tinh', name: 'Ủy ban nhân dân huyện Bình Lạc', shortName: 'UBND huyện Bình Lạc', kind: 'peoples_committee', code: '000.00.31.H99', from: FOUNDED, to: DISTRICT_END },
  { key: 'p-noivu-huyen', unit: 'district', parent: 'ubnd-huyen', name: 'Phòng Nội vụ huyện Bình Lạc', kind: 'home_affairs_office', code: '000.01.31.H99', from: FOUNDED, to: DISTRICT_END },
  { key: 'motcua-huyen', unit: 'district', parent: 'ubnd-huyen', name: 'Bộ phận Một cửa huyện Bình Lạc', kind: 'one_stop_unit', code: '000.02.31.H99', from: FOUNDED, to: DISTRICT_END },
  { key: 'ubnd-tt-binhlac', unit: 'tt-binhlac', parent: 'ubnd-huyen', name: 'Ủy ban nhân dân thị trấn Bình Lạc', kind: 'peoples_committee', code: '000.11.31.H99', from: FOUNDED, to: DISTRICT_END },
  { key: 'ubnd-tanhoa', unit: 'x-tanhoa', parent: 'ubnd-huyen', name: 'Ủy ban nhân dân xã Tân Hòa', kind: 'peoples_committee', code: '000.12.31.H99', from: FOUNDED, to: DISTRICT_END },
  { key: 'ubnd-binhminh', unit: 'x-binhminh', parent: 'ubnd-huyen', name: 'Ủy ban nhân dân xã Bình Minh', kind: 'peoples_committee', code: '000.13.31.H99', from: FOUNDED, to: DISTRICT_END },
  { key: 'ubnd-phuan', unit: 'x-phuan', parent: 'ubnd-huyen', name: 'Ủy ban nhân dân xã Phú An', kind: 'peoples_committee', code: '000.14.31.H99', from: FOUNDED, to: DISTRICT_END },
  { key: 'ubnd-lacson', unit: 'x-lacson', parent: 'ubnd-huyen', name: 'Ủy ban nhân dân xã Lạc Sơn', kind: 'peoples_committee', code: '000.15.31.H99', from: FOUNDED, to: DISTRICT_END },
  { key: 'ubnd-binhlac', unit: 'x-binhlac', parent: 'ubnd-tinh', name: 'Ủy ban nhân dân xã Bình Lạc', kind: 'peoples_committee', code: '000.00.41.H99', from: REFORM_DAY },
  { key: 'pvhcc-binhlac', unit: 'x-binhlac', parent: 'ubnd-binhlac', name: 'Trung tâm Phục vụ hành chính công xã Bình Lạc', kind: 'public_service_centre', code: '000.01.41.H99', from: REFORM_DAY },
  { key: 'ubnd-phulac', unit: 'x-phulac', parent: 'ubnd-tinh', name: 'Ủy ban nhân dân xã Phú Lạc', kind: 'peoples_committee', code: '000.00.42.H99', from: REFORM_DAY },
  { key: 'pvhcc-phulac', unit: 'x-phulac', parent: 'ubnd-phulac', name: 'Trung tâm Phục vụ hành chính công xã Phú Lạc', kind: 'public_service_centre', code: '000.01.42.H99', from: REFORM_DAY },
]

/** Demo officials; the README lists the same names. */
export const DEMO_USERS: UserSeed[] = [
  { username: 'quantri', name: 'Nguyễn Văn Quản', agency: 'ubnd-tinh', roles: [['system_admin', 'ubnd-tinh']] },
  { username: 'lanhdao.tinh', name: 'Trần Thị Lãnh', agency: 'ubnd-tinh', roles: [['leader', 'ubnd-tinh']] },
  { username: 'cchc.sonoivu', name: 'Lê Minh Cải', agency: 'p-cchc', roles: [['reform_officer', 'ubnd-tinh']] },
  { username: 'tiepnhan.tinh', name: 'Phạm Thu Nhận', agency: 'tt-pvhcc', roles: [['intake_officer', 'tt-pvhcc']] },
  { username: 'chuyenvien.tuphap', name: 'Hoàng Văn Pháp', agency: 'p-hctp', roles: [['specialist', 'p-hctp']] },
  { username: 'truongphong.tuphap', name: 'Vũ Thị Phòng', agency: 'p-hctp', roles: [['head_of_department', 'p-hctp']] },
  { username: 'noivu.huyen', name: 'Đặng Văn Huyện', agency: 'p-noivu-huyen', roles: [['reform_officer', 'ubnd-huyen']] },
  { username: 'quantri.binhlac', name: 'Bùi Văn Trị', agency: 'ubnd-binhlac', roles: [['system_admin', 'ubnd-binhlac']] },
  { username: 'chutich.binhlac', name: 'Đỗ Thị Bình', agency: 'ubnd-binhlac', roles: [['leader', 'ubnd-binhlac']] },
  { username: 'tiepnhan.binhlac', name: 'Ngô Văn Lạc', agency: 'pvhcc-binhlac', roles: [['intake_officer', 'pvhcc-binhlac']] },
  { username: 'chuyenvien.binhlac', name: 'Dương Thị Viên', agency: 'ubnd-binhlac', roles: [['specialist', 'ubnd-binhlac']] },
  { username: 'quantri.phulac', name: 'Lý Văn Phú', agency: 'ubnd-phulac', roles: [['system_admin', 'ubnd-phulac']] },
  { username: 'chutich.phulac', name: 'Mai Thị Lạc', agency: 'ubnd-phulac', roles: [['leader', 'ubnd-phulac']] },
  { username: 'tiepnhan.phulac', name: 'Trịnh Văn An', agency: 'pvhcc-phulac', roles: [['intake_officer', 'pvhcc-phulac']] },
]

export interface SeedResult {
  seeded: boolean
  unitIds: Record<string, string>
  agencyIds: Record<string, string>
}

/** Seeds the demo province when the database has no administrative unit yet. */
export async function seedDemoIfEmpty(db: Kysely<DB>, options: { password: string; clock: Clock }): Promise<SeedResult> {
  const any = await db.selectFrom('admin_units').select('id').limit(1).executeTakeFirst()
  if (any) return { seeded: false, unitIds: {}, agencyIds: {} }
  // One hash for all demo users: they share the demo password by design.
  const passwordHash = await hashPassword(options.password)
  return db.transaction().execute((trx) => seed(trx, passwordHash, options.clock))
}

async function seed(trx: Transaction<DB>, passwordHash: string, clock: Clock): Promise<SeedResult> {
  const now = clock.now()
  const unitIds: Record<string, string> = {}
  const unitPaths: Record<string, string> = {}
  for (const unit of UNITS) {
    const id = randomUUID()
    const path = `${unit.parent ? unitPaths[unit.parent] : '/'}${id}/`
    unitIds[unit.key] = id
    unitPaths[unit.key] = path
    await trx.insertInto('admin_units').values({ id, code: unit.code, name: unit.name, level: unit.level, kind: unit.kind, parent_id: unit.parent ? unitIds[unit.parent]! : null, path, valid_from: unit.from, valid_to: unit.to ?? null, created_at: now, updated_at: now }).execute()
    await recordAudit(trx, clock, SYSTEM, { unitId: id, agencyId: null, action: 'unit.created', subjectType: 'admin_unit', subjectId: id, after: { code: unit.code, name: unit.name, level: unit.level, validFrom: unit.from, validTo: unit.to ?? null, source: 'demo' } })
    for (const predecessor of unit.predecessors ?? []) {
      await trx.insertInto('admin_unit_successions').values({ predecessor_id: unitIds[predecessor]!, successor_id: id, effective_date: unit.from, legal_basis: REFORM_BASIS }).execute()
      await recordAudit(trx, clock, SYSTEM, { unitId: id, agencyId: null, action: 'unit.succession_linked', subjectType: 'admin_unit', subjectId: id, after: { predecessorId: unitIds[predecessor], effectiveDate: unit.from } })
    }
  }

  const agencyIds: Record<string, string> = {}
  const agencyPaths: Record<string, string> = {}
  for (const agency of AGENCIES) {
    const id = randomUUID()
    const path = `${agency.parent ? agencyPaths[agency.parent] : '/'}${id}/`
    agencyIds[agency.key] = id
    agencyPaths[agency.key] = path
    await trx.insertInto('agencies').values({ id, unit_id: unitIds[agency.unit]!, parent_id: agency.parent ? agencyIds[agency.parent]! : null, path, name: agency.name, short_name: agency.shortName ?? null, kind: agency.kind, valid_from: agency.from, valid_to: agency.to ?? null, created_at: now, updated_at: now }).execute()
    await trx.insertInto('agency_identity_codes').values({ agency_id: id, code: agency.code, valid_from: agency.from, valid_to: agency.to ?? null, legal_basis: null }).execute()
    await recordAudit(trx, clock, SYSTEM, { unitId: unitIds[agency.unit]!, agencyId: id, action: 'agency.created', subjectType: 'agency', subjectId: id, after: { name: agency.name, kind: agency.kind, identityCode: agency.code, source: 'demo' } })
  }

  for (const user of DEMO_USERS) {
    const created = await trx
      .insertInto('users')
      .values({ agency_id: agencyIds[user.agency]!, username: user.username, display_name: user.name, email: null, password_hash: passwordHash, status: 'active', password_changed_at: now, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx.insertInto('user_roles').values(user.roles.map(([role, scope]) => ({ user_id: created.id, role, scope_agency_id: agencyIds[scope]!, granted_at: now }))).execute()
    const unitKey = AGENCIES.find((a) => a.key === user.agency)!.unit
    await recordAudit(trx, clock, SYSTEM, { unitId: unitIds[unitKey]!, agencyId: agencyIds[user.agency]!, action: 'user.created', subjectType: 'user', subjectId: created.id, after: { username: user.username, roles: user.roles.map(([role]) => role), source: 'demo' } })
  }
  return { seeded: true, unitIds, agencyIds }
}
