/** Edit an agency's name, short name, kind or end of validity (PATCH with only what changed; @mantine/form). */
import { Select, SimpleGrid, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import type { Agency, UpdateAgencyBody } from '../../../../contracts/org.ts'
import { useEndpointMutation } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { DateField } from '../../ui/DateField.tsx'
import { FormCard } from '../../ui/FormCard.tsx'
import { required, showFieldErrors } from '../../ui/formErrors.ts'
import { AGENCY_KINDS, type AgencyKind } from '../catalog.ts'
import { invalidateAgencyDirectory } from '../org/directories.ts'

interface AgencyEditFormProps {
  agency: Agency
  onSaved: () => void
  onCancel: () => void
}

export function AgencyEditForm({ agency, onSaved, onCancel }: AgencyEditFormProps) {
  const { t } = useTranslation('office')
  const form = useForm<{ name: string; shortName: string; kind: AgencyKind; validTo: string | null }>({
    initialValues: { name: agency.name, shortName: agency.shortName ?? '', kind: agency.kind, validTo: agency.validTo },
    validate: { name: required(t('validation.requiredText')) },
  })
  const { name, shortName, kind, validTo } = form.values
  const nextShortName = shortName.trim() || null
  const changes: UpdateAgencyBody = {
    ...(name.trim() !== agency.name ? { name: name.trim() } : {}),
    ...(nextShortName !== agency.shortName ? { shortName: nextShortName } : {}),
    ...(kind !== agency.kind ? { kind } : {}),
    ...(validTo !== agency.validTo ? { validTo } : {}),
  }
  const save = useEndpointMutation(routes.updateAgency, {
    invalidates: [routes.listAgencies.path],
    onSuccess: () => {
      invalidateAgencyDirectory()
      onSaved()
    },
  })
  // If-Match: an edit over someone else's newer change answers 409 request.stale instead of overwriting it.
  const onSubmit = form.onSubmit(() => save.mutate({ params: { id: agency.id }, body: changes, ifMatch: agency.rowVersion }, { onError: (error) => showFieldErrors(form, error) }))

  return (
    <FormCard id="agency-edit-heading" title={t('agencies.editTitle')} onSubmit={onSubmit} error={save.error} pending={save.isPending} canSubmit={Object.keys(changes).length > 0} submitLabel={t('actions.save')} onCancel={onCancel} cancelLabel={t('actions.cancel')}>
      <TextInput label={t('agencies.fields.name')} withAsterisk maxLength={300} {...form.getInputProps('name')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('agencies.fields.shortName')} maxLength={100} {...form.getInputProps('shortName')} />
        <Select label={t('agencies.fields.kind')} withAsterisk allowDeselect={false} data={AGENCY_KINDS.map((value) => ({ value, label: t(`agencyKinds.${value}`) }))} {...form.getInputProps('kind')} />
      </SimpleGrid>
      <DateField label={t('fields.validTo')} description={t('fields.validToHint')} value={validTo} error={form.errors.validTo} onChange={(value) => form.setFieldValue('validTo', value)} />
    </FormCard>
  )
}
