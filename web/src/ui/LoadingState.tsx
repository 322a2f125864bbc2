/** A labelled spinner that screen readers announce. */
import { Center, Group, Loader, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation()
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed" size="sm">
          {label ?? t('common.loading')}
        </Text>
      </Group>
    </Center>
  )
}
