/** Replace an official's role grants (PUT /api/users/:id/roles with If-Match; @mantine/form). */
import { Alert, List } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UserRole, UserSummary } from '../../../../contracts/org.ts'
import { useEndpointMutation } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { FormCard } from '../../ui/FormCard.tsx'
import { showFieldErrors } from '../../ui/formErrors.ts'
import { rolesComplete, RolesEditor } from './RolesEditor.tsx'

/** PUT /api/users/:id/roles takes If-Match: the official's rowVersion. */
const setUserRoles = routes.setUserRoles

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
  const [saved, setSaved] = useState(false)
  const form = useForm<{ roles: UserRole[] }>({
    initialValues: { roles: user.roles },
    validate: { roles: (value) => (rolesComplete(value) ? null : t('rolesEditor.incomplete')) },
  })
  const { roles } = form.values
  const changed = !sameRoles(roles, user.roles)
  const complete = rolesComplete(roles)
  // The server's messages name a grant's fields (/body/roles/0/scopeAgencyId): they stand above the editor.
  const fieldMessages = [...new Set(Object.values(form.errors).filter((message) => typeof message === 'string' && message !== ''))]

  const save = useEndpointMutation(setUserRoles, {
    invalidates: [routes.listUsers.path],
    onSuccess: (updated) => {
      setSaved(true)
      form.setValues({ roles: updated.roles })
      onSaved(updated)
    },
  })
  // If-Match: roles set over someone else's newer change answer 409 request.stale instead of overwriting it.
  const onSubmit = form.onSubmit((values) => save.mutate({ params: { id: user.id }, body: { roles: values.roles }, ifMatch: user.rowVersion }, { onError: (error) => showFieldErrors(form, error) }))

  return (
    <FormCard
      onSubmit={onSubmit}
      error={save.error}
      pending={save.isPending}
      canSubmit={!disabled && changed && complete}
      submitLabel={t('users.saveRoles')}
      onCancel={
        changed
          ? () => {
              form.clearErrors()
              form.setValues({ roles: user.roles })
            }
          : undefined
      }
      cancelLabel={t('actions.undo')}
      maw={900}
    >
      {saved && !changed && (
        <Alert color="green" role="status">
          {t('common.saved')}
        </Alert>
      )}
      {fieldMessages.length > 0 && (
        <Alert color="red" role="alert">
          <List size="sm">
            {fieldMessages.map((message) => (
              <List.Item key={String(message)}>{message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <RolesEditor
        value={roles}
        onChange={(next) => {
          setSaved(false)
          form.clearErrors()
          form.setFieldValue('roles', next)
        }}
        defaultScopeAgencyId={user.agencyId}
        disabled={disabled}
      />
      {!complete && (
        <Alert color="yellow" role="status">
          {t('rolesEditor.incomplete')}
        </Alert>
      )}
    </FormCard>
  )
}
