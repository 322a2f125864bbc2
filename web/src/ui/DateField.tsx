/**
 * Calendar date input typed as dd/mm/yyyy (the format officials use), exchanging yyyy-MM-dd with
 * its parent. No time zone is involved: the value is a calendar date. Text that is not a real
 * date is reported to the parent as null with `invalid: true` (filters ignore it) and blocks the
 * surrounding form's submission through the browser's constraint validation.
 */
import { TextInput, type TextInputProps } from '@mantine/core'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate, parseDisplayDate } from '../format/dates.ts'

interface DateFieldProps extends Omit<TextInputProps, 'value' | 'defaultValue' | 'onChange' | 'type'> {
  /** yyyy-MM-dd or null. */
  value: string | null
  onChange: (value: string | null, meta: { invalid: boolean }) => void
}

export function DateField({ value, onChange, error, description, onBlur, ...rest }: DateFieldProps) {
  const { t } = useTranslation()
  const inputRef = useRef<HTMLInputElement>(null)
  const [text, setText] = useState(() => formatDate(value))
  const [showInvalid, setShowInvalid] = useState(false)
  const invalid = text.trim() !== '' && parseDisplayDate(text) === null
  const invalidMessage = t('date.invalid')

  // Follow changes made by the parent (reset, preset), but keep half-typed text alone.
  useEffect(() => {
    const parsed = parseDisplayDate(text)
    if (value === null ? parsed !== null : parsed !== value) setText(formatDate(value))
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only react to the parent's value
  }, [value])

  useEffect(() => {
    inputRef.current?.setCustomValidity(invalid ? invalidMessage : '')
  }, [invalid, invalidMessage])

  return (
    <TextInput
      {...rest}
      ref={inputRef}
      value={text}
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('date.placeholder')}
      description={description ?? t('date.format')}
      error={error ?? (showInvalid ? invalidMessage : undefined)}
      onChange={(event) => {
        const next = event.currentTarget.value
        setText(next)
        const empty = next.trim() === ''
        const parsed = empty ? null : parseDisplayDate(next)
        if (empty || parsed) setShowInvalid(false)
        if (parsed !== value || (!empty && !parsed)) onChange(parsed, { invalid: !empty && !parsed })
      }}
      onBlur={(event) => {
        setShowInvalid(invalid)
        onBlur?.(event)
      }}
      onInvalid={() => setShowInvalid(true)}
    />
  )
}
