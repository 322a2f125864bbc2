/**
 * One procedure in the workspace: its versions (status, effective date; the one in force on a
 * chosen day), any version's content, a comparison of two versions, and the implementing
 * agencies. With catalogue.manage: edit a draft, publish, withdraw (unpublish), start a new
 * version from any version, configure agencies. Everyone may download the JSON package.
 * Address: /office/procedures/:id?on=yyyy-MM-dd&version=N&from=A&to=B.
 */
import { Alert, Badge, Button, Card, Group, Menu, Modal, Stack, Table, Text, Title } from '@mantine/core'
import { IconCopy, IconDots, IconDownload, IconExternalLink, IconEye, IconPencil, IconSend, IconX } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams, useSearchParams } from 'react-router-dom'
import type { Procedure } from '../../../../contracts/procedures.ts'
import { proceduresApi } from '../../api/procedures.ts'
import { formatDate, formatDateTime, todayInVietnam } from '../../format/dates.ts'
import { ProcedureDetails } from '../../portal/procedures/ProcedureDetails.tsx'
import { isOnlineLevel } from '../../portal/procedures/procedureText.ts'
import { procedurePath } from '../../portal/ProcedureSearchBox.tsx'
import { DateField } from '../../ui/DateField.tsx'
import { LoadingState } from '../../ui/LoadingState.tsx'
import { PageHeader } from '../../ui/PageHeader.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { EMPTY_CELL } from '../../ui/TableStates.tsx'
import { useAction } from '../../ui/useAction.ts'
import { useResource } from '../../ui/useResource.ts'
import { officePaths } from '../paths.ts'
import { useCan, useCurrentUser } from '../session.tsx'
import { ProcedureAgenciesCard } from './ProcedureAgenciesCard.tsx'
import { rememberRecent } from './recentProcedures.ts'
import { VersionCompare } from './VersionCompare.tsx'
import { VersionStatusBadge } from './VersionStatusBadge.tsx'

type VersionSummary = Procedure['versions'][number]
type Transition = { kind: 'publish' | 'withdraw'; version: VersionSummary }

function positiveInt(text: string | null): number | null {
  if (!text || !/^\d{1,6}$/.test(text)) return null
  const value = Number(text)
  return value >= 1 ? value : null
}

function TransitionModal({ procedureId, transition, onClose, onDone }: { procedureId: string; transition: Transition | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation('office')
  const action = useAction(async (target: Transition) => {
    if (target.kind === 'publish') await proceduresApi.publish(procedureId, target.version.version)
    else await proceduresApi.withdraw(procedureId, target.version.version)
    onDone()
  })
  const { reset } = action
  useEffect(() => reset(), [transition, reset])
  const version = transition?.version
  return (
    <Modal opened={transition !== null} onClose={onClose} title={transition ? t(`procedures.transition.${transition.kind}Title`, { version: version?.version }) : ''} centered>
      {transition && version && (
        <Stack>
          <Text size="sm">{t(`procedures.transition.${transition.kind}Body`, { version: version.version, date: formatDate(version.effectiveFrom), name: version.name })}</Text>
          <ProblemAlert error={action.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button color={transition.kind === 'withdraw' ? 'red' : undefined} loading={action.pending} onClick={() => void action.run(transition)}>
              {t(`procedures.transition.${transition.kind}`)}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  )
}

export function ProcedureDetailPage() {
  const { t } = useTranslation('office')
  const { id = '' } = useParams()
  const [params, setParams] = useSearchParams()
  const canManage = useCan('catalogue.manage')
  const user = useCurrentUser()
  const today = todayInVietnam()

  const on = params.get('on') ?? undefined
  const requestedVersion = positiveInt(params.get('version'))
  const compareFrom = positiveInt(params.get('from'))
  const compareTo = positiveInt(params.get('to'))

  const procedure = useResource((signal) => proceduresApi.get(id, on, signal), [id, on])
  const data = procedure.data
  const current = data?.current ?? null
  const newest = data?.versions[0]
  const shownNumber = requestedVersion ?? current?.version ?? newest?.version ?? null
  const shownFromCurrent = current !== null && shownNumber === current.version
  const version = useResource(shownNumber !== null && !shownFromCurrent ? (signal) => proceduresApi.getVersion(id, shownNumber, signal) : null, [id, shownNumber, shownFromCurrent])
  const shown = shownFromCurrent ? current : (version.data ?? null)
  const [transition, setTransition] = useState<Transition | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const title = current?.content.name ?? newest?.name ?? ''
  const nationalCode = data?.nationalCode ?? null

  useEffect(() => {
    if (data && title) rememberRecent(user.id, { id: data.id, name: title, nationalCode: data.nationalCode })
  }, [data, title, user.id])

  const setParam = (name: string, value: string | null) => {
    const next = new URLSearchParams(params)
    if (value) next.set(name, value)
    else next.delete(name)
    setParams(next, { replace: true })
  }

  if (procedure.loading && !data) return <LoadingState />
  if (!data) return <ProblemAlert error={procedure.error} />

  const publishedToday = data.versions.some((v) => v.status === 'published' && v.effectiveFrom <= today)
  const editBase = current?.version ?? newest?.version ?? 1
  const defaultOnlineLevel = current && isOnlineLevel(current.content.onlineLevel) ? current.content.onlineLevel : 'none'

  return (
    <>
      <PageHeader
        eyebrow={nationalCode ? t('procedures.eyebrowCode', { code: nationalCode }) : t('procedures.eyebrow')}
        title={title}
        actions={
          <>
            {publishedToday && (
              <Button component={Link} to={procedurePath(data.id)} target="_blank" variant="default" leftSection={<IconExternalLink size={16} aria-hidden />}>
                {t('procedures.viewOnPortal')}
              </Button>
            )}
            <Button component="a" href={proceduresApi.packageUrl(data.id)} download={`thu-tuc-${nationalCode ?? data.id}.json`} variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
              {t('procedures.package.download')}
            </Button>
            {canManage && (
              <Button component={Link} to={officePaths.newProcedureVersion(data.id, editBase)} leftSection={<IconCopy size={16} aria-hidden />}>
                {t('procedures.newVersion')}
              </Button>
            )}
          </>
        }
      />

      <Stack gap="md">
        {notice && (
          <Alert color="green" variant="light" role="status" withCloseButton onClose={() => setNotice(null)}>
            {notice}
          </Alert>
        )}
        {!publishedToday && (
          <Alert color="yellow" variant="light">
            {t('procedures.notOnPortal')}
          </Alert>
        )}

        <Card withBorder padding="md" component="section" aria-labelledby="versions-heading">
          <Group justify="space-between" align="flex-end" mb="sm" gap="md">
            <Title order={2} size="h4" id="versions-heading">
              {t('procedures.versions.title')}
            </Title>
            <Group align="flex-end" gap="xs">
              <DateField label={t('procedures.versions.on')} value={on ?? null} onChange={(value, meta) => !meta.invalid && setParam('on', value)} w={220} description={t('procedures.versions.onHint')} />
              {on && (
                <Button variant="subtle" size="sm" onClick={() => setParam('on', null)}>
                  {t('procedures.versions.today')}
                </Button>
              )}
            </Group>
          </Group>
          <Text size="sm" mb="sm" aria-live="polite">
            {current
              ? t('procedures.versions.inForce', { version: current.version, date: formatDate(on ?? today) })
              : t('procedures.versions.noneInForce', { date: formatDate(on ?? today) })}
          </Text>
          <Table.ScrollContainer minWidth={820}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={90}>
                    {t('procedures.versions.version')}
                  </Table.Th>
                  <Table.Th scope="col">{t('procedures.fields.name')}</Table.Th>
                  <Table.Th scope="col">{t('procedures.versions.status')}</Table.Th>
                  <Table.Th scope="col">{t('procedures.versions.effectiveFrom')}</Table.Th>
                  <Table.Th scope="col">{t('procedures.versions.publishedAt')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.versions.map((item) => (
                  <Table.Tr key={item.id} aria-current={item.version === shownNumber ? 'true' : undefined} bg={item.version === shownNumber ? 'blue.0' : undefined}>
                    <Table.Td fw={600}>{item.version}</Table.Td>
                    <Table.Td fz="sm">{item.name}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <VersionStatusBadge status={item.status} />
                        {current?.version === item.version && (
                          <Badge size="sm" variant="outline" color="green">
                            {t('procedures.versions.current')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td fz="sm">{formatDate(item.effectiveFrom)}</Table.Td>
                    <Table.Td fz="sm">{item.publishedAt ? formatDateTime(item.publishedAt) : EMPTY_CELL}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          leftSection={<IconEye size={14} aria-hidden />}
                          aria-label={t('procedures.versions.viewNamed', { version: item.version })}
                          onClick={() => setParam('version', String(item.version))}
                        >
                          {t('procedures.versions.view')}
                        </Button>
                        {canManage && item.status === 'draft' && (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            component={Link}
                            to={officePaths.editProcedureVersion(data.id, item.version)}
                            leftSection={<IconPencil size={14} aria-hidden />}
                            aria-label={t('procedures.versions.editNamed', { version: item.version })}
                          >
                            {t('procedures.versions.edit')}
                          </Button>
                        )}
                        {canManage && item.status === 'draft' && (
                          <Button size="compact-sm" variant="light" leftSection={<IconSend size={14} aria-hidden />} aria-label={t('procedures.versions.publishNamed', { version: item.version })} onClick={() => setTransition({ kind: 'publish', version: item })}>
                            {t('procedures.transition.publish')}
                          </Button>
                        )}
                        {canManage && item.status === 'published' && (
                          <Button size="compact-sm" variant="subtle" color="red" leftSection={<IconX size={14} aria-hidden />} aria-label={t('procedures.versions.withdrawNamed', { version: item.version })} onClick={() => setTransition({ kind: 'withdraw', version: item })}>
                            {t('procedures.transition.withdraw')}
                          </Button>
                        )}
                        {canManage && (
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <Button size="compact-sm" variant="subtle" color="gray" aria-label={t('procedures.versions.moreNamed', { version: item.version })}>
                                <IconDots size={16} aria-hidden />
                              </Button>
                            </Menu.Target>
                            <Menu.Dropdown>
                              <Menu.Item component={Link} to={officePaths.newProcedureVersion(data.id, item.version)} leftSection={<IconCopy size={14} aria-hidden />}>
                                {t('procedures.versions.newFrom', { version: item.version })}
                              </Menu.Item>
                            </Menu.Dropdown>
                          </Menu>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>

        <VersionCompare
          key={`${compareFrom}-${compareTo}`}
          procedureId={data.id}
          versions={data.versions.map((v) => v.version)}
          from={compareFrom}
          to={compareTo}
          onCompare={(from, to) => {
            const next = new URLSearchParams(params)
            next.set('from', String(from))
            next.set('to', String(to))
            setParams(next, { replace: true })
          }}
        />

        <ProcedureAgenciesCard procedure={data} canManage={canManage} defaultOnlineLevel={defaultOnlineLevel} onChanged={(updated) => procedure.setData(updated)} />

        <Card withBorder padding="md" component="section" aria-labelledby="version-content-heading">
          <Group justify="space-between" mb="md">
            <Title order={2} size="h4" id="version-content-heading">
              {shownNumber !== null ? t('procedures.content.title', { version: shownNumber }) : t('procedures.content.none')}
            </Title>
            {shown && <VersionStatusBadge status={shown.status} />}
          </Group>
          <ProblemAlert error={version.error} />
          {version.loading && !shown && <LoadingState />}
          {shown && <ProcedureDetails version={shown} agencies={data.agencies} headingOrder={3} />}
        </Card>
      </Stack>

      <TransitionModal
        procedureId={data.id}
        transition={transition}
        onClose={() => setTransition(null)}
        onDone={() => {
          if (transition) setNotice(t(transition.kind === 'publish' ? 'procedures.transition.published' : 'procedures.transition.withdrawn', { version: transition.version.version }))
          setTransition(null)
          procedure.reload()
          version.reload()
        }}
      />
    </>
  )
}
