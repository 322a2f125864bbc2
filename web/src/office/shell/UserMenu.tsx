/** Account menu in the workspace header: who is signed in, for which agency, and sign-out actions. */
import { Avatar, Button, Group, Menu, Modal, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconChevronDown, IconLock, IconLogout, IconLogout2, IconUser } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'
import { officePaths } from '../paths.ts'
import { useCurrentUser, useSession } from '../session.tsx'

export function UserMenu() {
  const { t } = useTranslation('office')
  const user = useCurrentUser()
  const session = useSession()
  const [confirmOpen, confirm] = useDisclosure(false)

  // On success the session becomes signed-out and the workspace guard shows the sign-in page.
  const signOut = useAction(() => session.signOut())
  const signOutEverywhere = useAction(() => session.signOutEverywhere())

  return (
    <>
      <Menu position="bottom-end" width={280} withinPortal>
        <Menu.Target>
          {/* Named by its visible text (name, agency; WCAG 2.5.3: no aria-label that differs from it); on a
              narrow screen, where that text is hidden, by the visually hidden label. The avatar is an icon. */}
          <UnstyledButton>
            <VisuallyHidden hiddenFrom="sm">{t('account.menuLabel', { name: user.displayName })}</VisuallyHidden>
            <Group gap="xs" wrap="nowrap">
              <Avatar color="red" radius="xl" size="sm" aria-hidden>
                <IconUser size={16} />
              </Avatar>
              <Stack gap={0} visibleFrom="sm" maw={260}>
                <Text size="sm" fw={600} truncate>
                  {user.displayName}
                </Text>
                <Text size="xs" c="dimmed" truncate>
                  {user.agency.name}
                </Text>
              </Stack>
              <IconChevronDown size={16} aria-hidden />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="var(--mantine-color-text)">
              {user.displayName}
            </Text>
            <Text size="xs">{user.agency.name}</Text>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item component={Link} to={officePaths.password} leftSection={<IconLock size={16} aria-hidden />}>
            {t('account.changePassword')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={() => void signOut.run()}>
            {t('account.signOut')}
          </Menu.Item>
          <Menu.Item color="red" leftSection={<IconLogout2 size={16} aria-hidden />} onClick={confirm.open}>
            {t('account.signOutEverywhere')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>

      <Modal opened={confirmOpen} onClose={confirm.close} title={t('account.signOutEverywhereTitle')} centered>
        <Stack>
          <Text size="sm">{t('account.signOutEverywhereBody')}</Text>
          <ProblemAlert error={signOutEverywhere.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={confirm.close}>
              {t('actions.cancel')}
            </Button>
            <Button color="red" loading={signOutEverywhere.pending} onClick={() => void signOutEverywhere.run()}>
              {t('account.signOutEverywhere')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={Boolean(signOut.error)} onClose={signOut.reset} title={t('account.signOutFailed')} centered>
        <ProblemAlert error={signOut.error} />
      </Modal>
    </>
  )
}
