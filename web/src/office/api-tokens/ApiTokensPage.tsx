/** API tokens for machine clients: list, issue (secret shown once), revoke. */
import { Badge, Button, Group, LoadingOverlay, Modal, Stack, Table, Text, VisuallyHidden } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiToken } from '../../../../contracts/auth.ts'
import { tokensApi, type CreatedApiToken } from '../../api/tokens.ts'
import { formatDateTime } from '../../format/dates.ts'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EMPTY_CELL, EmptyTableRow } from '../../ui/TableStates.tsx'
import { useAction } from '../../ui/useAction.ts'
import { useResource } from '../../ui/useResource.ts'
import { useAgencyDirectory } from '../org/directories.ts'
import { PermissionBadges } from './PermissionBadges.tsx'
import { CreateApiTokenForm } from './CreateApiTokenForm.tsx'
import { CreatedSecretAlert } from './CreatedSecretAlert.tsx'

type TokenState = 'active' | 'revoked' | 'expired'

function tokenState(token: ApiToken, now: number): TokenState {
  if (token.revokedAt) return 'revoked'
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'expired'
  return 'active'
}

const STATE_COLOR: Record<TokenState, string> = { active: 'green', revoked: 'gray', expired: 'orange' }

function RevokeTokenDialog({ token, onClose, onRevoked }: { token: ApiToken | null; onClose: () => void; onRevoked: () => void }) {
  const { t } = useTranslation('office')
  const revoke = useAction(async (id: string) => {
    await tokensApi.revoke(id)
    onRevoked()
  })
  return (
    <Modal opened={token !== null} onClose={onClose} title={t('apiTokens.revokeTitle')} centered>
      <Stack>
        <Text size="sm">{t('apiTokens.revokeBody', { name: token?.name ?? '' })}</Text>
        <ProblemAlert error={revoke.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('actions.cancel')}
          </Button>
          <Button color="red" loading={revoke.pending} onClick={() => token && void revoke.run(token.id)}>
            {t('apiTokens.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  )
}

export function ApiTokensPage() {
  const { t } = useTranslation('office')
  const tokens = useResource((signal) => tokensApi.list(signal), [])
  const agencies = useAgencyDirectory()
  const [creating, { open: startCreating, close: stopCreating }] = useDisclosure(false)
  const [created, setCreated] = useState<CreatedApiToken | null>(null)
  const [revoking, setRevoking] = useState<ApiToken | null>(null)
  const now = Date.now()

  return (
    <>
      <PageHeader
        title={t('apiTokens.title')}
        description={t('apiTokens.lead')}
        actions={
          !creating && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={startCreating}>
              {t('apiTokens.create')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        {created && <CreatedSecretAlert created={created} onDismiss={() => setCreated(null)} />}
        {creating && (
          <CreateApiTokenForm
            onCancel={stopCreating}
            onCreated={(result) => {
              stopCreating()
              setCreated(result)
              tokens.reload()
            }}
          />
        )}
        <ProblemAlert error={tokens.error} />
        <Stack gap="xs" pos="relative">
          <LoadingOverlay visible={tokens.loading} zIndex={10} overlayProps={{ blur: 1 }} loaderProps={{ 'aria-label': t('common.loading') }} />
          <Table.ScrollContainer minWidth={980}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>
                <VisuallyHidden>{t('apiTokens.title')}</VisuallyHidden>
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('apiTokens.fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('apiTokens.fields.prefix')}</Table.Th>
                  <Table.Th scope="col">{t('apiTokens.fields.agency')}</Table.Th>
                  <Table.Th scope="col">{t('apiTokens.fields.permissions')}</Table.Th>
                  <Table.Th scope="col">{t('apiTokens.fields.createdAt')}</Table.Th>
                  <Table.Th scope="col">{t('apiTokens.fields.expiresAt')}</Table.Th>
                  <Table.Th scope="col">{t('apiTokens.fields.lastUsedAt')}</Table.Th>
                  <Table.Th scope="col">{t('apiTokens.fields.state')}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {!tokens.loading && tokens.data?.length === 0 && <EmptyTableRow colSpan={9} message={t('apiTokens.empty')} />}
                {tokens.data?.map((token) => {
                  const state = tokenState(token, now)
                  return (
                    <Table.Tr key={token.id}>
                      <Table.Td fw={600} fz="sm">
                        {token.name}
                      </Table.Td>
                      <Table.Td ff="monospace" fz="sm">
                        {token.tokenPrefix}
                      </Table.Td>
                      <Table.Td fz="sm">{agencies.byId.get(token.agencyId)?.name ?? EMPTY_CELL}</Table.Td>
                      <Table.Td>
                        <PermissionBadges permissions={token.permissions} />
                      </Table.Td>
                      <Table.Td fz="sm">{formatDateTime(token.createdAt)}</Table.Td>
                      <Table.Td fz="sm">{token.expiresAt ? formatDateTime(token.expiresAt) : t('apiTokens.noExpiry')}</Table.Td>
                      <Table.Td fz="sm">{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('apiTokens.neverUsed')}</Table.Td>
                      <Table.Td>
                        <Badge color={STATE_COLOR[state]} variant="light">
                          {t(`apiTokens.states.${state}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {state !== 'revoked' && (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setRevoking(token)}
                            aria-label={t('apiTokens.revokeNamed', { name: token.name })}
                          >
                            {t('apiTokens.revoke')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      </Stack>
      <RevokeTokenDialog
        token={revoking}
        onClose={() => setRevoking(null)}
        onRevoked={() => {
          setRevoking(null)
          tokens.reload()
        }}
      />
    </>
  )
}
