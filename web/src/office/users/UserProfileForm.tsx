/** Display name and e-mail of an official (PATCH /api/users/:id with only what changed; @mantine/form). */
import { Alert, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UpdateUserBody, UserSummary } from '../../../../contracts/org.ts'
import { useEndpointMutation } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { FormCard } from '../../ui/FormCard.tsx'
import { required, showFieldErrors } from '../../ui/formErrors.ts'

export function UserProfileForm({ user, onSaved }: { user: UserSummary; onSaved: (user: UserSummary) => void }) {
  const { t } = useTranslation('office')
  const [saved, setSaved] = useState(false)
  const form = useForm<{ displayName: string; email: string }>({
    initialValues: { displayName: user.displayName, email: user.email ?? '' },
    validate: { displayName: required(t('validation.requiredText')) },
  })

  const { displayName, email } = form.values
  const nextEmail = email.trim() || null
  const changes: UpdateUserBody = {
    ...(displayName.trim() !== user.displayName ? { displayName: displayName.trim() } : {}),
    ...(nextEmail !== user.email ? { email: nextEmail } : {}),
  }
  const changed = Object.keys(changes).length > 0

  const save = useEndpointMutation(routes.updateUser, {
    invalidates: [routes.listUsers.path],
    onSuccess: (updated) => {
      setSaved(true)
      onSaved(updated)
    },
  })
  // If-Match: an edit over someone else's newer change answers 409 request.stale instead of overwriting it.
  const onSubmit = form.onSubmit(() => {
    setSaved(false)
    if (changed) save.mutate({ params: { id: user.id }, body: changes, ifMatch: user.rowVersion }, { onError: (error) => showFieldErrors(form, error) })
  })

  return (
    <FormCard id="user-profile-heading" title={t('users.profileTitle')} onSubmit={onSubmit} error={save.error} pending={save.isPending} canSubmit={changed} submitLabel={t('actions.save')}>
      {saved && !changed && (
        <Alert color="green" role="status">
          {t('common.saved')}
        </Alert>
      )}
      <TextInput label={t('users.fields.displayName')} withAsterisk maxLength={200} {...form.getInputProps('displayName')} />
      <TextInput label={t('users.fields.email')} type="email" maxLength={254} {...form.getInputProps('email')} />
    </FormCard>
  )
}
