/** Edit an agency's name, short name, kind or end of validity (PATCH with only what changed). */
import { Button, Group, Paper, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Agency, UpdateAgencyBody } from '../../../../contracts/org.ts'
import { isApiError } from '../../api/client.ts'
import { orgApi } from '../../api/org.ts'
import { DateField } from '../../ui/DateField.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'
import { AGENCY_KINDS, type AgencyKind } from '../catalog.ts'
import { invalidateAgencyDirectory } from '../org/directories.ts'

interface AgencyEditFormProps {
  agency: Agency
  onSaved: () => void
  onCancel: () => void
}

export function AgencyEditForm({ agency, onSaved, onCancel }: AgencyEditFormProps) {
  const { t } = useTranslation('office')
  const [name, setName] = useState(agency.name)
  const [shortName, setShortName] = useState(agency.shortName ?? '')
  const [kind, setKind] = useState<AgencyKind>(agency.kind)
  const [validTo, setValidTo] = useState<string | null>(agency.validTo)

  const nextShortName = shortName.trim() || null
  const changes: UpdateAgencyBody = {
    ...(name.trim() !== agency.name ? { name: name.trim() } : {}),
    ...(nextShortName !== agency.shortName ? { shortName: nextShortName } : {}),
    ...(kind !== agency.kind ? { kind } : {}),
    ...(validTo !== agency.validTo ? { validTo } : {}),
  }
  const changed = Object.keys(changes).length > 0

  const save = useAction(async () => {
    // If-Match: an edit over someone else's newer change answers 409 request.stale instead of overwriting it.
    await orgApi.updateAgency(agency.id, changes, agency.rowVersion)
    invalidateAgencyDirectory()
    onSaved()
  })
  const fieldErrors = isApiError(save.error) ? save.error.fieldErrors() : {}

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (changed) void save.run()
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="agency-edit-heading">
      <Title order={2} size="h4" id="agency-edit-heading" mb="sm">
        {t('agencies.editTitle')}
      </Title>
      <form onSubmit={onSubmit}>
        <Stack maw={720}>
          <ProblemAlert error={save.error} withoutFieldErrors />
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
