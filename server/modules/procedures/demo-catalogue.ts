/**
 * The demo catalogue: 50 real published procedures (data/demo-procedures.json, see
 * /work/shared/data/README.md for where each comes from) turned into import rows — the same
 * format officials use — and imported, published, by the same importer, on a database without
 * any procedure. Facts the records lack are listed in `missing`, never invented; the workflow is
 * a standard one-stop template (listed in `templated`). Commune procedures are then offered by
 * the two communes' People's Committees, province procedures by the provincial centre.
 */
import fs from 'node:fs/promises'
import type { Kysely, Transaction } from 'kysely'
import type { WorkflowStep } from '../../../contracts/procedures.ts'
import { recordAudit, type AuditContext } from '../../platform/audit.ts'
import type { Clock } from '../../platform/clock.ts'
import type { DB } from '../../platform/db/schema.ts'
import { HOURS_PER_WORKING_DAY } from './procedure-rules.ts'
import { bumpCatalogueRevision } from './procedures.repository.ts'
import { lockCatalogueImports } from './import/catalogue-import.repository.ts'
import { createCatalogueImporter } from './import/catalogue-import.service.ts'
import { contentToRow, HEADERS, parseCatalogueRows, type CatalogueRow } from './import/catalogue-rows.ts'

/** A record of data/demo-procedures.json. */
export interface DemoRecord {
  code: string
  name: string
  field: string
  level: 'xã' | 'tỉnh'
  agency: string | null
  timeLimit: { value: number | null; unit: string | null; note: string | null }
  fees: Array<{ name: string; amountVnd: number | null; note: string | null }>
  documents: Array<{ name: string; form: 'original' | 'copy' | 'either' | null; count: number | null }>
  sets: number | null
  result: string | null
  onlineLevel: 'toàn trình' | 'một phần' | null
  legalBasis: string[]
  source: string | null
  confidence: 'V' | 'S' | null
}

export const DEMO_EFFECTIVE_FROM = '2025-07-01'
const DATA_FILE = new URL('./data/demo-procedures.json', import.meta.url)

const COMMUNE_AGENCIES = ['Ủy ban nhân dân xã Bình Lạc', 'Ủy ban nhân dân xã Phú Lạc']
const PROVINCE_AGENCY = 'Trung tâm Phục vụ hành chính công tỉnh An Thịnh'

const UNITS: Record<string, 'working_days' | 'calendar_days'> = { 'ngày làm việc': 'working_days', ngày: 'calendar_days' }

export async function loadDemoRecords(): Promise<DemoRecord[]> {
  return JSON.parse(await fs.readFile(DATA_FILE, 'utf8')) as DemoRecord[]
}

/**
 * Working hours the standard workflow may use: never more than the limit allows (calendar days
 * counted as the working days they contain at least, months as 22 working days).
 */
function workflowHours(value: number | null, unit: 'working_days' | 'calendar_days' | null): number | null {
  if (value === null || unit === null) return null
  const days = unit === 'working_days' ? Math.max(value, 1) : Math.max(Math.floor((value * 5) / 7), 1)
  return days * HOURS_PER_WORKING_DAY
}

/**
 * The standard one-stop workflow: receive at the public service centre, examine, approve,
 * return. Within a day: 2 + 3 + 2 + 1 hours. Longer: 4 h to receive and to return, about a fifth
 * (2 to 16 h) to approve, the rest to examine. No published limit: 4 + 16 + 8 + 4 hours.
 */
export function standardWorkflow(totalHours: number | null): WorkflowStep[] {
  let budgets: [number, number, number, number]
  if (totalHours === null) budgets = [4, 16, 8, 4]
  else if (totalHours <= HOURS_PER_WORKING_DAY) budgets = [2, 3, 2, 1]
  else {
    const approve = Math.min(16, Math.max(2, Math.round(totalHours * 0.2)))
    budgets = [4, totalHours - 8 - approve, approve, 4]
  }
  const [receive, examine, approve, give] = budgets
  return [
    { name: 'Tiếp nhận hồ sơ', role: 'intake_officer', agencyKind: 'public_service_centre', budgetHours: receive, interlinked: false },
    { name: 'Thẩm định, xử lý hồ sơ', role: 'specialist', agencyKind: null, budgetHours: examine, interlinked: false },
    { name: 'Phê duyệt kết quả', role: 'leader', agencyKind: null, budgetHours: approve, interlinked: false },
    { name: 'Trả kết quả', role: 'intake_officer', agencyKind: 'public_service_centre', budgetHours: give, interlinked: false },
  ]
}

/** One record as an import row. */
export function demoRow(record: DemoRecord): CatalogueRow {
  const missing: string[] = []
  const code = record.code.trim()
  if (!code) missing.push('nationalCode')
  if (!record.agency) missing.push('implementingAgency')

  let value = record.timeLimit.value
  let unit: 'working_days' | 'calendar_days' | null = null
  if (record.timeLimit.unit !== null) {
    unit = UNITS[record.timeLimit.unit] ?? null
    if (!unit) throw new Error(`demo record ${code || record.name}: unknown time-limit unit "${record.timeLimit.unit}"`)
  }
  if (value === null && unit === null) missing.push('timeLimit')
  else if (unit === null) {
    // A number without its unit is not a limit (the note keeps what the page said).
    value = null
    missing.push('timeLimit.unit')
  } else if (value === null) {
    unit = null
    missing.push('timeLimit.value')
  }
  const note = record.timeLimit.note
  const cutoff = note && /15\s*giờ/.test(note) ? '15:00' : null

  if (!record.fees.length) missing.push('fees')
  if (!record.documents.length) missing.push('documents')
  if (record.documents.some((d) => d.form === null)) missing.push('documents.form')
  if (record.documents.some((d) => d.count === null)) missing.push('documents.count')
  if (record.sets === null) missing.push('sets')
  if (!record.legalBasis.length) missing.push('legalBasis')
  if (record.result === null) missing.push('result')
  if (record.onlineLevel === null) missing.push('onlineLevel')
  if (!record.source) missing.push('source')
  if (!record.confidence) missing.push('confidence')

  return contentToRow(
    {
      nationalCode: code || null,
      name: record.name,
      field: { name: record.field, code: null },
      levels: [record.level === 'xã' ? 'commune' : 'province'],
      implementingAgency: record.agency,
      timeLimit: { value, unit, cutoff, note },
      fees: record.fees.map((f) => ({ name: f.name, payer: 'any', amountVnd: f.amountVnd, note: f.note })),
      documents: record.documents.map((d) => ({ name: d.name, form: d.form, count: d.count, templateUrl: null })),
      sets: record.sets,
      conditions: null,
      legalBasis: record.legalBasis,
      result: record.result,
      resultKind: null,
      onlineLevel: record.onlineLevel === 'toàn trình' ? 'full' : record.onlineLevel === 'một phần' ? 'partial' : 'none',
      returnByPost: null,
      workflow: standardWorkflow(workflowHours(value, unit)),
      variants: [],
      provenance: { confidence: record.confidence, source: record.source, missing, templated: ['workflow'] },
    },
    DEMO_EFFECTIVE_FROM,
  )
}

export interface DemoCatalogueResult {
  seeded: boolean
  rows: number
  created: number
  agencyLinks: number
  ms: number
}

const SYSTEM: AuditContext = { actor: null, requestId: null, ip: null }

/**
 * Imports the demo catalogue, published, when the database has no procedure and has a province
 * (the demo organisation). One transaction: the procedures, their agencies and the audit entries.
 */
export async function seedDemoCatalogueIfEmpty(db: Kysely<DB>, clock: Clock): Promise<DemoCatalogueResult> {
  const started = performance.now()
  const none: DemoCatalogueResult = { seeded: false, rows: 0, created: 0, agencyLinks: 0, ms: 0 }
  const province = await db.selectFrom('admin_units').select('id').where('level', '=', 'province').orderBy('valid_from').limit(1).executeTakeFirst()
  if (!province) return none
  if (await db.selectFrom('procedures').select('id').limit(1).executeTakeFirst()) return none

  const rows = (await loadDemoRecords()).map(demoRow)
  const parsed = parseCatalogueRows(rows, { headers: HEADERS })
  if (parsed.errors.length) throw new Error(`the demo catalogue does not pass its own import: ${JSON.stringify(parsed.errors.slice(0, 5))}`)

  const importer = createCatalogueImporter({ db, clock })
  return db.transaction().execute(async (trx) => {
    // Checked again under the import lock: two servers starting together seed once.
    await lockCatalogueImports(trx)
    if (await trx.selectFrom('procedures').select('id').limit(1).executeTakeFirst()) return none
    const result = await importer.importCatalogueIn(trx, { system: true, unitId: province.id }, parsed, { mode: 'all_or_nothing', publish: true })
    const agencyLinks = await linkDemoAgencies(trx, clock, province.id, result.outcomes.map((o) => ({ procedureId: o.procedureId, content: parsed.items.find((i) => i.row === o.row)!.content })))
    return { seeded: true, rows: parsed.rows, created: result.created, agencyLinks, ms: Math.round(performance.now() - started) }
  })
}

async function linkDemoAgencies(trx: Transaction<DB>, clock: Clock, provinceUnitId: string, procedures: Array<{ procedureId: string; content: { nationalCode: string | null; levels: string[]; onlineLevel: 'full' | 'partial' | 'none' } }>): Promise<number> {
  const names = [...COMMUNE_AGENCIES, PROVINCE_AGENCY]
  const agencies = await trx
    .selectFrom('agencies')
    .leftJoin('agency_identity_codes as c', (join) => join.onRef('c.agency_id', '=', 'agencies.id').on('c.valid_to', 'is', null))
    .select(['agencies.id', 'agencies.name', 'c.code'])
    .where('agencies.name', 'in', names)
    .where('agencies.valid_to', 'is', null)
    .execute()
  const byName = new Map(agencies.map((a) => [a.name, a]))
  let links = 0
  for (const { procedureId, content } of procedures) {
    const targets = [...(content.levels.includes('commune') ? COMMUNE_AGENCIES : []), ...(content.levels.includes('province') ? [PROVINCE_AGENCY] : [])]
      .map((name) => byName.get(name))
      .filter((a): a is NonNullable<typeof a> => a !== undefined)
    if (!targets.length) continue
    const values = targets.map((a) => ({
      procedure_id: procedureId,
      agency_id: a.id,
      local_code: content.nationalCode && a.code ? `${content.nationalCode}.${a.code}` : null,
      online_level: content.onlineLevel,
      active: true,
    }))
    await trx.insertInto('procedure_agencies').values(values).execute()
    await recordAudit(trx, clock, SYSTEM, { unitId: provinceUnitId, agencyId: null, action: 'procedure.agencies_set', subjectType: 'procedure', subjectId: procedureId, before: { agencies: [] }, after: { agencies: values.map((v) => v.agency_id), source: 'demo' } })
    links += values.length
  }
  if (links) await bumpCatalogueRevision(trx)
  return links
}
