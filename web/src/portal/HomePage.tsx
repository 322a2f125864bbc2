/**
 * Portal home: what the platform is and where to go, the procedure search (results open in the
 * catalogue at /thu-tuc) and the due-date calculator. Services not built yet are announced as
 * "coming soon" without any sample data.
 */
import { Badge, Box, Button, Card, Container, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconArrowRight, IconBook2, IconFileSearch, IconMessageReport, IconUserShield, type Icon } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router-dom'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { DueDateWidget } from './DueDateWidget.tsx'
import { ProcedureSearchBox } from './ProcedureSearchBox.tsx'

type ComingSoonService = 'dossierLookup' | 'feedback'

const COMING_SOON: { key: ComingSoonService; icon: Icon }[] = [
  { key: 'dossierLookup', icon: IconFileSearch },
  { key: 'feedback', icon: IconMessageReport },
]

function CatalogueCard() {
  const { t } = useTranslation()
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="service-procedures">
      <Group justify="space-between" align="flex-start" mb="sm">
        <ThemeIcon size="xl" variant="light" aria-hidden>
          <IconBook2 size={28} />
        </ThemeIcon>
      </Group>
      <Title order={3} size="h4" id="service-procedures">
        {t('portal.services.procedures.title')}
      </Title>
      <Text size="sm" c="dimmed" mt="xs" mb="md">
        {t('portal.services.procedures.description')}
      </Text>
      <Button component={Link} to="/thu-tuc" variant="light" rightSection={<IconArrowRight size={16} aria-hidden />} mt="auto" w="fit-content">
        {t('portal.services.procedures.action')}
      </Button>
    </Card>
  )
}

function HomeSearch() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [text, setText] = useState('')
  return (
    <Card withBorder padding="lg" bg="gray.0" component="section" aria-labelledby="home-search-heading" style={{ overflow: 'visible' }}>
      <Title order={2} size="h3" id="home-search-heading" mb="sm">
        {t('portal.search.title')}
      </Title>
      <ProcedureSearchBox value={text} onChange={setText} onSearch={(value) => void navigate(value ? `/thu-tuc?q=${encodeURIComponent(value)}` : '/thu-tuc')} />
    </Card>
  )
}

function ComingSoonCard({ service, icon: ServiceIcon }: { service: ComingSoonService; icon: Icon }) {
  const { t } = useTranslation()
  const headingId = `service-${service}`
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="sm">
        <ThemeIcon size="xl" variant="light" aria-hidden>
          <ServiceIcon size={28} />
        </ThemeIcon>
        <Badge color="gray" variant="light">
          {t('portal.comingSoon')}
        </Badge>
      </Group>
      <Title order={3} size="h4" id={headingId}>
        {t(`portal.services.${service}.title`)}
      </Title>
      <Text size="sm" c="dimmed" mt="xs">
        {t(`portal.services.${service}.description`)}
      </Text>
    </Card>
  )
}

export function HomePage() {
  const { t } = useTranslation()
  usePageTitle(null)

  return (
    <>
      <Container size="lg" py={{ base: 'xl', sm: 48 }}>
        <Stack gap="md" maw={720}>
          <Title order={1}>{t('portal.hero.title')}</Title>
          <Text size="lg">{t('portal.hero.lead')}</Text>
          <Text c="dimmed">{t('portal.hero.body')}</Text>
        </Stack>
      </Container>

      <Container size="lg" pb="xl">
        <Box maw={760}>
          <HomeSearch />
        </Box>
      </Container>

      <Container size="lg" pb="xl">
        <Box maw={760}>
          <DueDateWidget />
        </Box>
      </Container>

      <Container size="lg" pb="xl" component="section" aria-labelledby="citizen-services">
        <Title order={2} id="citizen-services" mb="md">
          {t('portal.citizenServices')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          <CatalogueCard />
          {COMING_SOON.map(({ key, icon }) => (
            <ComingSoonCard key={key} service={key} icon={icon} />
          ))}
        </SimpleGrid>
      </Container>

      <Container size="lg" pb={48} component="section" aria-labelledby="for-officials">
        <Card withBorder padding="xl" bg="gray.0">
          <Group justify="space-between" align="center" gap="lg">
            <Group gap="md" wrap="nowrap" align="flex-start">
              <ThemeIcon size={48} variant="filled" aria-hidden>
                <IconUserShield size={28} />
              </ThemeIcon>
              <Stack gap={4}>
                <Title order={2} size="h3" id="for-officials">
                  {t('portal.officials.title')}
                </Title>
                <Text size="sm" c="dimmed" maw={560}>
                  {t('portal.officials.description')}
                </Text>
              </Stack>
            </Group>
            <Button component={Link} to="/office" size="md">
              {t('portal.officeSignIn')}
            </Button>
          </Group>
        </Card>
      </Container>
    </>
  )
}
