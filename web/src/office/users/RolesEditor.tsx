/**
 * Edits a list of role grants: each grant is a role held over an agency subtree (its scope).
 * Shows what each role permits, from GET /api/roles.
 */
import { ActionIcon, Button, Group, Paper, Select, Stack, Text } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserRole } from '../../../../contracts/org.ts'
import { usersApi } from '../../api/users.ts'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useResource } from '../../ui/useResource.ts'
import { ROLES, type RoleName } from '../catalog.ts'
import { useAgencyDirectory } from '../org/directories.ts'
import { agencyOption, byName } from '../org/options.ts'
import { PermissionList } from './PermissionList.tsx'

interface RolesEditorProps {
  value: UserRole[]
  onChange: (roles: UserRole[]) => void
  /** Scope given to a newly added grant (usually the user's agency); '' marks a scope still to choose. */
  defaultScopeAgencyId: string | null
  disabled?: boolean
}

export function RolesEditor({ value, onChange, defaultScopeAgencyId, disabled = false }: RolesEditorProps) {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const agencies = useAgencyDirectory()
  const roleInfo = useResource((signal) => usersApi.roles(signal), [])
  const permissionsOf = useMemo(() => new Map((roleInfo.data ?? []).map((info) => [info.role, info.permissions])), [roleInfo.data])
  const openEnded = tc('validity.openEnded')
  const agencyOptions = useMemo(() => [...agencies.all].sort(byName).map((agency) => agencyOption(agency, openEnded)), [agencies.all, openEnded])

  const replace = (index: number, grant: UserRole) => onChange(value.map((current, i) => (i === index ? grant : current)))

  return (
    <Stack gap="sm">
      <ProblemAlert error={roleInfo.error ?? agencies.error} />
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('users.noRoles')}
        </Text>
      )}
      {value.map((grant, index) => {
        const number = index + 1
        return (
          <Paper key={index} withBorder p="sm" component="fieldset" style={{ margin: 0 }} aria-label={t('rolesEditor.grant', { number })}>
            <Group align="flex-start" gap="sm">
              <Select
                label={t('rolesEditor.role', { number })}
                required
                allowDeselect={false}
                disabled={disabled}
                data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                value={grant.role}
                onChange={(role) => role && replace(index, { ...grant, role: role as RoleName })}
                w={240}
              />
              <Select
                label={t('rolesEditor.scope', { number })}
                description={t('rolesEditor.scopeHint')}
                required
                searchable
                allowDeselect={false}
                disabled={disabled || agencies.loading}
                nothingFoundMessage={t('common.nothingFound')}
                data={agencyOptions}
                value={grant.scopeAgencyId || null}
                onChange={(scopeAgencyId) => scopeAgencyId && replace(index, { ...grant, scopeAgencyId })}
                style={{ flex: 1, minWidth: 240 }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={28}
                disabled={disabled}
                aria-label={t('rolesEditor.remove', { number })}
                onClick={() => onChange(value.filter((_, i) => i !== index))}
              >
                <IconTrash size={18} aria-hidden />
              </ActionIcon>
            </Group>
            <PermissionList permissions={permissionsOf.get(grant.role) ?? []} />
          </Paper>
        )
      })}
      <Button
        variant="light"
        leftSection={<IconPlus size={16} aria-hidden />}
        w="fit-content"
        disabled={disabled}
        onClick={() => onChange([...value, { role: 'specialist', scopeAgencyId: defaultScopeAgencyId ?? '' }])}
      >
        {t('rolesEditor.add')}
      </Button>
    </Stack>
  )
}

/** Whether every grant names a scope agency (the API requires one). */
export function rolesComplete(roles: readonly UserRole[]): boolean {
  return roles.every((grant) => grant.scopeAgencyId !== '')
}
