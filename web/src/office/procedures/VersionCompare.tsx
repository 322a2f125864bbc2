/** Two versions side by side (GET /api/procedures/:id/compare): each changed field with its old and new value. */
import { Button, Card, Code, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core'
import { IconArrowsDiff } from '@tabler/icons-react'
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { proceduresApi } from '../../api/procedures.ts'
import { factKey } from '../../portal/procedures/procedureText.ts'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EMPTY_CELL, EmptyTableRow } from '../../ui/TableStates.tsx'
import { useResource } from '../../ui/useResource.ts'

function Value({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === '') return <>{EMPTY_CELL}</>
  if (typeof value === 'string') return <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{value}</Text>
  if (typeof value !== 'object') return <Text size="sm">{String(value)}</Text>
  return (
    <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 320, overflow: 'auto' }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  )
}

/** `/timeLimit/note` → "Thời hạn giải quyết › note" (the first part named, the rest as stored). */
function usePathLabel(): (path: string) => string {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  return (path) => {
    const [head = '', ...rest] = path.split('/').filter(Boolean)
    const key = factKey(head)
    let label = head
    if (key) label = tc(`procedure.facts.${key}`)
    else if (head === 'name') label = t('procedures.fields.name')
    else if (head === 'provenance') label = t('procedures.form.sections.provenance')
    label = label.charAt(0).toUpperCase() + label.slice(1)
    return [label, ...rest].join(' › ')
  }
}

export function VersionCompare({ procedureId, versions, from, to, onCompare }: { procedureId: string; versions: number[]; from: number | null; to: number | null; onCompare: (from: number, to: number) => void }) {
  const { t } = useTranslation('office')
  const pathLabel = usePathLabel()
  const sorted = [...versions].sort((a, b) => a - b)
  const [fromInput, setFromInput] = useState(String(from ?? sorted[sorted.length - 2] ?? sorted[0] ?? ''))
  const [toInput, setToInput] = useState(String(to ?? sorted[sorted.length - 1] ?? ''))
  const changes = useResource(from !== null && to !== null ? (signal) => proceduresApi.compare(procedureId, from, to, signal) : null, [procedureId, from, to])
  const options = sorted.map((version) => ({ value: String(version), label: t('procedures.versionShort', { version }) }))

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    if (fromInput && toInput) onCompare(Number(fromInput), Number(toInput))
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="compare-heading" id="compare">
      <Title order={2} size="h4" id="compare-heading" mb="xs">
        {t('procedures.compare.title')}
      </Title>
      {sorted.length < 2 ? (
        <Text size="sm" c="dimmed">
          {t('procedures.compare.single')}
        </Text>
      ) : (
        <Stack gap="sm">
          <form onSubmit={onSubmit}>
            <Group align="flex-end" gap="sm">
              <NativeSelect label={t('procedures.compare.from')} data={options} value={fromInput} onChange={(event) => setFromInput(event.currentTarget.value)} w={160} />
              <NativeSelect label={t('procedures.compare.to')} data={options} value={toInput} onChange={(event) => setToInput(event.currentTarget.value)} w={160} />
              <Button type="submit" variant="light" leftSection={<IconArrowsDiff size={16} aria-hidden />} disabled={fromInput === toInput}>
                {t('procedures.compare.submit')}
              </Button>
            </Group>
          </form>
          <ProblemAlert error={changes.error} />
          {changes.loading && <LoadingState />}
          {changes.data && from !== null && to !== null && (
            <Table.ScrollContainer minWidth={760}>
              <Table withTableBorder withColumnBorders verticalSpacing="xs" layout="fixed">
                <Table.Caption>{t('procedures.compare.caption', { from, to, count: changes.data.length })}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={220}>
                      {t('procedures.compare.path')}
                    </Table.Th>
                    <Table.Th scope="col">{t('procedures.compare.before', { version: from })}</Table.Th>
                    <Table.Th scope="col">{t('procedures.compare.after', { version: to })}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {changes.data.length === 0 && <EmptyTableRow colSpan={3} message={t('procedures.compare.none')} />}
                  {changes.data.map((change) => (
                    <Table.Tr key={change.path}>
                      <Table.Td>
                        <Text size="sm" fw={600}>
                          {pathLabel(change.path)}
                        </Text>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {change.path}
                        </Text>
                      </Table.Td>
                      <Table.Td bg="red.0">
                        <Value value={change.before} />
                      </Table.Td>
                      <Table.Td bg="green.0">
                        <Value value={change.after} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </Card>
  )
}
