/**
 * @mantine/form and the server's problems: a validation problem's per-field messages (RFC 9457
 * `errors[]`, localised by the server) are shown beside the inputs they name.
 */
import type { UseFormReturnType } from '@mantine/form'
import { isApiError } from '../api/client.ts'

/** Puts the field messages of a refused write on the form's inputs (by the pointer's last segment). */
export function showFieldErrors<Values>(form: UseFormReturnType<Values>, error: unknown): void {
  if (!isApiError(error)) return
  const errors = error.fieldErrors()
  if (Object.keys(errors).length > 0) form.setErrors(errors)
}

/** A required value, with the message given (e.g. t('validation.required')). */
export function required(message: string) {
  return (value: unknown) => (value === null || value === undefined || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0) ? message : null)
}
