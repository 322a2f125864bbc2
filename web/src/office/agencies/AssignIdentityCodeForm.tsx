/** Assign a new identity code from a date; the server closes the previous code the day before (@mantine/form). */
import { SimpleGrid, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import type { AgencyDetail } from '../../../../contracts/org.ts'
import { useEndpointMutation } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { DateField } from '../../ui/DateField.tsx'
import { FormCard } from '../../ui/FormCard.tsx'
import { required, showFieldErrors } from '../../ui/formErrors.ts'
import { invalidateAgencyDirectory } from '../org/directories.ts'
import { IDENTITY_CODE_INPUT_PATTERN } from './identityCode.ts'

interface AssignIdentityCodeFormProps {
  agencyId: string
  /** The agency's rowVersion as shown, sent as If-Match: a stale page answers 409 request.stale instead of assigning. */
  rowVersion?: number
  onAssigned: (agency: AgencyDetail) => void
}

interface IdentityCodeFormValues {
  code: string
  validFrom: string | null
  legalBasis: string
}

const IDENTITY_CODE = new RegExp(`^(?:${IDENTITY_CODE_INPUT_PATTERN})$`)

export function AssignIdentityCodeForm({ agencyId, rowVersion, onAssigned }: AssignIdentityCodeFormProps) {
  const { t } = useTranslation('office')
  const form = useForm<IdentityCodeFormValues>({
    initialValues: { code: '', validFrom: null, legalBasis: '' },
    validate: {
      code: (value) => required(t('validation.requiredText'))(value) ?? (IDENTITY_CODE.test(value.trim()) ? null : t('identityCodes.codeHint')),
      validFrom: required(t('validation.requiredText')),
    },
  })
  const assign = useEndpointMutation(routes.assignIdentityCode, {
    invalidates: [routes.listAgencies.path],
    onSuccess: (updated) => {
      invalidateAgencyDirectory()
      form.reset()
      onAssigned(updated)
    },
  })

  const onSubmit = form.onSubmit((values) => {
    const body = {
      code: values.code.trim().toUpperCase(),
      validFrom: values.validFrom!,
      ...(values.legalBasis.trim() ? { legalBasis: values.legalBasis.trim() } : {}),
    }
    assign.mutate({ params: { id: agencyId }, body, ifMatch: rowVersion }, { onError: (error) => showFieldErrors(form, error) })
  })

  return (
    <FormCard id="assign-code-heading" title={t('identityCodes.assignTitle')} onSubmit={onSubmit} error={assign.error} pending={assign.isPending} submitLabel={t('identityCodes.assign')} maw={640}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('identityCodes.code')} description={t('identityCodes.codeHint')} withAsterisk autoCapitalize="characters" spellCheck={false} {...form.getInputProps('code')} />
        <DateField label={t('fields.validFrom')} withAsterisk value={form.values.validFrom} error={form.errors.validFrom} onChange={(value) => form.setFieldValue('validFrom', value)} />
      </SimpleGrid>
      <Textarea label={t('fields.legalBasis')} description={t('fields.legalBasisHint')} autosize minRows={2} maxLength={300} {...form.getInputProps('legalBasis')} />
    </FormCard>
  )
}
