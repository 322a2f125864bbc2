/** New official's account: identity, agency, initial password and roles. */
import { Alert, Button, Group, Paper, PasswordInput, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core'
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { CreateUserBody, UserRole } from '../../../../contracts/org.ts'
import { isApiError } from '../../api/client.ts'
import { usersApi } from '../../api/users.ts'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'
import { useAgencyDirectory } from '../org/directories.ts'
import { agencyOption, byName } from '../org/options.ts'
import { officePaths } from '../paths.ts'
import { rolesComplete, RolesEditor } from './RolesEditor.tsx'
import { USERNAME_INPUT_PATTERN } from './username.ts'

export function CreateUserPage() {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const navigate = useNavigate()
  const agencies = useAgencyDirectory()

  const [username, setUsername] = useState('')
  const [displayName, setDisplayName] = useState('')
  const [email, setEmail] = useState('')
  const [agencyId, setAgencyId] = useState<string | null>(null)
  const [password, setPassword] = useState('')
  const [roles, setRoles] = useState<UserRole[]>([])
  const [submitted, setSubmitted] = useState(false)

  const openEnded = tc('validity.openEnded')
  const agencyOptions = useMemo(() => [...agencies.all].sort(byName).map((agency) => agencyOption(agency, openEnded)), [agencies.all, openEnded])

  const create = useAction(async (body: CreateUserBody) => {
    const user = await usersApi.create(body)
    void navigate(officePaths.user(user.id))
  })
  const fieldErrors = isApiError(create.error) ? create.error.fieldErrors() : {}
  const incompleteRoles = submitted && !rolesComplete(roles)

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setSubmitted(true)
    if (!agencyId || !rolesComplete(roles)) return
    void create.run({
      username: username.trim().toLowerCase(),
      displayName: displayName.trim(),
      email: email.trim() || null,
      agencyId,
      password,
      roles,
    })
  }

  return (
    <>
      <PageHeader title={t('users.createTitle')} description={t('users.createLead')} />
      <Paper withBorder p="lg" maw={900}>
        <form onSubmit={onSubmit}>
          <Stack>
            <ProblemAlert error={create.error} withoutFieldErrors />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('users.fields.username')}
                description={t('users.usernameHint')}
                required
                autoComplete="off"
                autoCapitalize="none"
                spellCheck={false}
                pattern={USERNAME_INPUT_PATTERN}
                maxLength={64}
                value={username}
                error={fieldErrors.username}
                onChange={(event) => setUsername(event.currentTarget.value)}
              />
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
              <Select
                label={t('users.fields.agency')}
                required
                searchable
                nothingFoundMessage={t('common.nothingFound')}
                data={agencyOptions}
                value={agencyId}
                error={fieldErrors.agencyId ?? (submitted && !agencyId ? t('validation.required') : undefined)}
                onChange={setAgencyId}
                disabled={agencies.loading}
              />
              <PasswordInput
                label={t('users.fields.initialPassword')}
                description={t('password.rules')}
                required
                autoComplete="new-password"
                minLength={10}
                value={password}
                error={fieldErrors.password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                visibilityToggleButtonProps={{ 'aria-label': t('signIn.toggleVisibility') }}
              />
            </SimpleGrid>
            <Title order={2} size="h4">
              {t('users.fields.roles')}
            </Title>
            {incompleteRoles && (
              <Alert color="red" role="alert">
                {t('rolesEditor.incomplete')}
              </Alert>
            )}
            <RolesEditor value={roles} onChange={setRoles} defaultScopeAgencyId={agencyId} />
            <Group>
              <Button type="submit" loading={create.pending}>
                {t('users.create')}
              </Button>
              <Button variant="default" onClick={() => void navigate(officePaths.users)}>
                {t('actions.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  )
}
