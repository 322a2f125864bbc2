/**
 * Everything a citizen needs about one version of a procedure, in the order of the national
 * catalogue: general facts, receiving agencies, time limit (with the due-date calculator),
 * documents and steps per case (tabs when the procedure has variants), fees, conditions, legal
 * basis and where the facts come from. Facts the record does not publish read "Chưa công bố";
 * nothing is invented. Used by the portal page and by the workspace's version view.
 */
import { Alert, Anchor, Badge, Box, Card, Group, List, Stack, Table, Tabs, Text, Title } from '@mantine/core'
import { IconAlertTriangle, IconDownload, IconInfoCircle } from '@tabler/icons-react'
import { useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { FormTemplate, Procedure, ProcedureContent, ProcedureTimeLimit, ProcedureVersion, WorkflowStep } from '../../../../contracts/procedures.ts'
import { formatDate } from '../../format/dates.ts'
import { EMPTY_CELL } from '../../ui/TableStates.tsx'
import { DueDateWidget } from '../DueDateWidget.tsx'
import { OnlineLevelBadge, useLevelsText, useLimitText } from './ProcedureBits.tsx'
import { countableLimit, factKey, feeAmount, isMissing, isTemplated, safeHref, workflowHours, type FactKey } from './procedureText.ts'
import './procedure-print.css'

type Agency = Procedure['agencies'][number]
type RequiredDocument = ProcedureContent['documents'][number]

interface Case {
  key: string
  name: string
  documents: RequiredDocument[]
  timeLimit: ProcedureTimeLimit
  workflow: WorkflowStep[]
  /** Uploaded blank forms, by document index (the general case's documents only). */
  templates?: FormTemplate[]
}

export interface ProcedureDetailsProps {
  version: Pick<ProcedureVersion, 'content' | 'effectiveFrom' | 'version' | 'templates'>
  agencies: Agency[]
  /** Level of the section headings (2 under the portal page's h1). */
  headingOrder?: 2 | 3
  /** Show the due-date calculator for the selected case (portal). */
  withDueDate?: boolean
}

type HeadingOrder = 2 | 3 | 4 | 5

function Section({ id, title, order, children }: { id: string; title: string; order: HeadingOrder; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id} className="procedure-section">
      <Title order={order} size="h3" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  )
}

function NotPublished() {
  const { t } = useTranslation()
  return (
    <Text span c="dimmed" fs="italic">
      {t('catalogue.notPublished')}
    </Text>
  )
}

/** A text fact, or "Chưa công bố" when the record leaves it out. */
function Fact({ value }: { value: ReactNode }) {
  return value === null || value === undefined || value === '' ? <NotPublished /> : <>{value}</>
}

/** The limit in words; without a number and unit it is "Chưa công bố" (the note may say more). */
function TimeLimit({ limit }: { limit: ProcedureTimeLimit }) {
  const { t } = useTranslation()
  const limitText = useLimitText()
  const known = limit.value !== null && limit.unit !== null
  return (
    <Stack gap={4}>
      <Text fw={700} size="lg">
        {known ? limitText(limit) : <NotPublished />}
      </Text>
      {limit.cutoff && <Text size="sm">{t('dueDate.cutoff', { time: limit.cutoff })}</Text>}
      {limit.note && <Text size="sm">{limit.note}</Text>}
    </Stack>
  )
}

/** A file size for people: "850 B", "45 KB", "1,2 MB" in the page's language. */
function fileSize(bytes: number, language: string): string {
  const format = (value: number, digits: number) => new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)
  if (bytes < 1024) return `${format(bytes, 0)} B`
  if (bytes < 1024 * 1024) return `${format(bytes / 1024, 0)} KB`
  return `${format(bytes / 1024 / 1024, 1)} MB`
}

/** The download link of a blank form uploaded for a document (served by the API with its original name). */
function TemplateLink({ template, documentName }: { template: FormTemplate; documentName: string }) {
  const { t, i18n } = useTranslation()
  const size = fileSize(template.size, i18n.language)
  return (
    <Anchor href={template.url} download={template.fileName} size="sm" aria-label={t('templates.downloadNamed', { name: documentName, file: template.fileName, size })}>
      <Group gap={4} wrap="nowrap" component="span">
        <IconDownload size={14} aria-hidden />
        {t('templates.download')}
      </Group>
      <Text span size="xs" c="dimmed">
        {t('templates.fileInfo', { file: template.fileName, size })}
      </Text>
    </Anchor>
  )
}

function Documents({ documents, provenance, templates = [] }: { documents: RequiredDocument[]; provenance: ProcedureContent['provenance']; templates?: FormTemplate[] }) {
  const { t } = useTranslation()
  const missing = isMissing(provenance, 'documents')
  // A form or count the record does not publish reads "Chưa công bố"; one simply not given, a dash.
  const unknownForm = isMissing(provenance, 'documentsForm') ? <NotPublished /> : EMPTY_CELL
  const unknownCount = isMissing(provenance, 'documentsCount') ? <NotPublished /> : EMPTY_CELL
  if (documents.length === 0) return missing ? <NotPublished /> : <Text size="sm">{t('procedure.documents.none')}</Text>
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table withTableBorder withColumnBorders verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={48}>
              {t('procedure.documents.number')}
            </Table.Th>
            <Table.Th scope="col">{t('procedure.documents.name')}</Table.Th>
            <Table.Th scope="col" w={170}>
              {t('procedure.documents.form')}
            </Table.Th>
            <Table.Th scope="col" w={90}>
              {t('procedure.documents.count')}
            </Table.Th>
            <Table.Th scope="col" w={130}>
              {t('procedure.documents.template')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {documents.map((document, index) => {
            const href = safeHref(document.templateUrl)
            const uploaded = templates.find((template) => template.documentIndex === index)
            return (
              <Table.Tr key={`${index}:${document.name}`}>
                <Table.Td>{index + 1}</Table.Td>
                <Table.Td>{document.name}</Table.Td>
                <Table.Td>{document.form ? t(`procedure.documents.forms.${document.form}`) : unknownForm}</Table.Td>
                <Table.Td>{document.count ?? unknownCount}</Table.Td>
                <Table.Td>
                  {uploaded ? (
                    <TemplateLink template={uploaded} documentName={document.name} />
                  ) : href ? (
                    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm" aria-label={t('procedure.documents.downloadNamed', { name: document.name })}>
                      <Group gap={4} wrap="nowrap" component="span">
                        <IconDownload size={14} aria-hidden />
                        {t('procedure.documents.download')}
                      </Group>
                    </Anchor>
                  ) : (
                    EMPTY_CELL
                  )}
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function Workflow({ steps, missing, templated }: { steps: WorkflowStep[]; missing: boolean; templated: boolean }) {
  const { t } = useTranslation()
  const performer = (step: WorkflowStep) => {
    const role = step.role ? t(`procedure.roles.${step.role}`) : null
    const agency = step.agencyKind ? t(`procedure.agencyKinds.${step.agencyKind}`) : null
    if (role && agency) return t('procedure.workflow.roleAt', { role, agency })
    return role ?? agency ?? EMPTY_CELL
  }
  if (steps.length === 0) return missing || !templated ? <NotPublished /> : null
  return (
    <Stack gap="sm">
      {templated && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden />} title={t('procedure.workflow.templatedTitle')}>
          {t('procedure.workflow.templated')}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={560}>
        <Table withTableBorder withColumnBorders verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={60}>
                {t('procedure.workflow.step')}
              </Table.Th>
              <Table.Th scope="col">{t('procedure.workflow.name')}</Table.Th>
              <Table.Th scope="col" w={220}>
                {t('procedure.workflow.performer')}
              </Table.Th>
              <Table.Th scope="col" w={130}>
                {t('procedure.workflow.budget')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {steps.map((step, index) => (
              <Table.Tr key={`${index}:${step.name}`}>
                <Table.Td>{index + 1}</Table.Td>
                <Table.Td>
                  {step.name}
                  {step.interlinked && (
                    <Badge ml="xs" size="sm" variant="light" color="grape" className="print-plain">
                      {t('procedure.workflow.interlinked')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{performer(step)}</Table.Td>
                <Table.Td>{t('procedure.workflow.hours', { count: step.budgetHours })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" c="dimmed">
        {t('procedure.workflow.total', { count: workflowHours(steps) })}
      </Text>
    </Stack>
  )
}

type DueDateSlot = (item: Case, headingOrder: 3 | 4) => ReactNode

/** One case's limit, documents and steps; under tabs, its name is a heading for screen readers and print. */
function CaseBlock({ item, content, order, dueDate, caseTitle }: { item: Case; content: ProcedureContent; order: HeadingOrder; dueDate: DueDateSlot; caseTitle?: { order: HeadingOrder } }) {
  const { t } = useTranslation()
  const prov = content.provenance
  const id = `case-${item.key}`
  const calculator = dueDate(item, order === 2 ? 3 : 4)
  return (
    <Stack gap="md">
      {caseTitle && (
        <Title order={caseTitle.order} size="h3" className="print-only">
          {item.name}
        </Title>
      )}
      <Section id={`${id}-limit`} title={t('procedure.sections.timeLimit')} order={order}>
        <TimeLimit limit={item.timeLimit} />
        {calculator && (
          <Box mt="md" className="no-print">
            {calculator}
          </Box>
        )}
      </Section>
      <Section id={`${id}-documents`} title={t('procedure.sections.documents')} order={order}>
        {content.sets !== null ? (
          <Text size="sm" mb="sm">
            {t('procedure.setsLine', { count: content.sets })}
          </Text>
        ) : (
          isMissing(prov, 'sets') && (
            <Text size="sm" mb="sm">
              {t('procedure.setsUnknown')} <NotPublished />
            </Text>
          )
        )}
        <Documents documents={item.documents} provenance={prov} {...(item.templates ? { templates: item.templates } : {})} />
      </Section>
      <Section id={`${id}-workflow`} title={t('procedure.sections.workflow')} order={order}>
        <Workflow steps={item.workflow} missing={isMissing(prov, 'workflow')} templated={isTemplated(prov, 'workflow')} />
      </Section>
    </Stack>
  )
}

function Fees({ content }: { content: ProcedureContent }) {
  const { t } = useTranslation()
  if (content.fees.length === 0) return isMissing(content.provenance, 'fees') ? <NotPublished /> : <Text size="sm">{t('procedure.fees.none')}</Text>
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table withTableBorder withColumnBorders verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('procedure.fees.name')}</Table.Th>
            <Table.Th scope="col" w={150}>
              {t('procedure.fees.payer')}
            </Table.Th>
            <Table.Th scope="col" w={200}>
              {t('procedure.fees.amount')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {content.fees.map((fee, index) => {
            const amount = feeAmount(fee.amountVnd)
            return (
              <Table.Tr key={`${index}:${fee.name}`}>
                <Table.Td>
                  {fee.name}
                  {fee.note && (
                    <Text size="xs" c="dimmed">
                      {fee.note}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`procedure.fees.payers.${fee.payer}`)}</Table.Td>
                <Table.Td fw={600}>{amount.kind === 'amount' ? t('procedure.fees.vnd', { amount: amount.text }) : t(`procedure.fees.${amount.kind}`)}</Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function Agencies({ agencies }: { agencies: Agency[] }) {
  const { t } = useTranslation()
  if (agencies.length === 0) return <Text size="sm">{t('procedure.agencies.none')}</Text>
  const anyInactive = agencies.some((agency) => !agency.active)
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table withTableBorder verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('procedure.agencies.name')}</Table.Th>
            <Table.Th scope="col" w={180}>
              {t('procedure.agencies.localCode')}
            </Table.Th>
            <Table.Th scope="col" w={150}>
              {t('procedure.agencies.onlineLevel')}
            </Table.Th>
            {anyInactive && (
              <Table.Th scope="col" w={130}>
                {t('procedure.agencies.active')}
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agencies.map((agency) => (
            <Table.Tr key={agency.agencyId}>
              <Table.Td>{agency.agencyName ?? agency.agencyId}</Table.Td>
              <Table.Td ff="monospace">{agency.localCode ?? EMPTY_CELL}</Table.Td>
              <Table.Td>
                <OnlineLevelBadge level={agency.onlineLevel} size="sm" />
              </Table.Td>
              {anyInactive && <Table.Td>{agency.active ? t('procedure.agencies.yes') : t('procedure.agencies.no')}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

export function ProcedureDetails({ version, agencies, headingOrder = 2, withDueDate = false }: ProcedureDetailsProps) {
  const { t } = useTranslation()
  const levelsText = useLevelsText()
  const content = version.content
  const prov = content.provenance
  const missing = (key: FactKey) => isMissing(prov, key)
  const order = headingOrder
  const factLabel = (entry: string) => {
    const key = factKey(entry)
    return key ? t(`procedure.facts.${key}`) : entry
  }

  const general: Case = { key: 'general', name: t('procedure.generalCase'), documents: content.documents, timeLimit: content.timeLimit, workflow: content.workflow, ...(version.templates ? { templates: version.templates } : {}) }
  const cases: Case[] = [general, ...content.variants.map((variant) => ({ ...variant, key: `variant-${variant.key}` }))]
  const [activeCase, setActiveCase] = useState<string>('general')
  // The calculator follows the selected case; a single agency's office hours decide the due time.
  const activeAgencies = agencies.filter((agency) => agency.active)
  const agencyId = activeAgencies.length === 1 ? activeAgencies[0]?.agencyId : undefined
  const dueDateFor: DueDateSlot = (item, widgetOrder) => {
    const limit = withDueDate && item.key === activeCase ? countableLimit(item.timeLimit) : null
    if (!limit) return null
    return <DueDateWidget key={item.key} value={limit.value} unit={limit.unit} cutoff={limit.cutoff} agencyId={agencyId} headingOrder={widgetOrder} />
  }
  const sourceHref = safeHref(prov.source)
  const resultText = [content.result, content.resultKind ? t(`procedure.resultKinds.${content.resultKind}`) : null].filter(Boolean).join(' – ')

  return (
    <Stack gap="lg" className="procedure-details">
      {prov.confidence === 'S' && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('procedure.secondarySource.title')}>
          {t('procedure.secondarySource.body')}
        </Alert>
      )}

      <Section id="procedure-general" title={t('procedure.sections.general')} order={order}>
        <Table variant="vertical" layout="fixed" withTableBorder verticalSpacing="xs">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={{ base: 140, sm: 240 }}>{t('procedure.fields.nationalCode')}</Table.Th>
              <Table.Td ff="monospace">
                <Fact value={content.nationalCode} />
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('procedure.fields.field')}</Table.Th>
              <Table.Td>{content.field.code ? t('procedure.fieldWithCode', { name: content.field.name, code: content.field.code }) : content.field.name}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('procedure.fields.levels')}</Table.Th>
              <Table.Td>{levelsText(content.levels)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('procedure.fields.implementingAgency')}</Table.Th>
              <Table.Td>
                <Fact value={content.implementingAgency} />
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('procedure.fields.onlineLevel')}</Table.Th>
              <Table.Td>
                {missing('onlineLevel') ? (
                  <NotPublished />
                ) : (
                  <Group gap="xs">
                    <OnlineLevelBadge level={content.onlineLevel} />
                    <Text size="sm">{t(`catalogue.onlineLevelHints.${content.onlineLevel}`)}</Text>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('procedure.fields.returnByPost')}</Table.Th>
              <Table.Td>{content.returnByPost === null ? <NotPublished /> : t(content.returnByPost ? 'procedure.returnByPost.yes' : 'procedure.returnByPost.no')}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('procedure.fields.result')}</Table.Th>
              <Table.Td>
                <Fact value={resultText} />
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('procedure.fields.effectiveFrom')}</Table.Th>
              <Table.Td>{t('procedure.effectiveVersion', { date: formatDate(version.effectiveFrom), version: version.version })}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Section>

      <Section id="procedure-agencies" title={t('procedure.sections.agencies')} order={order}>
        <Agencies agencies={agencies} />
      </Section>

      {cases.length > 1 ? (
        <Box component="section" aria-labelledby="procedure-cases">
          <Title order={order} size="h3" id="procedure-cases" mb={4}>
            {t('procedure.sections.cases')}
          </Title>
          <Text size="sm" c="dimmed" mb="sm" className="no-print">
            {t('procedure.casesHint')}
          </Text>
          {/* display-none (not React Activity): the print stylesheet can then show every case */}
          <Tabs value={activeCase} onChange={(value) => value && setActiveCase(value)} keepMounted keepMountedMode="display-none" variant="outline">
            <Tabs.List className="no-print">
              {cases.map((item) => (
                <Tabs.Tab key={item.key} value={item.key}>
                  {item.name}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {cases.map((item) => (
              <Tabs.Panel key={item.key} value={item.key} pt="md" className="procedure-case-panel">
                <CaseBlock item={item} content={content} order={(order + 2) as HeadingOrder} dueDate={dueDateFor} caseTitle={{ order: (order + 1) as HeadingOrder }} />
              </Tabs.Panel>
            ))}
          </Tabs>
        </Box>
      ) : (
        <CaseBlock item={general} content={content} order={order} dueDate={dueDateFor} />
      )}

      <Section id="procedure-fees" title={t('procedure.sections.fees')} order={order}>
        <Fees content={content} />
      </Section>

      <Section id="procedure-conditions" title={t('procedure.sections.conditions')} order={order}>
        {content.conditions ? <Text style={{ whiteSpace: 'pre-line' }}>{content.conditions}</Text> : <NotPublished />}
      </Section>

      <Section id="procedure-legal-basis" title={t('procedure.sections.legalBasis')} order={order}>
        {content.legalBasis.length === 0 ? (
          <NotPublished />
        ) : (
          <List spacing={4}>
            {content.legalBasis.map((item) => (
              <List.Item key={item}>{item}</List.Item>
            ))}
          </List>
        )}
      </Section>

      <Section id="procedure-provenance" title={t('procedure.sections.provenance')} order={order}>
        <Stack gap="xs">
          <Text size="sm">
            <Text span fw={600}>
              {t('procedure.provenance.confidence')}:{' '}
            </Text>
            {prov.confidence ? t(`procedure.provenance.confidences.${prov.confidence}`) : t('catalogue.notPublished')}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Text span fw={600}>
              {t('procedure.provenance.source')}:{' '}
            </Text>
            {sourceHref ? (
              <Anchor href={sourceHref} target="_blank" rel="noopener noreferrer" size="sm">
                {prov.source}
              </Anchor>
            ) : (
              (prov.source ?? t('catalogue.notPublished'))
            )}
          </Text>
          {prov.missing.length > 0 && (
            <Text size="sm">
              <Text span fw={600}>
                {t('procedure.provenance.missing')}:{' '}
              </Text>
              {prov.missing.map(factLabel).join(', ')}
            </Text>
          )}
          {prov.templated.length > 0 && (
            <Text size="sm">
              <Text span fw={600}>
                {t('procedure.provenance.templated')}:{' '}
              </Text>
              {prov.templated.map(factLabel).join(', ')}
            </Text>
          )}
        </Stack>
      </Section>
    </Stack>
  )
}
