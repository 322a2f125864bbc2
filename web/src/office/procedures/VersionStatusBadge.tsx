/** Draft / published / withdrawn, as a badge. */
import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Procedure } from '../../../../contracts/procedures.ts'

type VersionStatus = Procedure['versions'][number]['status']

// Colour names, so the theme's contrast-checked variables apply (web/src/theme.ts: green filled is 5.4:1 under white).
const COLOR: Record<VersionStatus, string> = { draft: 'gray', published: 'green', withdrawn: 'red' }

export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  const { t } = useTranslation('office')
  return (
    <Badge size="sm" variant={status === 'published' ? 'filled' : 'light'} color={COLOR[status]}>
      {t(`procedures.status.${status}`)}
    </Badge>
  )
}
