/**
 * Last resort when rendering throws (including a failed download of the workspace chunk after a
 * deployment): a readable page instead of a blank screen. Resets when the address changes.
 */
import { Alert, Anchor, Container, Stack, Title } from '@mantine/core'
import { Component, type ErrorInfo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useLocation } from 'react-router-dom'

function ErrorPage() {
  const { t } = useTranslation()
  return (
    <Container size="sm" py="xl" component="main">
      <Stack>
        <Title order={1}>{t('errors.pageFailedTitle')}</Title>
        <Alert color="red" role="alert">
          {t('errors.pageFailed')}
        </Alert>
        <Anchor href="/">{t('nav.backHome')}</Anchor>
      </Stack>
    </Container>
  )
}

class Boundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean; resetKey: string }> {
  override state = { failed: false, resetKey: this.props.resetKey }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { failed: boolean; resetKey: string }) {
    return props.resetKey === state.resetKey ? null : { failed: false, resetKey: props.resetKey }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack)
  }

  override render(): ReactNode {
    return this.state.failed ? <ErrorPage /> : this.props.children
  }
}

export function ErrorBoundary({ children }: { children: ReactNode }) {
  const { pathname } = useLocation()
  return <Boundary resetKey={pathname}>{children}</Boundary>
}
