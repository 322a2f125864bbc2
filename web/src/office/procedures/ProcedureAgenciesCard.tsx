/**
 * Which agencies implement a procedure, with their local code, online level and whether it is in
 * use there (PUT /api/procedures/:id/agencies replaces the whole list). Editable with
 * catalogue.manage; agencies are picked from the agency directory (GET /api/agencies).
 */
import { ActionIcon, Button, Card, Checkbox, Group, NativeSelect, Select, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core'
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react'
import { useMemo, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Procedure } from '../../../../contracts/procedures.ts'
import { proceduresApi } from '../../api/procedures.ts'
import { OnlineLevelBadge } from '../../portal/procedures/ProcedureBits.tsx'
import { isOnlineLevel, ONLINE_LEVELS, type OnlineLevel } from '../../portal/procedures/procedureText.ts'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EMPTY_CELL, EmptyTableRow } from '../../ui/TableStates.tsx'
import { useAction } from '../../ui/useAction.ts'
import { useAgencyDirectory } from '../org/directories.ts'
import { agencyOption, byName } from '../org/options.ts'
import { newRowId } from './procedureForm.ts'

interface Row {
  id: string
  agencyId: string | null
  localCode: string
  onlineLevel: OnlineLevel
  active: boolean
}

function AgenciesForm({ procedure, defaultOnlineLevel, onSaved, onCancel }: { procedure: Procedure; defaultOnlineLevel: OnlineLevel; onSaved: (procedure: Procedure) => void; onCancel: () => void }) {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const directory = useAgencyDirectory()
  const openEnded = tc('validity.openEnded')
  const options = useMemo(() => [...directory.all].sort(byName).map((agency) => agencyOption(agency, openEnded)), [directory.all, openEnded])
  const [rows, setRows] = useState<Row[]>(() =>
    procedure.agencies.map((agency) => ({ id: newRowId(), agencyId: agency.agencyId, localCode: agency.localCode ?? '', onlineLevel: isOnlineLevel(agency.onlineLevel) ? agency.onlineLevel : 'none', active: agency.active })),
  )
  const [attempted, setAttempted] = useState(false)
  const save = useAction(async () => {
    const body = {
      agencies: rows.map((row) => ({ agencyId: row.agencyId ?? '', localCode: row.localCode.trim() || null, onlineLevel: row.onlineLevel, active: row.active })),
    }
    onSaved(await proceduresApi.setAgencies(procedure.id, body))
  })

  const change = (id: string, patch: Partial<Row>) => setRows((current) => current.map((row) => (row.id === id ? { ...row, ...patch } : row)))
  const issue = (row: Row): string | undefined => {
    if (!row.agencyId) return t('procedures.agencies.agencyRequired')
    if (rows.some((other) => other.id !== row.id && other.agencyId === row.agencyId)) return t('procedures.agencies.duplicate')
    return undefined
  }
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setAttempted(true)
    if (rows.some((row) => issue(row))) return
    void save.run()
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ProblemAlert error={save.error} />
        <ProblemAlert error={directory.error} />
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('procedures.agencies.agency')}</Table.Th>
                <Table.Th scope="col" w={180}>
                  {t('procedures.agencies.localCode')}
                </Table.Th>
                <Table.Th scope="col" w={160}>
                  {t('procedures.agencies.onlineLevel')}
                </Table.Th>
                <Table.Th scope="col" w={110}>
                  {t('procedures.agencies.active')}
                </Table.Th>
                <Table.Th scope="col" w={60}>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 && <EmptyTableRow colSpan={5} message={t('procedures.agencies.empty')} />}
              {rows.map((row, index) => {
                const number = index + 1
                return (
                  <Table.Tr key={row.id}>
                    <Table.Td>
                      <Select
                        aria-label={t('procedures.agencies.agencyOf', { number })}
                        placeholder={t('procedures.agencies.pick')}
                        searchable
                        data={options}
                        value={row.agencyId}
                        nothingFoundMessage={t('common.nothingFound')}
                        error={attempted ? issue(row) : undefined}
                        onChange={(value) => change(row.id, { agencyId: value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput aria-label={t('procedures.agencies.localCodeOf', { number })} maxLength={80} value={row.localCode} onChange={(event) => change(row.id, { localCode: event.currentTarget.value })} />
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={t('procedures.agencies.onlineLevelOf', { number })}
                        data={ONLINE_LEVELS.map((value) => ({ value, label: tc(`catalogue.onlineLevels.${value}`) }))}
                        value={row.onlineLevel}
                        onChange={(event) => {
                          const value = event.currentTarget.value
                          if (isOnlineLevel(value)) change(row.id, { onlineLevel: value })
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox aria-label={t('procedures.agencies.activeOf', { number })} checked={row.active} onChange={(event) => change(row.id, { active: event.currentTarget.checked })} />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red" aria-label={t('procedures.agencies.remove', { number })} onClick={() => setRows((current) => current.filter((other) => other.id !== row.id))}>
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="space-between">
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setRows((current) => [...current, { id: newRowId(), agencyId: null, localCode: '', onlineLevel: defaultOnlineLevel, active: true }])}
          >
            {t('procedures.agencies.add')}
          </Button>
          <Group gap="sm">
            <Button variant="default" onClick={onCancel}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={save.pending}>
              {t('procedures.agencies.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  )
}

export function ProcedureAgenciesCard({ procedure, canManage, defaultOnlineLevel, onChanged }: { procedure: Procedure; canManage: boolean; defaultOnlineLevel: OnlineLevel; onChanged: (procedure: Procedure) => void }) {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const [editing, setEditing] = useState(false)
  const [saved, setSaved] = useState(false)

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="procedure-agencies-heading">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="procedure-agencies-heading">
          {t('procedures.agencies.title')}
        </Title>
        {canManage && !editing && (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPencil size={14} aria-hidden />}
            onClick={() => {
              setSaved(false)
              setEditing(true)
            }}
          >
            {t('procedures.agencies.edit')}
          </Button>
        )}
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('procedures.agencies.lead')}
      </Text>
      {saved && (
        <Text size="sm" c="green.9" role="status" mb="sm">
          {t('procedures.agencies.saved')}
        </Text>
      )}
      {editing ? (
        <AgenciesForm
          procedure={procedure}
          defaultOnlineLevel={defaultOnlineLevel}
          onCancel={() => setEditing(false)}
          onSaved={(updated) => {
            setEditing(false)
            setSaved(true)
            onChanged(updated)
          }}
        />
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('procedures.agencies.agency')}</Table.Th>
                <Table.Th scope="col">{t('procedures.agencies.localCode')}</Table.Th>
                <Table.Th scope="col">{t('procedures.agencies.onlineLevel')}</Table.Th>
                <Table.Th scope="col">{t('procedures.agencies.active')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {procedure.agencies.length === 0 && <EmptyTableRow colSpan={4} message={t('procedures.agencies.empty')} />}
              {procedure.agencies.map((agency) => (
                <Table.Tr key={agency.agencyId}>
                  <Table.Td fz="sm">{agency.agencyName ?? agency.agencyId}</Table.Td>
                  <Table.Td ff="monospace" fz="sm">
                    {agency.localCode ?? EMPTY_CELL}
                  </Table.Td>
                  <Table.Td>
                    <OnlineLevelBadge level={agency.onlineLevel} size="sm" />
                  </Table.Td>
                  <Table.Td fz="sm">{agency.active ? tc('procedure.agencies.yes') : tc('procedure.agencies.no')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  )
}
