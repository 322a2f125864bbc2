/** New official's account: identity, agency, initial password and roles (@mantine/form). */
import { Alert, PasswordInput, SimpleGrid, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { UserRole } from '../../../../contracts/org.ts'
import { useEndpointMutation } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { FormCard } from '../../ui/FormCard.tsx'
import { required, showFieldErrors } from '../../ui/formErrors.ts'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { AgencySelect } from '../org/OrgSelect.tsx'
import { officePaths } from '../paths.ts'
import { rolesComplete, RolesEditor } from './RolesEditor.tsx'
import { USERNAME_INPUT_PATTERN } from './username.ts'

interface UserFormValues {
  username: string
  displayName: string
  email: string
  agencyId: string | null
  password: string
  roles: UserRole[]
}

const USERNAME = new RegExp(`^(?:${USERNAME_INPUT_PATTERN})$`)

export function CreateUserPage() {
  const { t } = useTranslation('office')
  const navigate = useNavigate()

  const form = useForm<UserFormValues>({
    initialValues: { username: '', displayName: '', email: '', agencyId: null, password: '', roles: [] },
    validate: {
      username: (value) => required(t('validation.requiredText'))(value) ?? (USERNAME.test(value.trim()) ? null : t('users.usernameHint')),
      displayName: required(t('validation.requiredText')),
      agencyId: required(t('validation.required')),
      password: (value) => (value.length >= 10 ? null : t('password.rules')),
      roles: (value) => (rolesComplete(value) ? null : t('rolesEditor.incomplete')),
    },
  })
  const create = useEndpointMutation(routes.createUser, { invalidates: [routes.listUsers.path], onSuccess: (user) => void navigate(officePaths.user(user.id)) })

  const onSubmit = form.onSubmit((values) => {
    const body = { username: values.username.trim().toLowerCase(), displayName: values.displayName.trim(), email: values.email.trim() || null, agencyId: values.agencyId!, password: values.password, roles: values.roles }
    create.mutate({ body }, { onError: (error) => showFieldErrors(form, error) })
  })

  return (
    <>
      <PageHeader title={t('users.createTitle')} description={t('users.createLead')} />
      <FormCard onSubmit={onSubmit} error={create.error} pending={create.isPending} submitLabel={t('users.create')} onCancel={() => void navigate(officePaths.users)} cancelLabel={t('actions.cancel')} maw={900}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('users.fields.username')} description={t('users.usernameHint')} withAsterisk autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={64} {...form.getInputProps('username')} />
          <TextInput label={t('users.fields.displayName')} withAsterisk maxLength={200} {...form.getInputProps('displayName')} />
          <TextInput label={t('users.fields.email')} type="email" maxLength={254} {...form.getInputProps('email')} />
          <AgencySelect label={t('users.fields.agency')} withAsterisk {...form.getInputProps('agencyId')} />
          <PasswordInput
            label={t('users.fields.initialPassword')}
            description={t('password.rules')}
            withAsterisk
            autoComplete="new-password"
            visibilityToggleButtonProps={{ 'aria-label': t('signIn.toggleVisibility') }}
            {...form.getInputProps('password')}
          />
        </SimpleGrid>
        <Title order={2} size="h4">
          {t('users.fields.roles')}
        </Title>
        {form.errors.roles && (
          <Alert color="red" role="alert">
            {form.errors.roles}
          </Alert>
        )}
        <RolesEditor value={form.values.roles} onChange={(roles) => form.setFieldValue('roles', roles)} defaultScopeAgencyId={form.values.agencyId} />
      </FormCard>
    </>
  )
}
