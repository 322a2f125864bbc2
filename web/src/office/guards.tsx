/** Route guards: a session for the whole workspace, a permission for each admin page. */
import { Alert, Button, Container, Stack } from '@mantine/core'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Navigate, useLocation } from 'react-router-dom'
import { LoadingState } from '../ui/LoadingState.tsx'
import { ProblemAlert } from '../ui/ProblemAlert.tsx'
import type { Permission } from './catalog.ts'
import { officePaths } from './paths.ts'
import { hasPermission, useSession } from './session.tsx'

export function RequireSession({ children }: { children: ReactNode }) {
  const { state, retry } = useSession()
  const { t } = useTranslation('office')
  const location = useLocation()

  if (state.status === 'loading') return <LoadingState label={t('session.checking')} />
  if (state.status === 'failed') {
    return (
      <Container size="sm" py="xl">
        <Stack>
          <ProblemAlert error={state.error} />
          <Button onClick={retry} w="fit-content">
            {t('actions.retry')}
          </Button>
        </Stack>
      </Container>
    )
  }
  if (state.status === 'signed-out') {
    // After a deliberate sign-out, start over at the workspace home; otherwise come back here.
    const next = `${location.pathname}${location.search}`
    const deliberate = state.notice?.kind === 'signedOut' || state.notice?.kind === 'signedOutEverywhere'
    const target = deliberate || next === officePaths.home ? officePaths.signIn : `${officePaths.signIn}?next=${encodeURIComponent(next)}`
    return <Navigate to={target} replace />
  }
  return <>{children}</>
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { state } = useSession()
  const { t } = useTranslation('office')
  if (state.status !== 'signed-in') return null
  if (!hasPermission(state.user, permission)) {
    return (
      <Alert color="yellow" title={t('forbidden.title')} role="alert">
        {t('forbidden.body')}
      </Alert>
    )
  }
  return <>{children}</>
}
