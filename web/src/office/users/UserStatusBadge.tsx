/** Active / disabled account status. */
import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { UserSummary } from '../../../../contracts/org.ts'

export function UserStatusBadge({ status }: { status: UserSummary['status'] }) {
  const { t } = useTranslation('office')
  return (
    <Badge color={status === 'active' ? 'green' : 'gray'} variant="light">
      {t(`users.status.${status}`)}
    </Badge>
  )
}
