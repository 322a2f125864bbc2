/** Issue a token limited to some of the official's own permissions over one agency subtree. */
import { Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { useEndpointMutation } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import type { CreatedApiToken } from '../../api/tokens.ts'
import { required, showFieldErrors } from '../../ui/formErrors.ts'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { PERMISSIONS, type Permission } from '../catalog.ts'
import { useAgencyDirectory, useAgencyOptions } from '../org/directories.ts'
import { useCurrentUser } from '../session.tsx'

interface CreateApiTokenFormProps {
  onCreated: (created: CreatedApiToken) => void
  onCancel: () => void
}

interface TokenFormValues {
  name: string
  agencyId: string | null
  permissions: Permission[]
  expiresInDays: number | string
}

export function CreateApiTokenForm({ onCreated, onCancel }: CreateApiTokenFormProps) {
  const { t } = useTranslation('office')
  const me = useCurrentUser()
  const agencies = useAgencyDirectory()
  const agencyOptions = useAgencyOptions()
  const grantable = PERMISSIONS.filter((permission) => me.permissions.includes(permission))

  const form = useForm<TokenFormValues>({
    initialValues: { name: '', agencyId: me.agency.id, permissions: [], expiresInDays: 90 },
    validate: {
      name: required(t('validation.requiredText')),
      agencyId: required(t('validation.required')),
      permissions: required(t('apiTokens.permissionsRequired')),
    },
  })
  const create = useEndpointMutation(routes.createApiToken, { invalidates: [routes.listApiTokens.path], onSuccess: onCreated })

  const onSubmit = form.onSubmit((values) => {
    const days = typeof values.expiresInDays === 'number' ? values.expiresInDays : Number.parseInt(values.expiresInDays, 10)
    const body = { name: values.name.trim(), agencyId: values.agencyId!, permissions: values.permissions, ...(Number.isInteger(days) && days > 0 ? { expiresInDays: days } : {}) }
    create.mutate({ body }, { onError: (error) => showFieldErrors(form, error) })
  })

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="create-token-heading">
      <Title order={2} size="h4" id="create-token-heading" mb="sm">
        {t('apiTokens.createTitle')}
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={760}>
          <ProblemAlert error={create.error} withoutFieldErrors />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label={t('apiTokens.fields.name')} description={t('apiTokens.nameHint')} withAsterisk maxLength={100} {...form.getInputProps('name')} />
            <NumberInput label={t('apiTokens.fields.expiresInDays')} description={t('apiTokens.expiresHint')} min={1} max={730} allowDecimal={false} allowNegative={false} {...form.getInputProps('expiresInDays')} />
          </SimpleGrid>
          <Select
            label={t('apiTokens.fields.agency')}
            description={t('apiTokens.agencyHint')}
            withAsterisk
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            data={agencyOptions}
            disabled={agencies.loading}
            {...form.getInputProps('agencyId')}
          />
          <Checkbox.Group label={t('apiTokens.fields.permissions')} description={t('apiTokens.permissionsHint')} withAsterisk {...form.getInputProps('permissions')}>
            <Stack gap="xs" mt="xs">
              {grantable.map((permission) => (
                <Checkbox key={permission} value={permission} label={`${t(`permissions.${permission}`)} (${permission})`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={create.isPending}>
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
