/**
 * New administrative unit (@mantine/form). Listing predecessors records a merger: the server closes
 * each predecessor the day before the new unit starts (as for the communes merged on 01/07/2025).
 */
import { MultiSelect, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import { useEndpointMutation } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { DateField } from '../../ui/DateField.tsx'
import { FormCard } from '../../ui/FormCard.tsx'
import { required, showFieldErrors } from '../../ui/formErrors.ts'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { PARENT_LEVELS, UNIT_KINDS_BY_LEVEL, UNIT_LEVELS, type UnitKind, type UnitLevel } from '../catalog.ts'
import { invalidateUnitDirectory, useUnitDirectory } from '../org/directories.ts'
import { byName, unitOption } from '../org/options.ts'
import { officePaths } from '../paths.ts'

interface UnitFormValues {
  code: string
  name: string
  level: UnitLevel
  kind: UnitKind
  parentId: string | null
  validFrom: string | null
  validTo: string | null
  predecessorIds: string[]
  legalBasis: string
}

/** The statistical code: 2 digits (province), 3 (district), 5 (commune); the server checks the length per level. */
const UNIT_CODE = /^[0-9]{2,5}$/

export function CreateUnitPage() {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const navigate = useNavigate()
  const directory = useUnitDirectory()

  const form = useForm<UnitFormValues>({
    initialValues: { code: '', name: '', level: 'commune', kind: 'commune', parentId: null, validFrom: null, validTo: null, predecessorIds: [], legalBasis: '' },
    validate: {
      code: (value) => required(t('validation.requiredText'))(value) ?? (UNIT_CODE.test(value.trim()) ? null : t('units.codeHint')),
      name: required(t('validation.requiredText')),
      parentId: (value, values) => (values.level !== 'province' ? required(t('validation.required'))(value) : null),
      validFrom: required(t('validation.requiredText')),
    },
  })
  const { level } = form.values

  const openEnded = tc('validity.openEnded')
  const parentOptions = useMemo(
    () =>
      directory.all
        .filter((unit) => PARENT_LEVELS[level].includes(unit.level))
        .sort(byName)
        .map((unit) => unitOption(unit, openEnded)),
    [directory.all, level, openEnded],
  )
  const predecessorOptions = useMemo(
    () =>
      directory.all
        .filter((unit) => unit.level === level)
        .sort(byName)
        .map((unit) => unitOption(unit, openEnded)),
    [directory.all, level, openEnded],
  )

  const create = useEndpointMutation(routes.createUnit, {
    invalidates: [routes.listUnits.path],
    onSuccess: (unit) => {
      invalidateUnitDirectory()
      void navigate(officePaths.unit(unit.id))
    },
  })

  // Another level has other kinds, parents and predecessors: what was chosen for the old one goes.
  const changeLevel = (next: string | null) => {
    if (!next) return
    const nextLevel = next as UnitLevel
    form.setValues({ level: nextLevel, kind: UNIT_KINDS_BY_LEVEL[nextLevel][0] ?? nextLevel, parentId: null, predecessorIds: [] })
    form.clearFieldError('parentId')
  }

  const onSubmit = form.onSubmit((values) => {
    const needsParent = values.level !== 'province'
    const body = {
      code: values.code.trim(),
      name: values.name.trim(),
      level: values.level,
      kind: values.kind,
      parentId: needsParent ? values.parentId : null,
      validFrom: values.validFrom!,
      validTo: values.validTo,
      ...(values.predecessorIds.length > 0 ? { predecessorIds: values.predecessorIds } : {}),
      ...(values.legalBasis.trim() ? { legalBasis: values.legalBasis.trim() } : {}),
    }
    create.mutate({ body }, { onError: (error) => showFieldErrors(form, error) })
  })
  const date = (field: 'validFrom' | 'validTo') => ({ value: form.values[field], error: form.errors[field], onChange: (value: string | null) => form.setFieldValue(field, value) })

  return (
    <>
      <PageHeader title={t('units.createTitle')} description={t('units.createLead')} />
      <FormCard onSubmit={onSubmit} error={create.error} pending={create.isPending} submitLabel={t('units.create')} onCancel={() => void navigate(officePaths.units)} cancelLabel={t('actions.cancel')} maw={840}>
        <ProblemAlert error={directory.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('units.fields.level')}
            withAsterisk
            allowDeselect={false}
            data={UNIT_LEVELS.map((value) => ({ value, label: t(`unitLevels.${value}`) }))}
            value={level}
            error={form.errors.level}
            onChange={changeLevel}
          />
          <Select
            label={t('units.fields.kind')}
            withAsterisk
            allowDeselect={false}
            data={UNIT_KINDS_BY_LEVEL[level].map((value) => ({ value, label: t(`unitKinds.${value}`) }))}
            {...form.getInputProps('kind')}
          />
          <TextInput label={t('units.fields.code')} description={t('units.codeHint')} withAsterisk inputMode="numeric" maxLength={5} {...form.getInputProps('code')} />
          <TextInput label={t('units.fields.name')} withAsterisk maxLength={200} {...form.getInputProps('name')} />
        </SimpleGrid>
        {level !== 'province' && (
          <Select
            label={t('units.fields.parent')}
            description={t('units.parentHint')}
            withAsterisk
            searchable
            nothingFoundMessage={t('common.nothingFound')}
            data={parentOptions}
            disabled={directory.loading}
            {...form.getInputProps('parentId')}
          />
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('fields.validFrom')} withAsterisk {...date('validFrom')} />
          <DateField label={t('fields.validTo')} description={t('fields.validToHint')} {...date('validTo')} />
        </SimpleGrid>
        <MultiSelect
          label={t('units.fields.predecessors')}
          description={t('units.predecessorsHint')}
          searchable
          clearable
          nothingFoundMessage={t('common.nothingFound')}
          data={predecessorOptions}
          disabled={directory.loading}
          {...form.getInputProps('predecessorIds')}
        />
        <Textarea label={t('fields.legalBasis')} description={t('fields.legalBasisHint')} autosize minRows={2} maxLength={300} {...form.getInputProps('legalBasis')} />
      </FormCard>
    </>
  )
}
