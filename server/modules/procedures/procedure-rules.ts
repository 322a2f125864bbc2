/**
 * Pure rules of the catalogue: what makes a procedure's content consistent beyond its schema,
 * the version in force on a day, and the differences between two versions.
 */
import type { ProcedureContent, ProcedureTimeLimit, WorkflowStep } from '../../../contracts/procedures.ts'

export interface ContentIssue {
  field: string
  message: string
}

/** Normal working hours per day (Labour Code 2019, Art. 105): converts day limits to step budgets. */
export const HOURS_PER_WORKING_DAY = 8

/** The limit as working hours, for comparing with step budgets; null when no number is published. */
export function limitInWorkingHours(limit: ProcedureTimeLimit): number | null {
  if (limit.value === null || limit.unit === null) return null
  switch (limit.unit) {
    case 'working_hours':
      return limit.value
    case 'working_days':
      // "0 working days" is a same-day procedure: one working day at most.
      return Math.max(limit.value, 1) * HOURS_PER_WORKING_DAY
    case 'calendar_days':
      return Math.max(limit.value, 1) * HOURS_PER_WORKING_DAY
    case 'months':
      return limit.value * 23 * HOURS_PER_WORKING_DAY
  }
}

function checkWorkflow(prefix: string, limit: ProcedureTimeLimit, workflow: WorkflowStep[], issues: ContentIssue[]): void {
  if (limit.value !== null && limit.unit === null) issues.push({ field: `${prefix}/timeLimit/unit`, message: 'a time limit needs its unit' })
  if (limit.unit !== null && limit.value === null) issues.push({ field: `${prefix}/timeLimit/value`, message: 'a time limit needs its value' })
  const budget = limitInWorkingHours(limit)
  const total = workflow.reduce((sum, step) => sum + step.budgetHours, 0)
  if (budget !== null && total > budget) {
    issues.push({ field: `${prefix}/workflow`, message: `the steps' budgets add up to ${total} working hours, more than the procedure's limit (${budget} working hours)` })
  }
}

/** Every inconsistency of a procedure's content; empty when it can be saved. */
export function validateContent(content: ProcedureContent): ContentIssue[] {
  const issues: ContentIssue[] = []
  checkWorkflow('', content.timeLimit, content.workflow, issues)
  const keys = new Set<string>()
  content.variants.forEach((variant, i) => {
    if (keys.has(variant.key)) issues.push({ field: `/variants/${i}/key`, message: `variant key "${variant.key}" is used twice` })
    keys.add(variant.key)
    checkWorkflow(`/variants/${i}`, variant.timeLimit, variant.workflow, issues)
  })
  if (content.levels.length === 0) issues.push({ field: '/levels', message: 'at least one level' })
  return issues
}

export interface VersionRow {
  version: number
  status: 'draft' | 'published' | 'withdrawn'
  effectiveFrom: string
}

/**
 * The version in force on a day: the published version with the latest effective date on or
 * before it (the higher number when two share a date). A dossier keeps this version for life.
 */
export function versionInForce<T extends VersionRow>(versions: T[], day: string): T | null {
  let best: T | null = null
  for (const v of versions) {
    if (v.status !== 'published' || v.effectiveFrom > day) continue
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.version > best.version)) best = v
  }
  return best
}

export interface ContentChange {
  path: string
  before: unknown
  after: unknown
}

/** Differences between two versions' contents, field by field (lists compared as wholes). */
export function compareContents(before: ProcedureContent, after: ProcedureContent): ContentChange[] {
  const changes: ContentChange[] = []
  const walk = (path: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) walk(`${path}/${key}`, (a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])
      return
    }
    changes.push({ path, before: a ?? null, after: b ?? null })
  }
  walk('', before, after)
  return changes
}

/** Words of a search query without diacritics, as the database's vn_unaccent sees them. */
export function searchWords(query: string): string[] {
  return query
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .split(/[^a-z0-9.]+/)
    .filter((w) => w.length > 0)
    .slice(0, 12)
}
