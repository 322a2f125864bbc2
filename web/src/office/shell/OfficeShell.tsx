/** Officials' workspace layout: header (name, agency, language, account menu) + side navigation. */
import { AppShell, Burger, Group, ScrollArea, Text, UnstyledButton } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconBuildingCommunity } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link, Outlet } from 'react-router-dom'
import { LanguageSwitcher } from '../../ui/LanguageSwitcher.tsx'
import { MAIN_CONTENT_ID, SkipLink } from '../../ui/SkipLink.tsx'
import { useRouteFocus } from '../../ui/useRouteFocus.ts'
import { officePaths } from '../paths.ts'
import { OfficeNavigation } from './OfficeNavigation.tsx'
import { UserMenu } from './UserMenu.tsx'

export function OfficeShell() {
  const { t } = useTranslation('office')
  const [opened, { toggle, close }] = useDisclosure(false)
  useRouteFocus()

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <SkipLink />
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t(opened ? 'nav.closeMenu' : 'nav.openMenu')}
              aria-expanded={opened}
              aria-controls="office-navigation"
            />
            <UnstyledButton component={Link} to={officePaths.home}>
              <Group gap="xs" wrap="nowrap">
                <IconBuildingCommunity size={28} color="var(--mantine-color-red-8)" aria-hidden />
                <Text fw={700} visibleFrom="xs">
                  {t('shell.title')}
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitcher />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar id="office-navigation" component="nav" aria-label={t('nav.label')} p="xs">
        <AppShell.Section grow component={ScrollArea}>
          <OfficeNavigation onNavigate={close} />
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  )
}
