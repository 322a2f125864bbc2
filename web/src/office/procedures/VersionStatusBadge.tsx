/** Draft / published / withdrawn, as a badge. */
import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { Procedure } from '../../../../contracts/procedures.ts'

type VersionStatus = Procedure['versions'][number]['status']

// Light badges take a colour name (a shade would paint the whole pill); the filled one a dark shade for contrast.
const COLOR: Record<VersionStatus, string> = { draft: 'gray', published: 'green.9', withdrawn: 'red' }

export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  const { t } = useTranslation('office')
  return (
    <Badge size="sm" variant={status === 'published' ? 'filled' : 'light'} color={COLOR[status]}>
      {t(`procedures.status.${status}`)}
    </Badge>
  )
}
