/** Edit a unit's name, kind or end of validity (PATCH /api/units/:id with only what changed; @mantine/form). */
import { Select, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useTranslation } from 'react-i18next'
import type { Unit, UpdateUnitBody } from '../../../../contracts/org.ts'
import { useEndpointMutation } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { DateField } from '../../ui/DateField.tsx'
import { FormCard } from '../../ui/FormCard.tsx'
import { required, showFieldErrors } from '../../ui/formErrors.ts'
import { UNIT_KINDS_BY_LEVEL, type UnitKind } from '../catalog.ts'
import { invalidateUnitDirectory } from '../org/directories.ts'

interface UnitEditFormProps {
  unit: Unit
  onSaved: (unit: Unit) => void
  onCancel: () => void
}

export function UnitEditForm({ unit, onSaved, onCancel }: UnitEditFormProps) {
  const { t } = useTranslation('office')
  const form = useForm<{ name: string; kind: UnitKind; validTo: string | null }>({
    initialValues: { name: unit.name, kind: unit.kind, validTo: unit.validTo },
    validate: { name: required(t('validation.requiredText')) },
  })
  const { name, kind, validTo } = form.values
  const changes: UpdateUnitBody = {
    ...(name.trim() !== unit.name ? { name: name.trim() } : {}),
    ...(kind !== unit.kind ? { kind } : {}),
    ...(validTo !== unit.validTo ? { validTo } : {}),
  }
  const save = useEndpointMutation(routes.updateUnit, {
    invalidates: [routes.listUnits.path],
    onSuccess: (saved) => {
      invalidateUnitDirectory()
      onSaved(saved)
    },
  })
  // If-Match: an edit over someone else's newer change answers 409 request.stale instead of overwriting it.
  const onSubmit = form.onSubmit(() => save.mutate({ params: { id: unit.id }, body: changes, ifMatch: unit.rowVersion }, { onError: (error) => showFieldErrors(form, error) }))

  return (
    <FormCard id="unit-edit-heading" title={t('units.editTitle')} onSubmit={onSubmit} error={save.error} pending={save.isPending} canSubmit={Object.keys(changes).length > 0} submitLabel={t('actions.save')} onCancel={onCancel} cancelLabel={t('actions.cancel')} maw={520}>
      <TextInput label={t('units.fields.name')} withAsterisk maxLength={200} {...form.getInputProps('name')} />
      <Select label={t('units.fields.kind')} withAsterisk allowDeselect={false} data={UNIT_KINDS_BY_LEVEL[unit.level].map((value) => ({ value, label: t(`unitKinds.${value}`) }))} {...form.getInputProps('kind')} />
      <DateField label={t('fields.validTo')} description={t('fields.validToHint')} value={validTo} error={form.errors.validTo} onChange={(value) => form.setFieldValue('validTo', value)} />
    </FormCard>
  )
}
