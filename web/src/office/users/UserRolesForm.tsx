/** Replace an official's role grants (PUT /api/users/:id/roles). */
import { Alert, Button, Group, Stack } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserRole, UserSummary } from '../../../../contracts/org.ts'
import { usersApi } from '../../api/users.ts'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'
import { rolesComplete, RolesEditor } from './RolesEditor.tsx'

function sameRoles(a: readonly UserRole[], b: readonly UserRole[]): boolean {
  const key = (roles: readonly UserRole[]) => roles.map((r) => `${r.role}@${r.scopeAgencyId}`).sort().join('|')
  return key(a) === key(b)
}

interface UserRolesFormProps {
  user: UserSummary
  disabled: boolean
  onSaved: (user: UserSummary) => void
}

export function UserRolesForm({ user, disabled, onSaved }: UserRolesFormProps) {
  const { t } = useTranslation('office')
  const [roles, setRoles] = useState<UserRole[]>(user.roles)
  const [saved, setSaved] = useState(false)
  const changed = !sameRoles(roles, user.roles)
  const complete = rolesComplete(roles)

  const save = useAction(async () => {
    const updated = await usersApi.setRoles(user.id, { roles })
    setSaved(true)
    setRoles(updated.roles)
    onSaved(updated)
  })

  return (
    <Stack>
      {saved && !changed && (
        <Alert color="green" role="status">
          {t('common.saved')}
        </Alert>
      )}
      <ProblemAlert error={save.error} />
      <RolesEditor
        value={roles}
        onChange={(next) => {
          setSaved(false)
          setRoles(next)
        }}
        defaultScopeAgencyId={user.agencyId}
        disabled={disabled}
      />
      {!complete && (
        <Alert color="yellow" role="status">
          {t('rolesEditor.incomplete')}
        </Alert>
      )}
      <Group>
        <Button loading={save.pending} disabled={disabled || !changed || !complete} onClick={() => void save.run()}>
          {t('users.saveRoles')}
        </Button>
        {changed && (
          <Button variant="default" disabled={disabled} onClick={() => setRoles(user.roles)}>
            {t('actions.undo')}
          </Button>
        )}
      </Group>
    </Stack>
  )
}
