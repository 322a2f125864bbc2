/**
 * The procedure editor's form (pure): a `ProcedureContent` as the inputs hold it (text for
 * numbers, rows for documents, fees and steps, JSON text for the variants), the way back to a
 * content with every problem named by field, and the workflow budget rule the server applies
 * (the steps' hours may not add up to more than the procedure's limit).
 */
import type { RoleName } from '../../../../contracts/auth.ts'
import type { ProcedureContent, ProcedureTimeLimit, WorkflowStep } from '../../../../contracts/procedures.ts'
import { LIMIT_UNITS, type LimitUnit } from '../../portal/dueDate.ts'
import { CONFIDENCES, DOCUMENT_FORMS, isLevel, isOnlineLevel, PAYERS, RESULT_KINDS, type Confidence, type DocumentForm, type Level, type OnlineLevel, type Payer, type ResultKind } from '../../portal/procedures/procedureText.ts'
import { AGENCY_KINDS, ROLES, type AgencyKind } from '../catalog.ts'

/** Normal working hours per day (Labour Code 2019, Art. 105), as the server converts day limits. */
export const HOURS_PER_WORKING_DAY = 8

export type FeeAmountKind = 'free' | 'amount' | 'council'
export type TriState = '' | 'yes' | 'no'

let nextRowId = 0
export const newRowId = () => `row-${++nextRowId}`

export interface DocumentRow {
  id: string
  name: string
  form: DocumentForm | ''
  count: string
  templateUrl: string
}

export interface FeeRow {
  id: string
  name: string
  payer: Payer
  amountKind: FeeAmountKind
  amount: string
  note: string
}

export interface StepRow {
  id: string
  name: string
  role: RoleName | ''
  agencyKind: AgencyKind | ''
  budgetHours: string
  interlinked: boolean
}

export interface ProcedureFormState {
  effectiveFrom: string | null
  nationalCode: string
  name: string
  fieldName: string
  fieldCode: string
  levels: Level[]
  implementingAgency: string
  limitValue: string
  limitUnit: LimitUnit | ''
  cutoff: string
  limitNote: string
  fees: FeeRow[]
  documents: DocumentRow[]
  sets: string
  conditions: string
  /** One document per line. */
  legalBasis: string
  result: string
  resultKind: ResultKind | ''
  onlineLevel: OnlineLevel
  returnByPost: TriState
  workflow: StepRow[]
  /** The variants as JSON (an array of { key, name, documents, timeLimit, workflow }). */
  variantsJson: string
  confidence: Confidence | ''
  source: string
  missing: string[]
  templated: string[]
}

export function emptyForm(): ProcedureFormState {
  return {
    effectiveFrom: null,
    nationalCode: '',
    name: '',
    fieldName: '',
    fieldCode: '',
    levels: ['commune'],
    implementingAgency: '',
    limitValue: '',
    limitUnit: 'working_days',
    cutoff: '',
    limitNote: '',
    fees: [],
    documents: [],
    sets: '1',
    conditions: '',
    legalBasis: '',
    result: '',
    resultKind: '',
    onlineLevel: 'none',
    returnByPost: '',
    workflow: [],
    variantsJson: '[]',
    confidence: '',
    source: '',
    missing: [],
    templated: [],
  }
}

const text = (value: string | null | undefined) => value ?? ''
const numberText = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value))

export function emptyDocument(): DocumentRow {
  return { id: newRowId(), name: '', form: 'original', count: '1', templateUrl: '' }
}

export function emptyFee(): FeeRow {
  return { id: newRowId(), name: '', payer: 'any', amountKind: 'free', amount: '', note: '' }
}

export function emptyStep(): StepRow {
  return { id: newRowId(), name: '', role: '', agencyKind: '', budgetHours: '', interlinked: false }
}

/** A stored version → the form (editing a draft, or a new version prefilled from an old one). */
export function formFromContent(content: ProcedureContent, effectiveFrom: string | null): ProcedureFormState {
  return {
    effectiveFrom,
    nationalCode: text(content.nationalCode),
    name: content.name,
    fieldName: content.field.name,
    fieldCode: text(content.field.code),
    levels: [...content.levels],
    implementingAgency: text(content.implementingAgency),
    limitValue: numberText(content.timeLimit.value),
    limitUnit: content.timeLimit.unit ?? '',
    cutoff: text(content.timeLimit.cutoff),
    limitNote: text(content.timeLimit.note),
    fees: content.fees.map((fee) => ({
      id: newRowId(),
      name: fee.name,
      payer: fee.payer,
      amountKind: fee.amountVnd === null ? 'council' : fee.amountVnd === 0 ? 'free' : 'amount',
      amount: fee.amountVnd ? String(fee.amountVnd) : '',
      note: text(fee.note),
    })),
    documents: content.documents.map((document) => ({ id: newRowId(), name: document.name, form: document.form ?? '', count: numberText(document.count), templateUrl: text(document.templateUrl) })),
    sets: numberText(content.sets),
    conditions: text(content.conditions),
    legalBasis: content.legalBasis.join('\n'),
    result: text(content.result),
    resultKind: content.resultKind ?? '',
    onlineLevel: content.onlineLevel,
    returnByPost: content.returnByPost === null ? '' : content.returnByPost ? 'yes' : 'no',
    workflow: content.workflow.map((step) => ({
      id: newRowId(),
      name: step.name,
      role: step.role ?? '',
      agencyKind: step.agencyKind ?? '',
      budgetHours: String(step.budgetHours),
      interlinked: step.interlinked,
    })),
    variantsJson: JSON.stringify(content.variants, null, 2),
    confidence: content.provenance.confidence ?? '',
    source: text(content.provenance.source),
    missing: [...content.provenance.missing],
    templated: [...content.provenance.templated],
  }
}

/** Problems named by the form's field ids (`name`, `documents.row-3.count`, `variantsJson`, …). */
export type FormIssue =
  | 'required'
  | 'number'
  | 'wholeNumber'
  | 'range'
  | 'cutoff'
  | 'code'
  | 'levels'
  | 'limitPair'
  | 'budget'
  | 'json'
  | 'variants'
  | 'url'
  | 'duplicateKey'

export type FormIssues = Record<string, FormIssue>

const CODE_PATTERN = /^[0-9A-Za-z][0-9A-Za-z.-]{2,40}$/
const CUTOFF_PATTERN = /^([01][0-9]|2[0-3]):[0-5][0-9]$/
const VARIANT_KEY = /^[a-z0-9-]{1,40}$/

/** `2,5` or `2.5` → 2.5; '' → null; anything else → NaN. */
export function parseNumber(value: string): number | null {
  const trimmed = value.trim()
  if (trimmed === '') return null
  const normalised = trimmed.replace(',', '.')
  return /^\d+(\.\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN
}

/** Amounts typed as `1.500.000`, `1 500 000` or `1500000` → 1500000. */
export function parseVnd(value: string): number | null {
  const digits = value.replace(/[\s.,]/g, '')
  if (digits === '') return null
  return /^\d+$/.test(digits) ? Number(digits) : Number.NaN
}

/** The limit in working hours, the way the server compares it with the steps; null without a number. */
export function limitInWorkingHours(limit: Pick<ProcedureTimeLimit, 'value' | 'unit'>): number | null {
  if (limit.value === null || limit.unit === null) return null
  switch (limit.unit) {
    case 'working_hours':
      return limit.value
    case 'working_days':
    case 'calendar_days':
      return Math.max(limit.value, 1) * HOURS_PER_WORKING_DAY
    case 'months':
      return limit.value * 23 * HOURS_PER_WORKING_DAY
  }
}

export interface BudgetCheck {
  total: number
  limit: number | null
  over: boolean
}

export function budgetCheck(limit: Pick<ProcedureTimeLimit, 'value' | 'unit'>, steps: readonly Pick<WorkflowStep, 'budgetHours'>[]): BudgetCheck {
  const total = steps.reduce((sum, step) => sum + (Number.isFinite(step.budgetHours) ? step.budgetHours : 0), 0)
  const max = limitInWorkingHours(limit)
  return { total, limit: max, over: max !== null && total > max }
}

function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value)
}

/** Light check of the variants' JSON (the server checks the rest against the schema). */
function variantsFrom(json: string): ProcedureContent['variants'] | null {
  let parsed: unknown
  try {
    parsed = JSON.parse(json.trim() === '' ? '[]' : json)
  } catch {
    return null
  }
  if (!Array.isArray(parsed)) return null
  for (const item of parsed) {
    if (typeof item !== 'object' || item === null) return null
    const variant = item as Record<string, unknown>
    if (typeof variant.key !== 'string' || !VARIANT_KEY.test(variant.key) || typeof variant.name !== 'string' || !variant.name.trim()) return null
    if (!Array.isArray(variant.documents) || !Array.isArray(variant.workflow) || typeof variant.timeLimit !== 'object' || variant.timeLimit === null) return null
  }
  return parsed as ProcedureContent['variants']
}

export type FormResult = { ok: true; content: ProcedureContent; effectiveFrom: string } | { ok: false; issues: FormIssues }

/** The form → a content to send; every problem is named by the id of the input that shows it. */
export function contentFromForm(form: ProcedureFormState): FormResult {
  const issues: FormIssues = {}
  const optional = (value: string) => (value.trim() === '' ? null : value.trim())

  if (!form.effectiveFrom) issues.effectiveFrom = 'required'
  if (!form.name.trim()) issues.name = 'required'
  if (!form.fieldName.trim()) issues.fieldName = 'required'
  const code = form.nationalCode.trim()
  if (code && !CODE_PATTERN.test(code)) issues.nationalCode = 'code'
  const levels = form.levels.filter(isLevel)
  if (levels.length === 0) issues.levels = 'levels'
  if (!isOnlineLevel(form.onlineLevel)) issues.onlineLevel = 'required'

  const limitValue = parseNumber(form.limitValue)
  if (limitValue !== null && Number.isNaN(limitValue)) issues.limitValue = 'number'
  else if (limitValue !== null && limitValue > 3660) issues.limitValue = 'range'
  const limitUnit = isOneOf(LIMIT_UNITS, form.limitUnit) ? form.limitUnit : null
  if (limitValue !== null && !Number.isNaN(limitValue) && limitUnit === null) issues.limitUnit = 'limitPair'
  const cutoff = form.cutoff.trim()
  if (cutoff && !CUTOFF_PATTERN.test(cutoff)) issues.cutoff = 'cutoff'
  // A unit without a number says nothing: it is dropped rather than refused.
  const timeLimit: ProcedureTimeLimit = {
    value: limitValue !== null && !Number.isNaN(limitValue) ? limitValue : null,
    unit: limitValue !== null ? limitUnit : null,
    cutoff: cutoff || null,
    note: optional(form.limitNote),
  }

  const sets = parseNumber(form.sets)
  if (sets !== null && (Number.isNaN(sets) || !Number.isInteger(sets) || sets < 1 || sets > 20)) issues.sets = 'range'

  const documents = form.documents.map((row) => {
    if (!row.name.trim()) issues[`documents.${row.id}.name`] = 'required'
    const count = parseNumber(row.count)
    if (count !== null && (Number.isNaN(count) || !Number.isInteger(count) || count < 1 || count > 100)) issues[`documents.${row.id}.count`] = 'range'
    const url = row.templateUrl.trim()
    if (url && !/^(https?:\/\/|\/)/i.test(url)) issues[`documents.${row.id}.templateUrl`] = 'url'
    return { name: row.name.trim(), form: isOneOf(DOCUMENT_FORMS, row.form) ? row.form : null, count: count !== null && Number.isInteger(count) ? count : null, templateUrl: url || null }
  })

  const fees = form.fees.map((row) => {
    if (!row.name.trim()) issues[`fees.${row.id}.name`] = 'required'
    let amountVnd: number | null = row.amountKind === 'free' ? 0 : null
    if (row.amountKind === 'amount') {
      const amount = parseVnd(row.amount)
      if (amount === null) issues[`fees.${row.id}.amount`] = 'required'
      else if (Number.isNaN(amount) || amount <= 0) issues[`fees.${row.id}.amount`] = 'wholeNumber'
      else amountVnd = amount
    }
    return { name: row.name.trim(), payer: isOneOf(PAYERS, row.payer) ? row.payer : 'any', amountVnd, note: optional(row.note) }
  })

  const workflow: WorkflowStep[] = form.workflow.map((row) => {
    if (!row.name.trim()) issues[`workflow.${row.id}.name`] = 'required'
    const hours = parseNumber(row.budgetHours)
    if (hours === null) issues[`workflow.${row.id}.budgetHours`] = 'required'
    else if (Number.isNaN(hours) || hours > 2000) issues[`workflow.${row.id}.budgetHours`] = 'number'
    return {
      name: row.name.trim(),
      role: isOneOf(ROLES, row.role) ? row.role : null,
      agencyKind: isOneOf(AGENCY_KINDS, row.agencyKind) ? row.agencyKind : null,
      budgetHours: hours !== null && !Number.isNaN(hours) ? hours : 0,
      interlinked: row.interlinked,
    }
  })
  if (budgetCheck(timeLimit, workflow).over) issues.workflow = 'budget'

  const variants = variantsFrom(form.variantsJson)
  if (variants === null) issues.variantsJson = 'variants'
  else if (new Set(variants.map((variant) => variant.key)).size !== variants.length) issues.variantsJson = 'duplicateKey'

  if (Object.keys(issues).length > 0 || !form.effectiveFrom || variants === null) return { ok: false, issues }
  return {
    ok: true,
    effectiveFrom: form.effectiveFrom,
    content: {
      nationalCode: code || null,
      name: form.name.trim(),
      field: { name: form.fieldName.trim(), code: optional(form.fieldCode) },
      levels,
      implementingAgency: optional(form.implementingAgency),
      timeLimit,
      fees,
      documents,
      sets: sets !== null && Number.isInteger(sets) ? sets : null,
      conditions: optional(form.conditions),
      legalBasis: form.legalBasis
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      result: optional(form.result),
      resultKind: isOneOf(RESULT_KINDS, form.resultKind) ? form.resultKind : null,
      onlineLevel: form.onlineLevel,
      returnByPost: form.returnByPost === '' ? null : form.returnByPost === 'yes',
      workflow,
      variants,
      provenance: {
        confidence: isOneOf(CONFIDENCES, form.confidence) ? form.confidence : null,
        source: optional(form.source),
        missing: form.missing.map((item) => item.trim()).filter(Boolean),
        templated: form.templated.map((item) => item.trim()).filter(Boolean),
      },
    },
  }
}

/**
 * The server's field pointers (`/body/content/workflow`, `/body/content/documents/2/name`) → the
 * form's input ids; pointers the form cannot place are returned as `other`.
 */
export function serverIssueTargets(errors: readonly { field: string; message: string }[], form: ProcedureFormState): { fields: Record<string, string>; other: string[] } {
  const fields: Record<string, string> = {}
  const other: string[] = []
  const simple: Record<string, string> = {
    nationalCode: 'nationalCode',
    name: 'name',
    levels: 'levels',
    implementingAgency: 'implementingAgency',
    sets: 'sets',
    conditions: 'conditions',
    legalBasis: 'legalBasis',
    result: 'result',
    resultKind: 'resultKind',
    onlineLevel: 'onlineLevel',
    returnByPost: 'returnByPost',
    workflow: 'workflow',
    variants: 'variantsJson',
    effectiveFrom: 'effectiveFrom',
  }
  for (const error of errors) {
    const parts = error.field.replace(/^\/body\/?/, '').replace(/^content\/?/, '').split('/').filter(Boolean)
    const [head, second, third] = parts
    let target: string | undefined
    if (head === 'timeLimit') target = second === 'unit' ? 'limitUnit' : second === 'cutoff' ? 'cutoff' : second === 'note' ? 'limitNote' : 'limitValue'
    else if (head === 'field') target = second === 'code' ? 'fieldCode' : 'fieldName'
    else if (head === 'provenance') target = second === 'source' ? 'source' : second === 'missing' ? 'missing' : second === 'templated' ? 'templated' : 'confidence'
    else if ((head === 'documents' || head === 'fees' || head === 'workflow') && second !== undefined && /^\d+$/.test(second)) {
      const row = form[head][Number(second)]
      const column = head === 'fees' && (third === 'amountVnd' || third === undefined) ? 'amount' : (third ?? 'name')
      target = row ? `${head}.${row.id}.${column}` : head
    } else if (head === 'variants') target = 'variantsJson'
    else if (head) target = simple[head]
    if (target && !(target in fields)) fields[target] = error.message
    else if (!target) other.push(`${error.field}: ${error.message}`)
  }
  return { fields, other }
}

/** Moves a row up or down (for the steps' order). */
export function moveRow<T>(rows: readonly T[], index: number, by: -1 | 1): T[] {
  const target = index + by
  if (target < 0 || target >= rows.length) return [...rows]
  const next = [...rows]
  const [row] = next.splice(index, 1)
  next.splice(target, 0, row as T)
  return next
}
