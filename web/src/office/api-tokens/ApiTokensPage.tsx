/** API tokens for machine clients: list, issue (secret shown once), revoke. */
import { Badge, Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiToken } from '../../../../contracts/auth.ts'
import { useEndpointMutation, useEndpointQuery } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import type { CreatedApiToken } from '../../api/tokens.ts'
import { formatDateTime } from '../../format/dates.ts'
import { ListPage, type ListColumn } from '../../ui/ListPage.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EMPTY_CELL } from '../../ui/TableStates.tsx'
import { useAgencyDirectory } from '../org/directories.ts'
import { CreateApiTokenForm } from './CreateApiTokenForm.tsx'
import { CreatedSecretAlert } from './CreatedSecretAlert.tsx'
import { listTexts } from '../listTexts.ts'
import { PermissionBadges } from './PermissionBadges.tsx'

type TokenState = 'active' | 'revoked' | 'expired'

function tokenState(token: ApiToken, now: number): TokenState {
  if (token.revokedAt) return 'revoked'
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'expired'
  return 'active'
}

const STATE_COLOR: Record<TokenState, string> = { active: 'green', revoked: 'gray', expired: 'orange' }

function RevokeTokenDialog({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useTranslation('office')
  const revoke = useEndpointMutation(routes.revokeApiToken, { invalidates: [routes.listApiTokens.path], onSuccess: onClose })
  return (
    <Modal opened={token !== null} onClose={onClose} title={t('apiTokens.revokeTitle')} centered>
      <Stack>
        <Text size="sm">{t('apiTokens.revokeBody', { name: token?.name ?? '' })}</Text>
        <ProblemAlert error={revoke.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button color="red" loading={revoke.isPending} onClick={() => token && revoke.mutate({ params: { id: token.id } })}>
            {t('apiTokens.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

export function ApiTokensPage() {
  const { t } = useTranslation('office')
  const tokens = useEndpointQuery(routes.listApiTokens)
  const agencies = useAgencyDirectory()
  const [creating, { open: startCreating, close: stopCreating }] = useDisclosure(false)
  const [created, setCreated] = useState<CreatedApiToken | null>(null)
  const [revoking, setRevoking] = useState<ApiToken | null>(null)
  const now = Date.now()

  const columns: ListColumn<ApiToken>[] = [
    { key: 'name', header: t('apiTokens.fields.name'), cell: (token) => token.name, tdProps: { fw: 600, fz: 'sm' } },
    { key: 'prefix', header: t('apiTokens.fields.prefix'), cell: (token) => token.tokenPrefix, tdProps: { ff: 'monospace', fz: 'sm' } },
    { key: 'agency', header: t('apiTokens.fields.agency'), cell: (token) => agencies.byId.get(token.agencyId)?.name ?? EMPTY_CELL, tdProps: { fz: 'sm' } },
    { key: 'permissions', header: t('apiTokens.fields.permissions'), cell: (token) => <PermissionBadges permissions={token.permissions} /> },
    { key: 'createdAt', header: t('apiTokens.fields.createdAt'), cell: (token) => formatDateTime(token.createdAt), tdProps: { fz: 'sm' } },
    { key: 'expiresAt', header: t('apiTokens.fields.expiresAt'), cell: (token) => (token.expiresAt ? formatDateTime(token.expiresAt) : t('apiTokens.noExpiry')), tdProps: { fz: 'sm' } },
    { key: 'lastUsedAt', header: t('apiTokens.fields.lastUsedAt'), cell: (token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('apiTokens.neverUsed')), tdProps: { fz: 'sm' } },
    {
      key: 'state',
      header: t('apiTokens.fields.state'),
      cell: (token) => {
        const state = tokenState(token, now)
        return (
          <Badge color={STATE_COLOR[state]} variant="light">
            {t(`apiTokens.states.${state}`)}
          </Badge>
        )
      },
    },
    {
      key: 'actions',
      header: t('common.actions'),
      headerHidden: true,
      cell: (token) =>
        tokenState(token, now) !== 'revoked' && (
          <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(token)} aria-label={t('apiTokens.revokeNamed', { name: token.name })}>
            {t('apiTokens.revoke')}
          </Button>
        ),
    },
  ]

  return (
    <ListPage
      {...listTexts(t, 'apiTokens', tokens.data?.length ?? 0)}
      actions={
        !creating && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={startCreating}>
            {t('apiTokens.create')}
          </Button>
        )
      }
      before={
        <>
          {created && <CreatedSecretAlert created={created} onDismiss={() => setCreated(null)} />}
          {creating && (
            <CreateApiTokenForm
              onCancel={stopCreating}
              onCreated={(result) => {
                stopCreating()
                setCreated(result)
              }}
            />
          )}
        </>
      }
      columns={columns}
      rows={tokens.data}
      query={tokens}
      after={<RevokeTokenDialog token={revoking} onClose={() => setRevoking(null)} />}
    />
  )
}
