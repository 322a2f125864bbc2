/** Display name and e-mail of an official (PATCH /api/users/:id). */
import { Alert, Button, Card, Stack, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { UpdateUserBody, UserSummary } from '../../../../contracts/org.ts'
import { isApiError } from '../../api/client.ts'
import { usersApi } from '../../api/users.ts'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'

export function UserProfileForm({ user, onSaved }: { user: UserSummary; onSaved: (user: UserSummary) => void }) {
  const { t } = useTranslation('office')
  const [displayName, setDisplayName] = useState(user.displayName)
  const [email, setEmail] = useState(user.email ?? '')
  const [saved, setSaved] = useState(false)

  const nextEmail = email.trim() || null
  const changes: UpdateUserBody = {
    ...(displayName.trim() !== user.displayName ? { displayName: displayName.trim() } : {}),
    ...(nextEmail !== user.email ? { email: nextEmail } : {}),
  }
  const changed = Object.keys(changes).length > 0

  const save = useAction(async () => {
    const updated = await usersApi.update(user.id, changes, user.rowVersion)
    setSaved(true)
    onSaved(updated)
  })
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors() : {}

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setSaved(false)
    if (changed) void save.run()
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="user-profile-heading">
      <Title order={2} size="h4" id="user-profile-heading" mb="sm">
        {t('users.profileTitle')}
      </Title>
      <form onSubmit={onSubmit}>
        <Stack>
          {saved && !changed && (
            <Alert color="green" role="status">
              {t('common.saved')}
            </Alert>
          )}
          <ProblemAlert error={save.error} withoutFieldErrors />
          <TextInput
            label={t('users.fields.displayName')}
            required
            maxLength={200}
            value={displayName}
            error={fieldErrors.displayName}
            onChange={(event) => setDisplayName(event.currentTarget.value)}
          />
          <TextInput
            label={t('users.fields.email')}
            type="email"
            maxLength={254}
            value={email}
            error={fieldErrors.email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <Button type="submit" loading={save.pending} disabled={!changed} w="fit-content">
            {t('actions.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  )
}
