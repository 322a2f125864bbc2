/** Edit a unit's name, kind or end of validity (PATCH /api/units/:id with only what changed). */
import { Button, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Unit, UpdateUnitBody } from '../../../../contracts/org.ts'
import { isApiError } from '../../api/client.ts'
import { orgApi } from '../../api/org.ts'
import { DateField } from '../../ui/DateField.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'
import { UNIT_KINDS_BY_LEVEL, type UnitKind } from '../catalog.ts'
import { invalidateUnitDirectory } from '../org/directories.ts'

interface UnitEditFormProps {
  unit: Unit
  onSaved: (unit: Unit) => void
  onCancel: () => void
}

export function UnitEditForm({ unit, onSaved, onCancel }: UnitEditFormProps) {
  const { t } = useTranslation('office')
  const [name, setName] = useState(unit.name)
  const [kind, setKind] = useState<UnitKind>(unit.kind)
  const [validTo, setValidTo] = useState<string | null>(unit.validTo)

  const changes: UpdateUnitBody = {
    ...(name.trim() !== unit.name ? { name: name.trim() } : {}),
    ...(kind !== unit.kind ? { kind } : {}),
    ...(validTo !== unit.validTo ? { validTo } : {}),
  }
  const changed = Object.keys(changes).length > 0

  const save = useAction(async () => {
    const saved = await orgApi.updateUnit(unit.id, changes, unit.rowVersion)
    invalidateUnitDirectory()
    onSaved(saved)
  })
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors() : {}

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (changed) void save.run()
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="unit-edit-heading">
      <Title order={2} size="h4" id="unit-edit-heading" mb="sm">
        {t('units.editTitle')}
      </Title>
      <form onSubmit={onSubmit}>
        <Stack maw={520}>
          <ProblemAlert error={save.error} withoutFieldErrors />
          <TextInput label={t('units.fields.name')} required maxLength={200} value={name} error={fieldErrors.name} onChange={(event) => setName(event.currentTarget.value)} />
          <Select
            label={t('units.fields.kind')}
            required
            allowDeselect={false}
            data={UNIT_KINDS_BY_LEVEL[unit.level].map((value) => ({ value, label: t(`unitKinds.${value}`) }))}
            value={kind}
            error={fieldErrors.kind}
            onChange={(value) => value && setKind(value as UnitKind)}
          />
          <DateField label={t('fields.validTo')} description={t('fields.validToHint')} value={validTo} error={fieldErrors.validTo} onChange={setValidTo} />
          <Group>
            <Button type="submit" loading={save.pending} disabled={!changed}>
              {t('actions.save')}
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
