/**
 * One procedure on the portal (/thu-tuc/:id, lazy chunk): the version in force today
 * (GET /api/public/procedures/:id), with "submit online" when the procedure accepts it and a
 * print button (print CSS hides the navigation and prints black on white).
 */
import { Anchor, Badge, Button, Container, Group, Stack, Text, Title } from '@mantine/core'
import { IconArrowLeft, IconPrinter, IconSend } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link, useLocation, useParams } from 'react-router-dom'
import { isApiError } from '../../api/client.ts'
import { publicProceduresApi } from '../../api/procedures.ts'
import { formatDateTime } from '../../format/dates.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { usePageTitle } from '../../ui/usePageTitle.ts'
import { useResource } from '../../ui/useResource.ts'
import type { CatalogueLinkState } from './CataloguePage.tsx'
import { OnlineLevelBadge, useLevelsText } from './ProcedureBits.tsx'
import { ProcedureDetails } from './ProcedureDetails.tsx'
import { acceptsOnline, isMissing } from './procedureText.ts'

export const onlineSubmissionPath = (id: string) => `/nop-ho-so/${encodeURIComponent(id)}`

function BackToCatalogue() {
  const { t } = useTranslation()
  const state = useLocation().state as Partial<CatalogueLinkState> | null
  const search = typeof state?.catalogueSearch === 'string' && state.catalogueSearch ? `?${state.catalogueSearch}` : ''
  return (
    <Anchor component={Link} to={`/thu-tuc${search}`} size="sm" className="no-print">
      <Group gap={4} component="span" wrap="nowrap">
        <IconArrowLeft size={16} aria-hidden />
        {search ? t('procedure.backToResults') : t('procedure.backToCatalogue')}
      </Group>
    </Anchor>
  )
}

export function ProcedurePage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const levelsText = useLevelsText()
  const procedure = useResource((signal) => publicProceduresApi.get(id, signal), [id])
  const current = procedure.data?.current ?? null
  const notFound = isApiError(procedure.error) && (procedure.error.status === 404 || procedure.error.status === 400)
  usePageTitle(current?.content.name ?? (notFound ? t('procedure.notFound.title') : t('catalogue.title')))

  if (procedure.loading && !procedure.data) return <LoadingState />
  if (!procedure.data || !current) {
    return (
      <Container size="md" py="xl">
        <Stack>
          <BackToCatalogue />
          {notFound || (procedure.data && !current) ? (
            <>
              <Title order={1}>{t('procedure.notFound.title')}</Title>
              <Text>{t('procedure.notFound.body')}</Text>
            </>
          ) : (
            <>
              <Title order={1}>{t('catalogue.title')}</Title>
              <ProblemAlert error={procedure.error} />
              <Button variant="default" w="fit-content" onClick={procedure.reload}>
                {t('procedure.retry')}
              </Button>
            </>
          )}
        </Stack>
      </Container>
    )
  }

  const content = current.content
  // A record that does not publish its online level stores "none": say nothing rather than "in person".
  const onlineKnown = !isMissing(content.provenance, 'onlineLevel')
  return (
    <Container size="lg" py="xl">
      <Stack gap="lg">
        <BackToCatalogue />
        <Stack gap="sm">
          <Text size="sm" fw={600} c="dimmed">
            {content.field.name}
          </Text>
          <Title order={1} lang="vi">
            {content.name}
          </Title>
          <Group gap="xs">
            {onlineKnown && <OnlineLevelBadge level={content.onlineLevel} size="lg" />}
            {content.nationalCode && (
              <Badge variant="outline" color="gray.7" size="lg" ff="monospace" className="print-plain">
                {t('procedure.codeBadge', { code: content.nationalCode })}
              </Badge>
            )}
            <Badge variant="light" color="gray" size="lg" className="print-plain">
              {levelsText(content.levels)}
            </Badge>
          </Group>
          <Group gap="sm" mt="xs" className="no-print">
            {onlineKnown && acceptsOnline(content.onlineLevel) && (
              <Button component={Link} to={onlineSubmissionPath(id)} leftSection={<IconSend size={18} aria-hidden />}>
                {t('procedure.submitOnline')}
              </Button>
            )}
            <Button variant="default" leftSection={<IconPrinter size={18} aria-hidden />} onClick={() => window.print()}>
              {t('procedure.print')}
            </Button>
          </Group>
        </Stack>

        <ProcedureDetails version={current} agencies={procedure.data.agencies} headingOrder={2} withDueDate />

        <Text size="xs" c="dimmed" className="print-footer">
          {t('procedure.printedFrom', { address: window.location.href, time: formatDateTime(new Date().toISOString()) })}
        </Text>
      </Stack>
    </Container>
  )
}
