/** Filter inputs of the audit log (@mantine/form); applied on submit so typing does not fire a request per key. */
import { Button, Group, SimpleGrid, TextInput } from '@mantine/core'
import type { UseFormReturnType } from '@mantine/form'
import { IconFilter } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import type { AuditListQuery } from '../../../../contracts/audit.ts'
import { DateField } from '../../ui/DateField.tsx'

export const AUDIT_FILTER_KEYS = ['action', 'subjectType', 'subjectId', 'actorId', 'from', 'to'] as const satisfies readonly (keyof AuditListQuery)[]
export type AuditFilterValues = Partial<Record<(typeof AUDIT_FILTER_KEYS)[number], string>>

export function AuditFilters({ form, onClear }: { form: UseFormReturnType<AuditFilterValues>; onClear: () => void }) {
  const { t } = useTranslation('office')
  const text = (key: keyof AuditFilterValues) => ({ value: form.values[key] ?? '', onChange: (event: { currentTarget: { value: string } }) => form.setFieldValue(key, event.currentTarget.value) })
  const date = (key: 'from' | 'to') => ({ value: form.values[key] ?? null, onChange: (value: string | null) => form.setFieldValue(key, value ?? undefined) })
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <TextInput label={t('audit.fields.action')} description={t('audit.actionHint')} {...text('action')} />
        <TextInput label={t('audit.fields.subjectType')} description={t('audit.subjectTypeHint')} {...text('subjectType')} />
        <TextInput label={t('audit.fields.subjectId')} {...text('subjectId')} />
        <TextInput label={t('audit.fields.actorId')} spellCheck={false} {...text('actorId')} />
        <DateField label={t('audit.fields.from')} {...date('from')} />
        <DateField label={t('audit.fields.to')} {...date('to')} />
      </SimpleGrid>
      <Group mt="md">
        <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
          {t('actions.applyFilters')}
        </Button>
        <Button variant="default" onClick={onClear}>
          {t('actions.clearFilters')}
        </Button>
      </Group>
    </>
  )
}
