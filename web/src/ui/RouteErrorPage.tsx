/** Last-resort page when rendering a route throws (including a failed chunk download). */
import { Alert, Anchor, Container, Stack, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { useRouteError } from 'react-router-dom'

export function RouteErrorPage() {
  const { t } = useTranslation()
  const error = useRouteError()
  if (error) console.error(error)
  return (
    <Container size="sm" py="xl">
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
