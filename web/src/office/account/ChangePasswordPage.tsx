/** Change one's own password (the server then ends the official's other sessions). */
import { Alert, Button, Paper, PasswordInput, Stack } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { authApi } from '../../api/auth.ts'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'

export function ChangePasswordPage() {
  const { t } = useTranslation('office')
  const [currentPassword, setCurrentPassword] = useState('')
  const [newPassword, setNewPassword] = useState('')
  const [confirmation, setConfirmation] = useState('')
  const [mismatch, setMismatch] = useState(false)
  const [done, setDone] = useState(false)

  const change = useAction(async () => {
    await authApi.changePassword({ currentPassword, newPassword })
    setCurrentPassword('')
    setNewPassword('')
    setConfirmation('')
    setDone(true)
  })

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setDone(false)
    if (newPassword !== confirmation) {
      setMismatch(true)
      return
    }
    setMismatch(false)
    void change.run()
  }

  const toggleLabel = { 'aria-label': t('signIn.toggleVisibility') }

  return (
    <>
      <PageHeader title={t('password.title')} description={t('password.lead')} />
      <Paper withBorder p="lg" maw={480}>
        <form onSubmit={onSubmit}>
          <Stack>
            {done && (
              <Alert color="green" role="status">
                {t('password.changed')}
              </Alert>
            )}
            <ProblemAlert error={change.error} />
            <PasswordInput
              label={t('password.current')}
              autoComplete="current-password"
              required
              value={currentPassword}
              onChange={(event) => setCurrentPassword(event.currentTarget.value)}
              visibilityToggleButtonProps={toggleLabel}
            />
            <PasswordInput
              label={t('password.new')}
              description={t('password.rules')}
              autoComplete="new-password"
              required
              minLength={10}
              value={newPassword}
              onChange={(event) => setNewPassword(event.currentTarget.value)}
              visibilityToggleButtonProps={toggleLabel}
            />
            <PasswordInput
              label={t('password.confirm')}
              autoComplete="new-password"
              required
              value={confirmation}
              error={mismatch ? t('password.mismatch') : undefined}
              onChange={(event) => setConfirmation(event.currentTarget.value)}
              visibilityToggleButtonProps={toggleLabel}
            />
            <Button type="submit" loading={change.pending} w="fit-content">
              {t('password.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </>
  )
}
