/**
 * A user's roles as badges. The scope agency (from the directory) is in a tooltip for mouse users
 * and in visually hidden text for screen readers, so the badges need no extra tab stops.
 */
import { Badge, Group, Text, Tooltip, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { UserRole } from '../../../../contracts/org.ts'
import { useAgencyDirectory } from '../org/directories.ts'

export function RoleBadges({ roles }: { roles: readonly UserRole[] }) {
  const { t } = useTranslation('office')
  const agencies = useAgencyDirectory()
  if (roles.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('users.noRoles')}
      </Text>
    )
  return (
    <Group gap={4}>
      {roles.map((grant) => {
        const scope = agencies.byId.get(grant.scopeAgencyId)?.name
        const scopeText = scope ? t('users.roleScope', { agency: scope }) : null
        return (
          <Tooltip key={`${grant.role}:${grant.scopeAgencyId}`} label={scopeText} disabled={!scopeText} withArrow>
            <Badge variant="light" size="sm">
              {t(`roles.${grant.role}`)}
              {scopeText && <VisuallyHidden> – {scopeText}</VisuallyHidden>}
            </Badge>
          </Tooltip>
        )
      })}
    </Group>
  )
}
