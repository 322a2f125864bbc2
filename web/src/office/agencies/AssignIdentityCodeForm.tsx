/** Assign a new identity code from a date; the server closes the previous code the day before. */
import { Button, Paper, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AgencyDetail } from '../../../../contracts/org.ts'
import { isApiError } from '../../api/client.ts'
import { orgApi } from '../../api/org.ts'
import { DateField } from '../../ui/DateField.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useAction } from '../../ui/useAction.ts'
import { invalidateAgencyDirectory } from '../org/directories.ts'
import { IDENTITY_CODE_INPUT_PATTERN } from './identityCode.ts'

export function AssignIdentityCodeForm({ agencyId, onAssigned }: { agencyId: string; onAssigned: (agency: AgencyDetail) => void }) {
  const { t } = useTranslation('office')
  const [code, setCode] = useState('')
  const [validFrom, setValidFrom] = useState<string | null>(null)
  const [legalBasis, setLegalBasis] = useState('')

  const assign = useAction(async () => {
    if (!validFrom) return
    const updated = await orgApi.assignIdentityCode(agencyId, {
      code: code.trim().toUpperCase(),
      validFrom,
      ...(legalBasis.trim() ? { legalBasis: legalBasis.trim() } : {}),
    })
    invalidateAgencyDirectory()
    setCode('')
    setValidFrom(null)
    setLegalBasis('')
    onAssigned(updated)
  })
  const fieldErrors = isApiError(assign.error) ? assign.error.fieldErrors() : {}

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    void assign.run()
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="assign-code-heading">
      <Title order={2} size="h4" id="assign-code-heading" mb="sm">
        {t('identityCodes.assignTitle')}
      </Title>
      <form onSubmit={onSubmit}>
        <Stack maw={640}>
          <ProblemAlert error={assign.error} withoutFieldErrors />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('identityCodes.code')}
              description={t('identityCodes.codeHint')}
              required
              pattern={IDENTITY_CODE_INPUT_PATTERN}
              autoCapitalize="characters"
              spellCheck={false}
              value={code}
              error={fieldErrors.code}
              onChange={(event) => setCode(event.currentTarget.value)}
            />
            <DateField label={t('fields.validFrom')} required value={validFrom} error={fieldErrors.validFrom} onChange={setValidFrom} />
          </SimpleGrid>
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
          <Button type="submit" loading={assign.pending} w="fit-content">
            {t('identityCodes.assign')}
          </Button>
        </Stack>
      </form>
    </Paper>
  )
}
