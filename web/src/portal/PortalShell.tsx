/** Public citizen portal: header with the portal name, navigation, language switch; footer. */
import { Anchor, AppShell, Box, Burger, Container, Group, NavLink, Stack, Text, UnstyledButton } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconBuildingCommunity } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link, Outlet, NavLink as RouterNavLink } from 'react-router-dom'
import { LanguageSwitcher } from '../ui/LanguageSwitcher.tsx'
import { MAIN_CONTENT_ID, SkipLink } from '../ui/SkipLink.tsx'
import { useRouteFocus } from '../ui/useRouteFocus.ts'
import { usePortalLinks } from './portalLinks.ts'

export function PortalShell() {
  const { t } = useTranslation()
  const [opened, { toggle, close }] = useDisclosure(false)
  const links = usePortalLinks()
  useRouteFocus()

  return (
    <AppShell
      header={{ height: 72 }}
      navbar={{ width: 280, breakpoint: 'sm', collapsed: { desktop: true, mobile: !opened } }}
      padding={0}
    >
      <SkipLink />
      <AppShell.Header bg="red.9" c="white" withBorder={false}>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                color="white"
                aria-label={t(opened ? 'nav.closeMenu' : 'nav.openMenu')}
                aria-expanded={opened}
                aria-controls="portal-navigation"
              />
              <UnstyledButton component={Link} to="/" c="white">
                <Group gap="xs" wrap="nowrap">
                  <IconBuildingCommunity size={32} aria-hidden />
                  <Stack gap={0}>
                    <Text fw={700} size="lg" lh={1.2}>
                      {t('portal.name')}
                    </Text>
                    <Text size="xs" lh={1.2} visibleFrom="xs">
                      {t('portal.tagline')}
                    </Text>
                  </Stack>
                </Group>
              </UnstyledButton>
            </Group>
            <Group gap="md" wrap="nowrap">
              <Box component="nav" aria-label={t('nav.portalNavigation')} visibleFrom="sm">
                <Group gap="md" wrap="nowrap">
                  {links.map((link) => (
                    <Anchor key={link.to} component={Link} to={link.to} c="white" fw={600} size="sm">
                      {link.label}
                    </Anchor>
                  ))}
                </Group>
              </Box>
              <LanguageSwitcher />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>

      <AppShell.Navbar p="sm" id="portal-navigation" aria-label={t('nav.portalNavigation')} hiddenFrom="sm">
        {links.map((link) => (
          <NavLink key={link.to} component={RouterNavLink} to={link.to} end label={link.label} onClick={close} />
        ))}
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} mih="calc(100dvh - 72px)">
        <Outlet />
      </AppShell.Main>

      <Box component="footer" py="md" bg="gray.1" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="lg">
          <Text size="sm" c="dimmed">
            {t('portal.footer')}
          </Text>
        </Container>
      </Box>
    </AppShell>
  )
}
