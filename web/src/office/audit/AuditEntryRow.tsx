/** One audit entry, with its recorded changes expandable as JSON. */
import { Anchor, Badge, Button, Stack, Table, Text } from '@mantine/core'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AuditEntry } from '../../../../contracts/audit.ts'
import { formatDateTime } from '../../format/dates.ts'
import { JsonBlock } from '../../ui/JsonBlock.tsx'
import { EMPTY_CELL } from '../../ui/TableStates.tsx'
import { useAgencyDirectory } from '../org/directories.ts'

interface AuditEntryRowProps {
  entry: AuditEntry
  onFilterActor: (actorId: string) => void
  onFilterSubject: (subjectType: string, subjectId: string) => void
}

export function AuditEntryRow({ entry, onFilterActor, onFilterSubject }: AuditEntryRowProps) {
  const { t } = useTranslation('office')
  const agencies = useAgencyDirectory()
  const [open, setOpen] = useState(false)
  const detailsId = `audit-changes-${entry.unitId}-${entry.seq}`

  return (
    <>
      <Table.Tr>
        <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(entry.occurredAt, true)}
        </Table.Td>
        <Table.Td>
          <Stack gap={2}>
            {entry.actorId ? (
              <Anchor component="button" type="button" size="sm" ta="left" onClick={() => entry.actorId && onFilterActor(entry.actorId)} aria-label={t('audit.filterByActor', { name: entry.actorName })}>
                {entry.actorName}
              </Anchor>
            ) : (
              <Text size="sm">{entry.actorName}</Text>
            )}
            <Badge size="xs" variant="outline" tt="none" w="fit-content">
              {entry.actorType}
            </Badge>
          </Stack>
        </Table.Td>
        <Table.Td ff="monospace" fz="sm">
          {entry.action}
        </Table.Td>
        <Table.Td>
          <Anchor
            component="button"
            type="button"
            size="sm"
            ta="left"
            onClick={() => onFilterSubject(entry.subjectType, entry.subjectId)}
            aria-label={t('audit.filterBySubject', { type: entry.subjectType, id: entry.subjectId })}
          >
            <Text span ff="monospace" size="sm">
              {entry.subjectType}
            </Text>
          </Anchor>
          <Text size="xs" c="dimmed" ff="monospace" style={{ wordBreak: 'break-all' }}>
            {entry.subjectId}
          </Text>
        </Table.Td>
        <Table.Td fz="sm">{entry.agencyId ? (agencies.byId.get(entry.agencyId)?.name ?? entry.agencyId) : EMPTY_CELL}</Table.Td>
        <Table.Td ff="monospace" fz="xs">
          {entry.ip ?? EMPTY_CELL}
        </Table.Td>
        <Table.Td>
          <Button size="xs" variant="subtle" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((value) => !value)}>
            {open ? t('audit.hideChanges') : t('audit.showChanges')}
          </Button>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={7} bg="gray.0">
            <JsonBlock value={entry.changes} label={t('audit.changesOf', { action: entry.action })} />
            <Text size="xs" c="dimmed" mt={4} ff="monospace" style={{ wordBreak: 'break-all' }}>
              {t('audit.integrity', { seq: entry.seq, hash: entry.hash, requestId: entry.requestId ?? EMPTY_CELL })}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  )
}
