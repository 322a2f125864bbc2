/** New agency under an administrative unit, optionally with a parent agency and an identity code (@mantine/form). */
import { Select, SimpleGrid, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { useEndpointMutation } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { DateField } from '../../ui/DateField.tsx'
import { FormCard } from '../../ui/FormCard.tsx'
import { required, showFieldErrors } from '../../ui/formErrors.ts'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { AGENCY_KINDS, type AgencyKind } from '../catalog.ts'
import { invalidateAgencyDirectory, useAgencyDirectory, useUnitDirectory } from '../org/directories.ts'
import { AgencySelect, UnitSelect } from '../org/OrgSelect.tsx'
import { officePaths } from '../paths.ts'
import { IDENTITY_CODE_INPUT_PATTERN } from './identityCode.ts'

interface AgencyFormValues {
  unitId: string | null
  parentId: string | null
  name: string
  shortName: string
  kind: AgencyKind
  identityCode: string
  validFrom: string | null
  validTo: string | null
}

const IDENTITY_CODE = new RegExp(`^(?:${IDENTITY_CODE_INPUT_PATTERN})$`)

export function CreateAgencyPage() {
  const { t } = useTranslation('office')
  const navigate = useNavigate()
  const units = useUnitDirectory()
  const agencies = useAgencyDirectory()

  const form = useForm<AgencyFormValues>({
    initialValues: { unitId: null, parentId: null, name: '', shortName: '', kind: 'department', identityCode: '', validFrom: null, validTo: null },
    validate: {
      name: required(t('validation.requiredText')),
      unitId: required(t('validation.required')),
      validFrom: required(t('validation.requiredText')),
      identityCode: (value) => (value.trim() && !IDENTITY_CODE.test(value.trim()) ? t('identityCodes.codeHint') : null),
    },
  })
  const create = useEndpointMutation(routes.createAgency, {
    invalidates: [routes.listAgencies.path],
    onSuccess: (agency) => {
      invalidateAgencyDirectory()
      void navigate(officePaths.agency(agency.id))
    },
  })

  const onSubmit = form.onSubmit((values) => {
    const body = {
      unitId: values.unitId!,
      parentId: values.parentId,
      name: values.name.trim(),
      kind: values.kind,
      validFrom: values.validFrom!,
      validTo: values.validTo,
      ...(values.shortName.trim() ? { shortName: values.shortName.trim() } : {}),
      ...(values.identityCode.trim() ? { identityCode: values.identityCode.trim().toUpperCase() } : {}),
    }
    create.mutate({ body }, { onError: (error) => showFieldErrors(form, error) })
  })
  const date = (field: 'validFrom' | 'validTo') => ({ value: form.values[field], error: form.errors[field], onChange: (value: string | null) => form.setFieldValue(field, value) })

  return (
    <>
      <PageHeader title={t('agencies.createTitle')} description={t('agencies.createLead')} />
      <FormCard onSubmit={onSubmit} error={create.error} pending={create.isPending} submitLabel={t('agencies.create')} onCancel={() => void navigate(officePaths.agencies)} cancelLabel={t('actions.cancel')} maw={840}>
        <ProblemAlert error={units.error ?? agencies.error} />
        <TextInput label={t('agencies.fields.name')} withAsterisk maxLength={300} {...form.getInputProps('name')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('agencies.fields.shortName')} maxLength={100} {...form.getInputProps('shortName')} />
          <Select label={t('agencies.fields.kind')} withAsterisk allowDeselect={false} data={AGENCY_KINDS.map((value) => ({ value, label: t(`agencyKinds.${value}`) }))} {...form.getInputProps('kind')} />
        </SimpleGrid>
        <UnitSelect label={t('agencies.fields.unit')} withAsterisk {...form.getInputProps('unitId')} />
        <AgencySelect label={t('agencies.fields.parent')} description={t('agencies.parentHint')} clearable {...form.getInputProps('parentId')} />
        <TextInput label={t('agencies.fields.identityCode')} description={t('identityCodes.codeHint')} autoCapitalize="characters" spellCheck={false} {...form.getInputProps('identityCode')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('fields.validFrom')} withAsterisk {...date('validFrom')} />
          <DateField label={t('fields.validTo')} description={t('fields.validToHint')} {...date('validTo')} />
        </SimpleGrid>
      </FormCard>
    </>
  )
}
