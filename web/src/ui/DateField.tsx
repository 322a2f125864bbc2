/**
 * Calendar date input typed as dd/mm/yyyy (the format officials use), exchanging yyyy-MM-dd with
 * its parent. No time zone is involved: the value is a calendar date.
 */
import { TextInput, type TextInputProps } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDate, parseDisplayDate } from '../format/dates.ts'

interface DateFieldProps extends Omit<TextInputProps, 'value' | 'defaultValue' | 'onChange' | 'type'> {
  /** yyyy-MM-dd or null. */
  value: string | null
  onChange: (value: string | null) => void
}

export function DateField({ value, onChange, error, description, onBlur, ...rest }: DateFieldProps) {
  const { t } = useTranslation()
  const [text, setText] = useState(() => formatDate(value))
  const [showInvalid, setShowInvalid] = useState(false)

  // Follow changes made by the parent (reset, preset), but keep half-typed text alone.
  useEffect(() => {
    const parsed = parseDisplayDate(text)
    if (value === null ? parsed !== null : parsed !== value) setText(formatDate(value))
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only react to the parent's value
  }, [value])

  return (
    <TextInput
      {...rest}
      value={text}
      inputMode="numeric"
      autoComplete="off"
      placeholder={t('date.placeholder')}
      description={description ?? t('date.format')}
      pattern="\d{1,2}/\d{1,2}/\d{4}"
      error={error ?? (showInvalid ? t('date.invalid') : undefined)}
      onChange={(event) => {
        const next = event.currentTarget.value
        setText(next)
        const parsed = parseDisplayDate(next)
        if (next.trim() === '' || parsed) setShowInvalid(false)
        const emitted = next.trim() === '' ? null : parsed
        if (emitted !== value) onChange(emitted)
      }}
      onBlur={(event) => {
        setShowInvalid(text.trim() !== '' && parseDisplayDate(text) === null)
        onBlur?.(event)
      }}
    />
  )
}
