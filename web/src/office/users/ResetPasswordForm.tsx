/** Set a new password for another official (POST /api/users/:id/password). */
import { Alert, Button, Card, PasswordInput, Stack, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { usersApi } from '../../api/users.ts'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'

export function ResetPasswordForm({ userId }: { userId: string }) {
  const { t } = useTranslation('office')
  const [newPassword, setNewPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [mismatch, setMismatch] = useState(false)
  const [done, setDone] = useState(false)

  const reset = useAction(async () => {
    await usersApi.resetPassword(userId, { newPassword })
    setNewPassword('')
    setConfirmation('')
    setDone(true)
  })

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setDone(false)
    setMismatch(newPassword !== confirmation)
    if (newPassword === confirmation) void reset.run()
  }
  const toggleLabel = { 'aria-label': t('signIn.toggleVisibility') }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="reset-password-heading">
      <Title order={2} size="h4" id="reset-password-heading" mb="sm">
        {t('users.resetPasswordTitle')}
      </Title>
      <form onSubmit={onSubmit}>
        <Stack>
          {done && (
            <Alert color="green" role="status">
              {t('users.passwordReset')}
            </Alert>
          )}
          <ProblemAlert error={reset.error} />
          <PasswordInput
            label={t('password.new')}
            description={t('password.rules')}
            required
            autoComplete="new-password"
            minLength={10}
            value={newPassword}
            onChange={(event) => setNewPassword(event.currentTarget.value)}
            visibilityToggleButtonProps={toggleLabel}
          />
          <PasswordInput
            label={t('password.confirm')}
            required
            autoComplete="new-password"
            value={confirmation}
            error={mismatch ? t('password.mismatch') : undefined}
            onChange={(event) => setConfirmation(event.currentTarget.value)}
            visibilityToggleButtonProps={toggleLabel}
          />
          <Button type="submit" loading={reset.pending} w="fit-content">
            {t('users.resetPassword')}
          </Button>
        </Stack>
      </form>
    </Card>
  )
}
