/**
 * Pure rules for showing a procedure (portal and workspace): runtime lists of the catalogue's
 * enums (checked against the contract at compile time, so TypeBox stays out of the bundle), time
 * limits, fee amounts, and which facts the published record leaves out or fills from a template.
 */
import type { ProcedureContent, ProcedureTimeLimit } from '../../../../contracts/procedures.ts'
import type { LimitUnit } from '../dueDate.ts'

export type Level = ProcedureContent['levels'][number]
export type OnlineLevel = ProcedureContent['onlineLevel']
export type Payer = ProcedureContent['fees'][number]['payer']
export type DocumentForm = NonNullable<ProcedureContent['documents'][number]['form']>
export type ResultKind = NonNullable<ProcedureContent['resultKind']>
export type Confidence = NonNullable<ProcedureContent['provenance']['confidence']>

/** Compile-time proof that a list names every member of a union. */
type Complete<Union, List extends readonly Union[]> = [Exclude<Union, List[number]>] extends [never] ? List : never
const complete =
  <Union>() =>
  <const List extends readonly Union[]>(list: Complete<Union, List>): List =>
    list

export const LEVELS = complete<Level>()(['commune', 'province'])
export const ONLINE_LEVELS = complete<OnlineLevel>()(['full', 'partial', 'none'])
export const PAYERS = complete<Payer>()(['any', 'individual', 'organisation'])
export const DOCUMENT_FORMS = complete<DocumentForm>()(['original', 'copy', 'either'])
export const RESULT_KINDS = complete<ResultKind>()(['paper', 'electronic', 'both'])
export const CONFIDENCES = complete<Confidence>()(['V', 'S'])

export function isLevel(value: unknown): value is Level {
  return typeof value === 'string' && (LEVELS as readonly string[]).includes(value)
}

export function isOnlineLevel(value: unknown): value is OnlineLevel {
  return typeof value === 'string' && (ONLINE_LEVELS as readonly string[]).includes(value)
}

/** Badge colours of the online levels (green = fully online, blue = partly, grey = in person). */
// 'green' is the theme's contrast-checked green (web/src/theme.ts): white on Mantine's green.9 is only 4.37:1.
export const ONLINE_LEVEL_COLOR: Record<OnlineLevel, string> = { full: 'green', partial: 'blue.8', none: 'gray.7' }

/** Whether citizens can start the procedure online (fully or partly). */
export function acceptsOnline(level: string): boolean {
  return level === 'full' || level === 'partial'
}

export type LimitView =
  | { kind: 'fixed'; value: number; unit: LimitUnit }
  /** "0" of any unit: the result is given on the day of submission. */
  | { kind: 'sameDay' }
  /** No number published (the note, if any, says more). */
  | { kind: 'unknown' }

export function limitView(limit: ProcedureTimeLimit): LimitView {
  if (limit.value === null || limit.unit === null) return { kind: 'unknown' }
  if (limit.value === 0) return { kind: 'sameDay' }
  return { kind: 'fixed', value: limit.value, unit: limit.unit }
}

/** The limit the due-date calculator can count (a number and a unit); null otherwise. */
export function countableLimit(limit: ProcedureTimeLimit): { value: number; unit: LimitUnit; cutoff: string | null } | null {
  if (limit.value === null || limit.unit === null) return null
  return { value: limit.value, unit: limit.unit, cutoff: limit.cutoff }
}

const vndNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 })

/** 1500000 → "1.500.000" (amounts are written the Vietnamese way in both languages). */
export function formatVnd(amount: number): string {
  return vndNumber.format(amount)
}

export type FeeAmount = { kind: 'free' } | { kind: 'council' } | { kind: 'amount'; text: string }

/** 0 = free; null = set by the provincial People's Council; otherwise the amount in VND. */
export function feeAmount(amountVnd: number | null): FeeAmount {
  if (amountVnd === null) return { kind: 'council' }
  if (amountVnd === 0) return { kind: 'free' }
  return { kind: 'amount', text: formatVnd(amountVnd) }
}

/** Facts of a procedure that the record can list as "not published" or "from a template". */
export const CONTENT_FACTS = [
  'nationalCode',
  'field',
  'levels',
  'implementingAgency',
  'timeLimit',
  'fees',
  'documents',
  'sets',
  'conditions',
  'legalBasis',
  'result',
  'resultKind',
  'onlineLevel',
  'returnByPost',
  'workflow',
  'variants',
] as const satisfies readonly (keyof ProcedureContent)[]

/** Parts of facts (written `timeLimit.value`, `documents.form` in the records) and provenance fields. */
export const PART_FACTS = ['timeLimitValue', 'timeLimitUnit', 'documentsForm', 'documentsCount', 'source', 'confidence'] as const

export const FACT_KEYS = [...CONTENT_FACTS, ...PART_FACTS] as const
export type FactKey = (typeof FACT_KEYS)[number]

/** How the records write each fact in `missing`/`templated` (the demo catalogue and the import files). */
export const FACT_ENTRY: Record<FactKey, string> = {
  ...(Object.fromEntries(CONTENT_FACTS.map((key) => [key, key])) as Record<(typeof CONTENT_FACTS)[number], string>),
  timeLimitValue: 'timeLimit.value',
  timeLimitUnit: 'timeLimit.unit',
  documentsForm: 'documents.form',
  documentsCount: 'documents.count',
  source: 'source',
  confidence: 'confidence',
}

/** `time_limit`, `Time limit`, `timeLimit.value` → `timelimit`, `timelimitvalue`: the lists are typed by people and by importers. */
function squash(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '')
}

const FACT_BY_SQUASHED = new Map<string, FactKey>(FACT_KEYS.map((key) => [squash(key), key]))
FACT_BY_SQUASHED.set('fee', 'fees')
FACT_BY_SQUASHED.set('document', 'documents')
FACT_BY_SQUASHED.set('agency', 'implementingAgency')
FACT_BY_SQUASHED.set('code', 'nationalCode')

/** The fact a list entry names, or null when it names none the UI knows (then it is shown as written). */
export function factKey(entry: string): FactKey | null {
  return FACT_BY_SQUASHED.get(squash(entry)) ?? null
}

export interface Provenance {
  missing: string[]
  templated: string[]
}

export function isMissing(provenance: Provenance, key: FactKey): boolean {
  return provenance.missing.some((entry) => factKey(entry) === key)
}

export function isTemplated(provenance: Provenance, key: FactKey): boolean {
  return provenance.templated.some((entry) => factKey(entry) === key)
}

/** Only http(s) and same-site addresses become links (a stored `javascript:` must never run). */
export function safeHref(address: string | null | undefined): string | null {
  if (!address) return null
  const trimmed = address.trim()
  if (/^\/(?!\/)/.test(trimmed)) return trimmed
  try {
    const url = new URL(trimmed)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/** Sum of the workflow's step budgets, in working hours. */
export function workflowHours(workflow: readonly { budgetHours: number }[]): number {
  return workflow.reduce((sum, step) => sum + step.budgetHours, 0)
}
