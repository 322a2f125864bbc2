/** Issue a token limited to some of the official's own permissions over one agency subtree. */
import { Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core'
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CreateApiTokenBody } from '../../../../contracts/auth.ts'
import { isApiError } from '../../api/client.ts'
import { tokensApi, type CreatedApiToken } from '../../api/tokens.ts'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'
import { PERMISSIONS, type Permission } from '../catalog.ts'
import { useAgencyDirectory } from '../org/directories.ts'
import { agencyOption, byName } from '../org/options.ts'
import { useCurrentUser } from '../session.tsx'

interface CreateApiTokenFormProps {
  onCreated: (created: CreatedApiToken) => void
  onCancel: () => void
}

export function CreateApiTokenForm({ onCreated, onCancel }: CreateApiTokenFormProps) {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const me = useCurrentUser()
  const agencies = useAgencyDirectory()
  const grantable = PERMISSIONS.filter((permission) => me.permissions.includes(permission))

  const [name, setName] = useState('')
  const [agencyId, setAgencyId] = useState<string | null>(me.agency.id)
  const [permissions, setPermissions] = useState<Permission[]>([])
  const [expiresInDays, setExpiresInDays] = useState<number | string>(90)
  const [submitted, setSubmitted] = useState(false)

  const openEnded = tc('validity.openEnded')
  const agencyOptions = useMemo(() => [...agencies.all].sort(byName).map((agency) => agencyOption(agency, openEnded)), [agencies.all, openEnded])

  const create = useAction(async (body: CreateApiTokenBody) => onCreated(await tokensApi.create(body)))
  const fieldErrors = isApiError(create.error) ? create.error.fieldErrors() : {}

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setSubmitted(true)
    if (!agencyId || permissions.length === 0) return
    const days = typeof expiresInDays === 'number' ? expiresInDays : Number.parseInt(expiresInDays, 10)
    void create.run({
      name: name.trim(),
      agencyId,
      permissions,
      ...(Number.isInteger(days) && days > 0 ? { expiresInDays: days } : {}),
    })
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="create-token-heading">
      <Title order={2} size="h4" id="create-token-heading" mb="sm">
        {t('apiTokens.createTitle')}
      </Title>
      <form onSubmit={onSubmit}>
        <Stack maw={760}>
          <ProblemAlert error={create.error} withoutFieldErrors />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('apiTokens.fields.name')} description={t('apiTokens.nameHint')} required maxLength={100} value={name} error={fieldErrors.name} onChange={(event) => setName(event.currentTarget.value)} />
            <NumberInput
              label={t('apiTokens.fields.expiresInDays')}
              description={t('apiTokens.expiresHint')}
              min={1}
              max={730}
              allowDecimal={false}
              allowNegative={false}
              value={expiresInDays}
              error={fieldErrors.expiresInDays}
              onChange={setExpiresInDays}
            />
          </SimpleGrid>
          <Select
            label={t('apiTokens.fields.agency')}
            description={t('apiTokens.agencyHint')}
            required
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            data={agencyOptions}
            value={agencyId}
            error={fieldErrors.agencyId ?? (submitted && !agencyId ? t('validation.required') : undefined)}
            onChange={setAgencyId}
            disabled={agencies.loading}
          />
          <Checkbox.Group
            label={t('apiTokens.fields.permissions')}
            description={t('apiTokens.permissionsHint')}
            withAsterisk
            value={permissions}
            onChange={(value) => setPermissions(value as Permission[])}
            error={fieldErrors.permissions ?? (submitted && permissions.length === 0 ? t('apiTokens.permissionsRequired') : undefined)}
          >
            <Stack gap="xs" mt="xs">
              {grantable.map((permission) => (
                <Checkbox key={permission} value={permission} label={`${t(`permissions.${permission}`)} (${permission})`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={create.pending}>
              {t('apiTokens.create')}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t('actions.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
