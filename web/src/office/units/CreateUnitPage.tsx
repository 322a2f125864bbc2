/**
 * New administrative unit. Listing predecessors records a merger: the server closes each
 * predecessor the day before the new unit starts (as for the communes merged on 01/07/2025).
 */
import { Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core'
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { CreateUnitBody } from '../../../../contracts/org.ts'
import { isApiError } from '../../api/client.ts'
import { orgApi } from '../../api/org.ts'
import { DateField } from '../../ui/DateField.tsx'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'
import { PARENT_LEVELS, UNIT_KINDS_BY_LEVEL, UNIT_LEVELS, type UnitKind, type UnitLevel } from '../catalog.ts'
import { invalidateUnitDirectory, useUnitDirectory } from '../org/directories.ts'
import { byName, unitOption } from '../org/options.ts'
import { officePaths } from '../paths.ts'

export function CreateUnitPage() {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const navigate = useNavigate()
  const directory = useUnitDirectory()

  const [code, setCode] = useState('')
  const [name, setName] = useState('')
  const [level, setLevel] = useState<UnitLevel>('commune')
  const [kind, setKind] = useState<UnitKind>('commune')
  const [parentId, setParentId] = useState<string | null>(null)
  const [validFrom, setValidFrom] = useState<string | null>(null)
  const [validTo, setValidTo] = useState<string | null>(null)
  const [predecessorIds, setPredecessorIds] = useState<string[]>([])
  const [legalBasis, setLegalBasis] = useState('')
  const [submitted, setSubmitted] = useState(false)

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

  const create = useAction(async (body: CreateUnitBody) => {
    const unit = await orgApi.createUnit(body)
    invalidateUnitDirectory()
    void navigate(officePaths.unit(unit.id))
  })
  const fieldErrors = isApiError(create.error) ? create.error.fieldErrors() : {}

  const changeLevel = (next: UnitLevel) => {
    setLevel(next)
    setKind(UNIT_KINDS_BY_LEVEL[next][0] ?? next)
    setParentId(null)
    setPredecessorIds([])
  }

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setSubmitted(true)
    const needsParent = level !== 'province'
    if (!validFrom || (needsParent && !parentId)) return
    void create.run({
      code: code.trim(),
      name: name.trim(),
      level,
      kind,
      parentId: needsParent ? parentId : null,
      validFrom,
      validTo,
      ...(predecessorIds.length > 0 ? { predecessorIds } : {}),
      ...(legalBasis.trim() ? { legalBasis: legalBasis.trim() } : {}),
    })
  }

  return (
    <>
      <PageHeader title={t('units.createTitle')} description={t('units.createLead')} />
      <Paper withBorder p="lg" maw={840}>
        <form onSubmit={onSubmit}>
          <Stack>
            <ProblemAlert error={create.error} withoutFieldErrors />
            <ProblemAlert error={directory.error} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={t('units.fields.level')}
                required
                allowDeselect={false}
                data={UNIT_LEVELS.map((value) => ({ value, label: t(`unitLevels.${value}`) }))}
                value={level}
                onChange={(value) => value && changeLevel(value as UnitLevel)}
              />
              <Select
                label={t('units.fields.kind')}
                required
                allowDeselect={false}
                data={UNIT_KINDS_BY_LEVEL[level].map((value) => ({ value, label: t(`unitKinds.${value}`) }))}
                value={kind}
                error={fieldErrors.kind}
                onChange={(value) => value && setKind(value as UnitKind)}
              />
              <TextInput
                label={t('units.fields.code')}
                description={t('units.codeHint')}
                required
                inputMode="numeric"
                pattern="[0-9]{2,5}"
                maxLength={5}
                value={code}
                error={fieldErrors.code}
                onChange={(event) => setCode(event.currentTarget.value)}
              />
              <TextInput label={t('units.fields.name')} required maxLength={200} value={name} error={fieldErrors.name} onChange={(event) => setName(event.currentTarget.value)} />
            </SimpleGrid>
            {level !== 'province' && (
              <Select
                label={t('units.fields.parent')}
                description={t('units.parentHint')}
                required
                searchable
                nothingFoundMessage={t('common.nothingFound')}
                data={parentOptions}
                value={parentId}
                error={fieldErrors.parentId ?? (submitted && !parentId ? t('validation.required') : undefined)}
                onChange={setParentId}
                disabled={directory.loading}
              />
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <DateField label={t('fields.validFrom')} required value={validFrom} error={fieldErrors.validFrom} onChange={setValidFrom} />
              <DateField label={t('fields.validTo')} description={t('fields.validToHint')} value={validTo} error={fieldErrors.validTo} onChange={setValidTo} />
            </SimpleGrid>
            <MultiSelect
              label={t('units.fields.predecessors')}
              description={t('units.predecessorsHint')}
              searchable
              clearable
              nothingFoundMessage={t('common.nothingFound')}
              data={predecessorOptions}
              value={predecessorIds}
              error={fieldErrors.predecessorIds}
              onChange={setPredecessorIds}
              disabled={directory.loading}
            />
            <Textarea
              label={t('fields.legalBasis')}
              description={t('fields.legalBasisHint')}
              autosize
              minRows={2}
              maxLength={300}
              value={legalBasis}
              error={fieldErrors.legalBasis}
              onChange={(event) => setLegalBasis(event.currentTarget.value)}
            />
            <Group>
              <Button type="submit" loading={create.pending}>
                {t('units.create')}
              </Button>
              <Button variant="default" onClick={() => void navigate(officePaths.units)}>
                {t('actions.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  )
}
