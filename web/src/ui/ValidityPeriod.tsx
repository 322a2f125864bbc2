/** "01/07/2025 – nay" style rendering of a validity period (validTo is the last valid day). */
import { useTranslation } from 'react-i18next'
import { formatDate } from '../format/dates.ts'

export function ValidityPeriod({ validFrom, validTo }: { validFrom: string; validTo: string | null }) {
  const { t } = useTranslation()
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {formatDate(validFrom)} – {validTo ? formatDate(validTo) : t('validity.openEnded')}
    </span>
  )
}
