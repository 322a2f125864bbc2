/**
 * /nop-ho-so/:id — where "Nộp hồ sơ trực tuyến" leads. Online submission is not built yet: the
 * page says so, names the procedure and leads back to it.
 */
import { Alert, Anchor, Container, Stack, Text, Title } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router-dom'
import { publicProceduresApi } from '../../api/procedures.ts'
import { usePageTitle } from '../../ui/usePageTitle.ts'
import { useResource } from '../../ui/useResource.ts'
import { procedurePath } from '../ProcedureSearchBox.tsx'

export function OnlineSubmissionPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const procedure = useResource((signal) => publicProceduresApi.get(id, signal), [id])
  const name = procedure.data?.current?.content.name
  usePageTitle(t('onlineSubmission.title'))

  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1}>{t('onlineSubmission.title')}</Title>
        {name && <Text fw={600}>{name}</Text>}
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title={t('onlineSubmission.comingSoonTitle')}>
          <Text size="sm">{t('onlineSubmission.comingSoon')}</Text>
          <Text size="sm" mt="xs">
            {t('onlineSubmission.meanwhile')}
          </Text>
        </Alert>
        <Anchor component={Link} to={procedurePath(id)}>
          {t('onlineSubmission.back')}
        </Anchor>
      </Stack>
    </Container>
  )
}
