/** 404 inside the portal shell. */
import { Anchor, Container, Stack, Text, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { usePageTitle } from '../ui/usePageTitle.ts'

export function NotFoundPage() {
  const { t } = useTranslation()
  usePageTitle(t('notFound.title'))
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1}>{t('notFound.title')}</Title>
        <Text>{t('notFound.body')}</Text>
        <Anchor component={Link} to="/">
          {t('nav.backHome')}
        </Anchor>
      </Stack>
    </Container>
  )
}
