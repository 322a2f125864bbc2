/** The new token's secret, shown once, with a copy button. */
import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { CreatedApiToken } from '../../api/tokens.ts'

export function CreatedSecretAlert({ created, onDismiss }: { created: CreatedApiToken; onDismiss: () => void }) {
  const { t } = useTranslation('office')
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('apiTokens.secretTitle', { name: created.token.name })} role="alert">
      <Stack gap="sm">
        <Text size="sm">{t('apiTokens.secretWarning')}</Text>
        <Code block aria-label={t('apiTokens.secretLabel')} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
          {created.secret}
        </Code>
        <Text size="xs" c="dimmed">
          {t('apiTokens.secretUsage')}
        </Text>
        <Group>
          <CopyButton value={created.secret}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                color={copied ? 'green' : undefined}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              >
                {copied ? t('apiTokens.copied') : t('apiTokens.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onDismiss}>
            {t('apiTokens.secretSaved')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  )
}
