/**
 * The "valid on date" filter of the unit and agency lists, kept in the address (?validOn=):
 * absent means today (Vietnam time), `any` means every period.
 */
import { todayInVietnam } from '../../format/dates.ts'

export const ANY_DATE = 'any'

export function readValidOn(params: URLSearchParams): string | null {
  const value = params.get('validOn')
  if (value === ANY_DATE) return null
  return value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : todayInVietnam()
}

export function writeValidOn(params: URLSearchParams, validOn: string | null): URLSearchParams {
  const next = new URLSearchParams(params)
  if (validOn === null) next.set('validOn', ANY_DATE)
  else if (validOn === todayInVietnam()) next.delete('validOn')
  else next.set('validOn', validOn)
  return next
}
