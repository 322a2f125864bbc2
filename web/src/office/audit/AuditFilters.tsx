/** Filter form of the audit log; applied on submit so typing does not fire a request per key. */
import { Button, Group, Paper, SimpleGrid, TextInput } from '@mantine/core'
import { IconFilter } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditListQuery } from '../../../../contracts/audit.ts'
import { DateField } from '../../ui/DateField.tsx'

export const AUDIT_FILTER_KEYS = ['action', 'subjectType', 'subjectId', 'actorId', 'from', 'to'] as const satisfies readonly (keyof AuditListQuery)[]
export type AuditFilterValues = Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>>

export function AuditFilters({ initial, onApply }: { initial: AuditFilterValues; onApply: (values: AuditFilterValues) => void }) {
  const { t } = useTranslation('office')
  const [values, setValues] = useState<AuditFilterValues>(initial)
  const set = (key: keyof AuditFilterValues) => (value: string | null) => setValues((current) => ({ ...current, [key]: value ?? undefined }))

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    onApply(values)
  }

  return (
    <Paper withBorder p="md" component="form" role="search" aria-label={t('common.filters')} onSubmit={onSubmit}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <TextInput label={t('audit.fields.action')} description={t('audit.actionHint')} value={values.action ?? ''} onChange={(event) => set('action')(event.currentTarget.value)} />
        <TextInput label={t('audit.fields.subjectType')} description={t('audit.subjectTypeHint')} value={values.subjectType ?? ''} onChange={(event) => set('subjectType')(event.currentTarget.value)} />
        <TextInput label={t('audit.fields.subjectId')} value={values.subjectId ?? ''} onChange={(event) => set('subjectId')(event.currentTarget.value)} />
        <TextInput label={t('audit.fields.actorId')} spellCheck={false} value={values.actorId ?? ''} onChange={(event) => set('actorId')(event.currentTarget.value)} />
        <DateField label={t('audit.fields.from')} value={values.from ?? null} onChange={set('from')} />
        <DateField label={t('audit.fields.to')} value={values.to ?? null} onChange={set('to')} />
      </SimpleGrid>
      <Group mt="md">
        <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
          {t('actions.applyFilters')}
        </Button>
        <Button
          variant="default"
          onClick={() => {
            setValues({})
            onApply({})
          }}
        >
          {t('actions.clearFilters')}
        </Button>
      </Group>
    </Paper>
  )
}
