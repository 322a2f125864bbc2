/** Officials' sign-in: user name + password; follows ?next= back into the workspace. */
import { Alert, Anchor, Box, Button, Center, Container, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconBuildingCommunity } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom'
import { authApi } from '../../api/auth.ts'
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { MAIN_CONTENT_ID, SkipLink } from '../../ui/SkipLink.tsx'
import { useAction } from '../../ui/useAction.ts'
import { usePageTitle } from '../../ui/usePageTitle.ts'
import { safeNextPath } from '../paths.ts'
import { useSession, type SignOutNotice } from '../session.tsx'

function SignOutNoticeAlert({ notice }: { notice: SignOutNotice }) {
  const { t } = useTranslation('office')
  if (notice.kind === 'expired') {
    return (
      <Alert color="yellow" role="status">
        {t('signIn.expired')}
      </Alert>
    )
  }
  return (
    <Alert color="green" role="status">
      {notice.kind === 'signedOut' ? t('signIn.signedOut') : t('signIn.signedOutEverywhere', { count: notice.sessionsClosed })}
    </Alert>
  )
}

export function SignInPage() {
  const { t } = useTranslation('office')
  const { state, signedIn } = useSession()
  const [searchParams] = useSearchParams()
  const navigate = useNavigate()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const next = safeNextPath(searchParams.get('next'))
  const notice = state.status === 'signed-out' ? state.notice : undefined
  usePageTitle(t('signIn.title'))

  const signIn = useAction(async () => {
    const user = await authApi.signIn({ username: username.trim(), password })
    signedIn(user)
    void navigate(next, { replace: true })
  })

  if (state.status === 'signed-in' && !signIn.pending) return <Navigate to={next} replace />

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    void signIn.run()
  }

  return (
    <Box mih="100dvh" bg="gray.0">
      <SkipLink />
      <Box component="header" bg="red.9" c="white" py="sm">
        <Container size="lg">
          <Group justify="space-between" wrap="nowrap">
            <Anchor component={Link} to="/" c="white" underline="never">
              <Group gap="xs" wrap="nowrap">
                <IconBuildingCommunity size={28} aria-hidden />
                <Text fw={700}>{t('shell.portalName')}</Text>
              </Group>
            </Anchor>
            <LanguageSwitcher />
          </Group>
        </Container>
      </Box>
      <Box component="main" id={MAIN_CONTENT_ID} tabIndex={-1}>
        <Center py={48} px="md">
          <Paper withBorder shadow="sm" p="xl" w="100%" maw={420} radius="md">
            {state.status === 'loading' ? (
              <LoadingState label={t('session.checking')} />
            ) : (
              <form onSubmit={onSubmit} aria-labelledby="sign-in-title">
                <Stack>
                  <div>
                    <Title order={1} size="h2" id="sign-in-title">
                      {t('signIn.title')}
                    </Title>
                    <Text size="sm" c="dimmed" mt={4}>
                      {t('signIn.lead')}
                    </Text>
                  </div>
                  {notice && !signIn.error && <SignOutNoticeAlert notice={notice} />}
                  <ProblemAlert error={signIn.error} />
                  <TextInput
                    label={t('signIn.username')}
                    name="username"
                    autoComplete="username"
                    autoCapitalize="none"
                    spellCheck={false}
                    required
                    value={username}
                    onChange={(event) => setUsername(event.currentTarget.value)}
                  />
                  <PasswordInput
                    label={t('signIn.password')}
                    name="password"
                    autoComplete="current-password"
                    required
                    value={password}
                    onChange={(event) => setPassword(event.currentTarget.value)}
                    visibilityToggleButtonProps={{ 'aria-label': t('signIn.toggleVisibility') }}
                  />
                  <Button type="submit" loading={signIn.pending} fullWidth>
                    {t('signIn.submit')}
                  </Button>
                  <Anchor component={Link} to="/" size="sm">
                    {t('signIn.backToPortal')}
                  </Anchor>
                </Stack>
              </form>
            )}
          </Paper>
        </Center>
      </Box>
    </Box>
  )
}
