/** Permission names as short badges (full wording in the title). */
import { Badge, Group } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { PERMISSIONS, type Permission } from '../catalog.ts'

function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}

export function PermissionBadges({ permissions }: { permissions: readonly string[] }) {
  const { t } = useTranslation('office')
  return (
    <Group gap={4}>
      {permissions.map((permission) => (
        <Badge key={permission} variant="outline" size="sm" tt="none" title={isPermission(permission) ? t(`permissions.${permission}`) : undefined}>
          {permission}
        </Badge>
      ))}
    </Group>
  )
}
