/** Picker options for units and agencies: name, code and validity, so same-named records differ. */
import type { Agency, Unit } from '../../../../contracts/org.ts'
import { formatDate } from '../../format/dates.ts'

function period(validFrom: string, validTo: string | null, openEnded: string): string {
  return `${formatDate(validFrom)} – ${validTo ? formatDate(validTo) : openEnded}`
}

export function unitOption(unit: Unit, openEnded: string): { value: string; label: string } {
  return { value: unit.id, label: `${unit.name} (${unit.code}) · ${period(unit.validFrom, unit.validTo, openEnded)}` }
}

export function agencyOption(agency: Agency, openEnded: string): { value: string; label: string } {
  const code = agency.identityCode ? ` (${agency.identityCode})` : ''
  return { value: agency.id, label: `${agency.name}${code} · ${period(agency.validFrom, agency.validTo, openEnded)}` }
}

/** Sorts by name the way Vietnamese readers expect (diacritics-aware). */
export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'vi')
}
