/** Disable or re-enable an account, after confirmation. */
import { Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { useTranslation } from 'react-i18next'
import type { UserSummary } from '../../../../contracts/org.ts'
import { usersApi } from '../../api/users.ts'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'

interface UserStatusControlProps {
  user: UserSummary
  disabled: boolean
  onSaved: (user: UserSummary) => void
}

export function UserStatusControl({ user, disabled, onSaved }: UserStatusControlProps) {
  const { t } = useTranslation('office')
  const [opened, { open, close }] = useDisclosure(false)
  const target = user.status === 'active' ? 'disabled' : 'active'
  const verb = target === 'disabled' ? 'disable' : 'enable'

  const change = useAction(async () => {
    const updated = await usersApi.update(user.id, { status: target }, user.rowVersion)
    close()
    onSaved(updated)
  })

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="user-status-heading">
      <Title order={2} size="h4" id="user-status-heading" mb="xs">
        {t('users.statusTitle')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t(`users.statusHint.${user.status}`)}
      </Text>
      <ProblemAlert error={opened ? null : change.error} />
      <Button color={target === 'disabled' ? 'red' : 'green'} variant="light" disabled={disabled} onClick={open} w="fit-content">
        {t(`users.${verb}`)}
      </Button>
      <Modal opened={opened} onClose={close} title={t(`users.${verb}ConfirmTitle`)} centered>
        <Stack>
          <Text size="sm">{t(`users.${verb}ConfirmBody`, { name: user.displayName })}</Text>
          <ProblemAlert error={change.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button color={target === 'disabled' ? 'red' : 'green'} loading={change.pending} onClick={() => void change.run()}>
              {t(`users.${verb}`)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  )
}
