/** The permissions a role carries, in words. */
import { Group, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { PERMISSIONS, type Permission } from '../catalog.ts'

function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}

export function PermissionList({ permissions }: { permissions: readonly string[] }) {
  const { t } = useTranslation('office')
  if (permissions.length === 0) return null
  const labels = permissions.map((permission) => (isPermission(permission) ? t(`permissions.${permission}`) : permission))
  return (
    <Group gap={4} mt="xs">
      <Text size="xs" c="dimmed">
        {t('rolesEditor.permits', { permissions: labels.join('; ') })}
      </Text>
    </Group>
  )
}
