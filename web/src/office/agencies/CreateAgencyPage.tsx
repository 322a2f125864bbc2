/** New agency under an administrative unit, optionally with a parent agency and an identity code. */
import { Button, Group, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core'
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router-dom'
import type { CreateAgencyBody } from '../../../../contracts/org.ts'
import { isApiError } from '../../api/client.ts'
import { orgApi } from '../../api/org.ts'
import { DateField } from '../../ui/DateField.tsx'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'
import { AGENCY_KINDS, type AgencyKind } from '../catalog.ts'
import { invalidateAgencyDirectory, useAgencyDirectory, useUnitDirectory } from '../org/directories.ts'
import { agencyOption, byName, unitOption } from '../org/options.ts'
import { officePaths } from '../paths.ts'
import { IDENTITY_CODE_INPUT_PATTERN } from './identityCode.ts'

export function CreateAgencyPage() {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const navigate = useNavigate()
  const units = useUnitDirectory()
  const agencies = useAgencyDirectory()

  const [unitId, setUnitId] = useState<string | null>(null)
  const [parentId, setParentId] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [shortName, setShortName] = useState('')
  const [kind, setKind] = useState<AgencyKind>('department')
  const [identityCode, setIdentityCode] = useState('')
  const [validFrom, setValidFrom] = useState<string | null>(null)
  const [validTo, setValidTo] = useState<string | null>(null)
  const [submitted, setSubmitted] = useState(false)

  const openEnded = tc('validity.openEnded')
  const unitOptions = useMemo(() => [...units.all].sort(byName).map((unit) => unitOption(unit, openEnded)), [units.all, openEnded])
  const parentOptions = useMemo(() => [...agencies.all].sort(byName).map((agency) => agencyOption(agency, openEnded)), [agencies.all, openEnded])

  const create = useAction(async (body: CreateAgencyBody) => {
    const agency = await orgApi.createAgency(body)
    invalidateAgencyDirectory()
    void navigate(officePaths.agency(agency.id))
  })
  const fieldErrors = isApiError(create.error) ? create.error.fieldErrors() : {}

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setSubmitted(true)
    if (!unitId || !validFrom) return
    void create.run({
      unitId,
      parentId,
      name: name.trim(),
      kind,
      validFrom,
      validTo,
      ...(shortName.trim() ? { shortName: shortName.trim() } : {}),
      ...(identityCode.trim() ? { identityCode: identityCode.trim().toUpperCase() } : {}),
    })
  }

  return (
    <>
      <PageHeader title={t('agencies.createTitle')} description={t('agencies.createLead')} />
      <Paper withBorder p="lg" maw={840}>
        <form onSubmit={onSubmit}>
          <Stack>
            <ProblemAlert error={create.error} withoutFieldErrors />
            <ProblemAlert error={units.error ?? agencies.error} />
            <TextInput label={t('agencies.fields.name')} required maxLength={300} value={name} error={fieldErrors.name} onChange={(event) => setName(event.currentTarget.value)} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('agencies.fields.shortName')}
                maxLength={100}
                value={shortName}
                error={fieldErrors.shortName}
                onChange={(event) => setShortName(event.currentTarget.value)}
              />
              <Select
                label={t('agencies.fields.kind')}
                required
                allowDeselect={false}
                data={AGENCY_KINDS.map((value) => ({ value, label: t(`agencyKinds.${value}`) }))}
                value={kind}
                error={fieldErrors.kind}
                onChange={(value) => value && setKind(value as AgencyKind)}
              />
            </SimpleGrid>
            <Select
              label={t('agencies.fields.unit')}
              required
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              data={unitOptions}
              value={unitId}
              error={fieldErrors.unitId ?? (submitted && !unitId ? t('validation.required') : undefined)}
              onChange={setUnitId}
              disabled={units.loading}
            />
            <Select
              label={t('agencies.fields.parent')}
              description={t('agencies.parentHint')}
              searchable
              clearable
              nothingFoundMessage={t('common.nothingFound')}
              data={parentOptions}
              value={parentId}
              error={fieldErrors.parentId}
              onChange={setParentId}
              disabled={agencies.loading}
            />
            <TextInput
              label={t('agencies.fields.identityCode')}
              description={t('identityCodes.codeHint')}
              pattern={IDENTITY_CODE_INPUT_PATTERN}
              autoCapitalize="characters"
              spellCheck={false}
              value={identityCode}
              error={fieldErrors.identityCode}
              onChange={(event) => setIdentityCode(event.currentTarget.value)}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <DateField label={t('fields.validFrom')} required value={validFrom} error={fieldErrors.validFrom} onChange={setValidFrom} />
              <DateField label={t('fields.validTo')} description={t('fields.validToHint')} value={validTo} error={fieldErrors.validTo} onChange={setValidTo} />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={create.pending}>
                {t('agencies.create')}
              </Button>
              <Button variant="default" onClick={() => void navigate(officePaths.agencies)}>
                {t('actions.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  )
}
