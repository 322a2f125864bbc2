/** Set a new password for another official (POST /api/users/:id/password; @mantine/form). */
import { Alert, PasswordInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useState, type FormEventHandler } from 'react'
import { useTranslation } from 'react-i18next'
import { useEndpointMutation } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { FormCard } from '../../ui/FormCard.tsx'
import { showFieldErrors } from '../../ui/formErrors.ts'

/** The server's first password rule (PASSWORD_MIN_LENGTH, server/platform/auth/passwords.ts), in characters; it checks the others. */
const MIN_PASSWORD_LENGTH = 10

export function ResetPasswordForm({ userId }: { userId: string }) {
  const { t } = useTranslation('office')
  const [done, setDone] = useState(false)
  const form = useForm<{ newPassword: string; confirmation: string }>({
    initialValues: { newPassword: '', confirmation: '' },
    validate: {
      newPassword: (value) => ([...value].length >= MIN_PASSWORD_LENGTH ? null : t('password.rules')),
      confirmation: (value, values) => (value === values.newPassword ? null : t('password.mismatch')),
    },
  })
  const reset = useEndpointMutation(routes.resetUserPassword, {
    onSuccess: () => {
      form.reset()
      setDone(true)
    },
  })

  const submit = form.onSubmit((values) => reset.mutate({ params: { id: userId }, body: { newPassword: values.newPassword } }, { onError: (error) => showFieldErrors(form, error) }))
  const onSubmit: FormEventHandler<HTMLFormElement> = (event) => {
    setDone(false)
    submit(event)
  }
  const toggleLabel = { 'aria-label': t('signIn.toggleVisibility') }

  return (
    <FormCard id="reset-password-heading" title={t('users.resetPasswordTitle')} onSubmit={onSubmit} error={reset.error} pending={reset.isPending} submitLabel={t('users.resetPassword')}>
      {done && (
        <Alert color="green" role="status">
          {t('users.passwordReset')}
        </Alert>
      )}
      <PasswordInput label={t('password.new')} description={t('password.rules')} withAsterisk autoComplete="new-password" visibilityToggleButtonProps={toggleLabel} {...form.getInputProps('newPassword')} />
      <PasswordInput label={t('password.confirm')} withAsterisk autoComplete="new-password" visibilityToggleButtonProps={toggleLabel} {...form.getInputProps('confirmation')} />
    </FormCard>
  )
}
