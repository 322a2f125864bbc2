/** Workspace home: who the official is, their agency (from /api/me/agency), roles and shortcuts. */
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { orgApi } from '../api/org.ts'
import { LoadingState } from '../ui/LoadingState.tsx'
import { ProblemAlert } from '../ui/ProblemAlert.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { useResource } from '../ui/useResource.ts'
import { ValidityPeriod } from '../ui/ValidityPeriod.tsx'
import { useCurrentUser } from './session.tsx'
import { navigationFor } from './shell/officeNavigation.ts'

function MyAgencyCard() {
  const { t } = useTranslation('office')
  const agency = useResource((signal) => orgApi.myAgency(signal), [])

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="my-agency-heading">
      <Title order={2} size="h4" id="my-agency-heading" mb="sm">
        {t('home.agencyCard')}
      </Title>
      {agency.loading && !agency.data && <LoadingState />}
      <ProblemAlert error={agency.error} />
      {agency.data && (
        <Table variant="vertical" layout="fixed" withRowBorders={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={180}>{t('agencies.fields.kind')}</Table.Th>
              <Table.Td>{t(`agencyKinds.${agency.data.kind}`)}</Table.Td>
            </Table.Tr>
            {agency.data.shortName && (
              <Table.Tr>
                <Table.Th>{t('agencies.fields.shortName')}</Table.Th>
                <Table.Td>{agency.data.shortName}</Table.Td>
              </Table.Tr>
            )}
            <Table.Tr>
              <Table.Th>{t('agencies.fields.unit')}</Table.Th>
              <Table.Td>{agency.data.unitName}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('agencies.fields.identityCode')}</Table.Th>
              <Table.Td ff="monospace">{agency.data.identityCode ?? t('common.none')}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('common.validity')}</Table.Th>
              <Table.Td>
                <ValidityPeriod validFrom={agency.data.validFrom} validTo={agency.data.validTo} />
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      )}
    </Card>
  )
}

function MyRolesCard() {
  const { t } = useTranslation('office')
  const user = useCurrentUser()
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="my-roles-heading">
      <Title order={2} size="h4" id="my-roles-heading" mb="sm">
        {t('home.rolesCard')}
      </Title>
      {user.roles.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('home.noRoles')}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {user.roles.map((grant) => (
            <Group component="li" key={`${grant.role}:${grant.scopeAgencyId}`} gap="xs">
              <Badge variant="light">{t(`roles.${grant.role}`)}</Badge>
              <Text size="sm">{t('home.roleScope', { agency: grant.scopeAgencyName })}</Text>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  )
}

function Shortcuts() {
  const { t } = useTranslation('office')
  const items = navigationFor(useCurrentUser()).filter((item) => item.section === 'administration')
  if (items.length === 0) return null
  return (
    <section aria-labelledby="shortcuts-heading">
      <Title order={2} size="h4" id="shortcuts-heading" mb="sm">
        {t('home.shortcuts')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {items.map(({ key, to, icon: ItemIcon }) => (
          <Card key={key} withBorder padding="md">
            <Group wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" size="lg" aria-hidden>
                <ItemIcon size={20} />
              </ThemeIcon>
              <Stack gap={2}>
                <Anchor component={Link} to={to} fw={600}>
                  {t(`nav.items.${key}`)}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {t(`home.shortcutDescriptions.${key}`)}
                </Text>
              </Stack>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </section>
  )
}

export function OfficeHomePage() {
  const { t } = useTranslation('office')
  const user = useCurrentUser()
  usePageTitle(t('nav.items.home'))

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Text c="dimmed">{t('home.greeting', { name: user.displayName })}</Text>
        <Title order={1} size="h2">
          {user.agency.name}
        </Title>
        <Text size="sm" c="dimmed">
          {user.agency.unitName}
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <MyAgencyCard />
        <MyRolesCard />
      </SimpleGrid>
      <Shortcuts />
    </Stack>
  )
}
