/**
 * The procedure editor: general facts, time limit, documents, fees and workflow steps as rows,
 * conditions/result/legal basis, the variants as JSON, and provenance. Problems are shown next to
 * their inputs, both the form's own checks (procedureForm.ts) and the server's field pointers;
 * the steps' hours are summed against the limit as the official types.
 */
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Fieldset,
  Group,
  JsonInput,
  MultiSelect,
  NativeSelect,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  VisuallyHidden,
} from '@mantine/core'
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react'
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProcedureContent } from '../../../../contracts/procedures.ts'
import { isApiError } from '../../api/client.ts'
import { publicProceduresApi } from '../../api/procedures.ts'
import { LIMIT_UNITS, isLimitUnit } from '../../portal/dueDate.ts'
import { CONFIDENCES, DOCUMENT_FORMS, FACT_ENTRY, FACT_KEYS, factKey, LEVELS, ONLINE_LEVELS, PAYERS, RESULT_KINDS, isLevel, isOnlineLevel, type Confidence, type DocumentForm, type Payer, type ResultKind } from '../../portal/procedures/procedureText.ts'
import { DateField } from '../../ui/DateField.tsx'
import { ProblemAlert } from '../../ui/ProblemAlert.tsx'
import { useResource } from '../../ui/useResource.ts'
import { AGENCY_KINDS, ROLES, type AgencyKind, type RoleName } from '../catalog.ts'
import {
  budgetCheck,
  contentFromForm,
  emptyDocument,
  emptyFee,
  emptyStep,
  moveRow,
  parseNumber,
  serverIssueTargets,
  type DocumentRow,
  type FeeAmountKind,
  type FeeRow,
  type FormIssue,
  type ProcedureFormState,
  type StepRow,
  type TriState,
} from './procedureForm.ts'

const FEE_KINDS: readonly FeeAmountKind[] = ['free', 'amount', 'council']

export interface ProcedureFormProps {
  initial: ProcedureFormState
  /** The national code cannot change between versions. */
  codeLocked: boolean
  submitLabel: string
  pending: boolean
  error: unknown
  onSubmit: (content: ProcedureContent, effectiveFrom: string) => void
  onCancel: () => void
}

function oneOf<T extends string>(list: readonly T[], value: string): T | undefined {
  return (list as readonly string[]).includes(value) ? (value as T) : undefined
}

export function ProcedureForm({ initial, codeLocked, submitLabel, pending, error, onSubmit, onCancel }: ProcedureFormProps) {
  const { t } = useTranslation('office')
  const { t: tc } = useTranslation()
  const formRef = useRef<HTMLFormElement>(null)
  const [form, setForm] = useState<ProcedureFormState>(initial)
  const [attempted, setAttempted] = useState(false)
  const fields = useResource((signal) => publicProceduresApi.fields(signal), [])

  const set = <K extends keyof ProcedureFormState>(key: K, value: ProcedureFormState[K]) => setForm((current) => ({ ...current, [key]: value }))
  const checked = useMemo(() => contentFromForm(form), [form])
  const ownIssues: Record<string, FormIssue> = attempted && !checked.ok ? checked.issues : {}
  const server = isApiError(error) && error.problem?.errors ? serverIssueTargets(error.problem.errors, form) : { fields: {} as Record<string, string>, other: [] }
  // 409 procedure.code_taken points at the code with the code itself as its message: say what is wrong instead.
  if (isApiError(error, 'procedure.code_taken') && error.problem) server.fields.nationalCode = error.problem.title
  const issue = (id: string): string | undefined => {
    const own = ownIssues[id]
    return server.fields[id] ?? (own ? t(`procedures.form.issues.${own}`) : undefined)
  }
  const cell = (column: string, number: number) => t('procedures.form.cellOf', { column, number })

  const limitValue = parseNumber(form.limitValue)
  const budget = budgetCheck(
    { value: limitValue !== null && !Number.isNaN(limitValue) ? limitValue : null, unit: isLimitUnit(form.limitUnit) ? form.limitUnit : null },
    form.workflow.map((row) => {
      const hours = parseNumber(row.budgetHours)
      return { budgetHours: hours !== null && !Number.isNaN(hours) ? hours : 0 }
    }),
  )

  const fieldNames = useMemo(() => (fields.data ?? []).map((field) => field.name), [fields.data])
  // Options use the records' own spelling (`documents.form`); entries written otherwise are kept as they are.
  const factOptions = useMemo(() => {
    const known = FACT_KEYS.map((key) => ({ value: FACT_ENTRY[key], label: tc(`procedure.facts.${key}`) }))
    const values = new Set(known.map((item) => item.value))
    const extra = [...new Set([...form.missing, ...form.templated])]
      .filter((entry) => !values.has(entry))
      .map((entry) => {
        const key = factKey(entry)
        return { value: entry, label: key ? `${tc(`procedure.facts.${key}`)} (${entry})` : entry }
      })
    return [...known, ...extra]
  }, [form.missing, form.templated, tc])

  const updateRow = <K extends 'documents' | 'fees' | 'workflow'>(key: K, id: string, patch: Partial<ProcedureFormState[K][number]>) =>
    setForm((current) => ({ ...current, [key]: (current[key] as { id: string }[]).map((row) => (row.id === id ? { ...row, ...patch } : row)) }))
  const removeRow = (key: 'documents' | 'fees' | 'workflow', id: string) => setForm((current) => ({ ...current, [key]: (current[key] as { id: string }[]).filter((row) => row.id !== id) }))

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setAttempted(true)
    if (!checked.ok) {
      window.setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-form-issue]')?.focus(), 0)
      return
    }
    onSubmit(checked.content, checked.effectiveFrom)
  }

  const rowTable = (minWidth: number, head: ReactNode, body: ReactNode, empty: boolean, emptyText: string) => (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing={4} withRowBorders={false}>
        <Table.Thead>{head}</Table.Thead>
        <Table.Tbody>
          {empty ? (
            <Table.Tr>
              <Table.Td colSpan={20}>
                <Text size="sm" c="dimmed">
                  {emptyText}
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            body
          )}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )

  const documentRow = (row: DocumentRow, index: number) => {
    const n = index + 1
    return (
      <Table.Tr key={row.id}>
        <Table.Td w={32}>{n}</Table.Td>
        <Table.Td>
          <TextInput aria-label={cell(t('procedures.form.documents.name'), n)} maxLength={1000} value={row.name} error={issue(`documents.${row.id}.name`)} onChange={(event) => updateRow('documents', row.id, { name: event.currentTarget.value })} />
        </Table.Td>
        <Table.Td w={190}>
          <NativeSelect
            aria-label={cell(t('procedures.form.documents.form'), n)}
            data={[{ value: '', label: t('procedures.form.unspecified') }, ...DOCUMENT_FORMS.map((value) => ({ value, label: tc(`procedure.documents.forms.${value}`) }))]}
            value={row.form}
            onChange={(event) => updateRow('documents', row.id, { form: oneOf<DocumentForm>(DOCUMENT_FORMS, event.currentTarget.value) ?? '' })}
          />
        </Table.Td>
        <Table.Td w={90}>
          <TextInput aria-label={cell(t('procedures.form.documents.count'), n)} inputMode="numeric" value={row.count} error={issue(`documents.${row.id}.count`)} onChange={(event) => updateRow('documents', row.id, { count: event.currentTarget.value })} />
        </Table.Td>
        <Table.Td w={260}>
          <TextInput aria-label={cell(t('procedures.form.documents.templateUrl'), n)} placeholder="https://…" maxLength={500} value={row.templateUrl} error={issue(`documents.${row.id}.templateUrl`)} onChange={(event) => updateRow('documents', row.id, { templateUrl: event.currentTarget.value })} />
        </Table.Td>
        <Table.Td w={40}>
          <ActionIcon variant="subtle" color="red" aria-label={t('procedures.form.removeRow', { number: n })} onClick={() => removeRow('documents', row.id)}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Table.Td>
      </Table.Tr>
    )
  }

  const feeRow = (row: FeeRow, index: number) => {
    const n = index + 1
    return (
      <Table.Tr key={row.id}>
        <Table.Td>
          <TextInput aria-label={cell(t('procedures.form.fees.name'), n)} maxLength={300} value={row.name} error={issue(`fees.${row.id}.name`)} onChange={(event) => updateRow('fees', row.id, { name: event.currentTarget.value })} />
        </Table.Td>
        <Table.Td w={160}>
          <NativeSelect
            aria-label={cell(t('procedures.form.fees.payer'), n)}
            data={PAYERS.map((value) => ({ value, label: tc(`procedure.fees.payers.${value}`) }))}
            value={row.payer}
            onChange={(event) => updateRow('fees', row.id, { payer: oneOf<Payer>(PAYERS, event.currentTarget.value) ?? 'any' })}
          />
        </Table.Td>
        <Table.Td w={220}>
          <NativeSelect
            aria-label={cell(t('procedures.form.fees.kind'), n)}
            data={FEE_KINDS.map((value) => ({ value, label: t(`procedures.form.fees.kinds.${value}`) }))}
            value={row.amountKind}
            onChange={(event) => updateRow('fees', row.id, { amountKind: oneOf(FEE_KINDS, event.currentTarget.value) ?? 'free' })}
          />
        </Table.Td>
        <Table.Td w={150}>
          <TextInput
            aria-label={cell(t('procedures.form.fees.amount'), n)}
            inputMode="numeric"
            disabled={row.amountKind !== 'amount'}
            value={row.amountKind === 'amount' ? row.amount : ''}
            rightSection={<Text size="xs">₫</Text>}
            error={issue(`fees.${row.id}.amount`)}
            onChange={(event) => updateRow('fees', row.id, { amount: event.currentTarget.value })}
          />
        </Table.Td>
        <Table.Td w={220}>
          <TextInput aria-label={cell(t('procedures.form.fees.note'), n)} maxLength={2000} value={row.note} onChange={(event) => updateRow('fees', row.id, { note: event.currentTarget.value })} />
        </Table.Td>
        <Table.Td w={40}>
          <ActionIcon variant="subtle" color="red" aria-label={t('procedures.form.removeRow', { number: n })} onClick={() => removeRow('fees', row.id)}>
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Table.Td>
      </Table.Tr>
    )
  }

  const stepRow = (row: StepRow, index: number) => {
    const n = index + 1
    return (
      <Table.Tr key={row.id}>
        <Table.Td w={32}>{n}</Table.Td>
        <Table.Td>
          <TextInput aria-label={cell(t('procedures.form.workflow.name'), n)} maxLength={300} value={row.name} error={issue(`workflow.${row.id}.name`)} onChange={(event) => updateRow('workflow', row.id, { name: event.currentTarget.value })} />
        </Table.Td>
        <Table.Td w={190}>
          <NativeSelect
            aria-label={cell(t('procedures.form.workflow.role'), n)}
            data={[{ value: '', label: t('procedures.form.unspecified') }, ...ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))]}
            value={row.role}
            onChange={(event) => updateRow('workflow', row.id, { role: oneOf<RoleName>(ROLES, event.currentTarget.value) ?? '' })}
          />
        </Table.Td>
        <Table.Td w={210}>
          <NativeSelect
            aria-label={cell(t('procedures.form.workflow.agencyKind'), n)}
            data={[{ value: '', label: t('procedures.form.workflow.ownAgency') }, ...AGENCY_KINDS.map((value) => ({ value, label: t(`agencyKinds.${value}`) }))]}
            value={row.agencyKind}
            onChange={(event) => updateRow('workflow', row.id, { agencyKind: oneOf<AgencyKind>(AGENCY_KINDS, event.currentTarget.value) ?? '' })}
          />
        </Table.Td>
        <Table.Td w={100}>
          <TextInput aria-label={cell(t('procedures.form.workflow.hours'), n)} inputMode="decimal" value={row.budgetHours} error={issue(`workflow.${row.id}.budgetHours`)} onChange={(event) => updateRow('workflow', row.id, { budgetHours: event.currentTarget.value })} />
        </Table.Td>
        <Table.Td w={90}>
          <Checkbox aria-label={cell(t('procedures.form.workflow.interlinked'), n)} checked={row.interlinked} onChange={(event) => updateRow('workflow', row.id, { interlinked: event.currentTarget.checked })} />
        </Table.Td>
        <Table.Td w={110}>
          <Group gap={2} wrap="nowrap">
            <ActionIcon variant="subtle" aria-label={t('procedures.form.moveUp', { number: n })} disabled={index === 0} onClick={() => set('workflow', moveRow(form.workflow, index, -1))}>
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="subtle" aria-label={t('procedures.form.moveDown', { number: n })} disabled={index === form.workflow.length - 1} onClick={() => set('workflow', moveRow(form.workflow, index, 1))}>
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon variant="subtle" color="red" aria-label={t('procedures.form.removeRow', { number: n })} onClick={() => removeRow('workflow', row.id)}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </Table.Td>
      </Table.Tr>
    )
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Fieldset legend={t('procedures.form.sections.general')}>
          <Stack gap="sm">
            <Textarea label={t('procedures.fields.name')} required autosize minRows={1} maxLength={500} value={form.name} error={issue('name')} onChange={(event) => set('name', event.currentTarget.value)} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('procedures.fields.nationalCode')}
                description={codeLocked ? t('procedures.form.codeLocked') : t('procedures.form.codeHint')}
                disabled={codeLocked}
                maxLength={41}
                value={form.nationalCode}
                error={issue('nationalCode')}
                onChange={(event) => set('nationalCode', event.currentTarget.value)}
              />
              <DateField
                label={t('procedures.form.effectiveFrom')}
                required
                value={form.effectiveFrom}
                error={issue('effectiveFrom')}
                onChange={(value) => set('effectiveFrom', value)}
              />
              <Autocomplete
                label={t('procedures.fields.field')}
                required
                data={fieldNames}
                maxLength={200}
                value={form.fieldName}
                error={issue('fieldName')}
                onChange={(value) => {
                  const known = fields.data?.find((field) => field.name === value)
                  setForm((current) => ({ ...current, fieldName: value, fieldCode: known?.code && !current.fieldCode ? known.code : current.fieldCode }))
                }}
              />
              <TextInput label={t('procedures.form.fieldCode')} maxLength={30} value={form.fieldCode} error={issue('fieldCode')} onChange={(event) => set('fieldCode', event.currentTarget.value)} />
            </SimpleGrid>
            <Checkbox.Group label={t('procedures.fields.levels')} withAsterisk value={form.levels} error={issue('levels')} onChange={(values) => set('levels', values.filter(isLevel))}>
              <Group mt={6}>
                {LEVELS.map((level) => (
                  <Checkbox key={level} value={level} label={tc(`catalogue.levels.${level}`)} />
                ))}
              </Group>
            </Checkbox.Group>
            <TextInput label={t('procedures.form.implementingAgency')} description={t('procedures.form.implementingAgencyHint')} maxLength={500} value={form.implementingAgency} onChange={(event) => set('implementingAgency', event.currentTarget.value)} />
            <Radio.Group label={t('procedures.fields.onlineLevel')} withAsterisk value={form.onlineLevel} error={issue('onlineLevel')} onChange={(value) => isOnlineLevel(value) && set('onlineLevel', value)}>
              <Stack gap={6} mt={6}>
                {ONLINE_LEVELS.map((level) => (
                  <Radio key={level} value={level} label={tc(`catalogue.onlineLevels.${level}`)} description={tc(`catalogue.onlineLevelHints.${level}`)} />
                ))}
              </Stack>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <NativeSelect
                label={t('procedures.form.returnByPost')}
                data={[
                  { value: '', label: tc('catalogue.notPublished') },
                  { value: 'yes', label: tc('procedure.returnByPost.yes') },
                  { value: 'no', label: tc('procedure.returnByPost.no') },
                ]}
                value={form.returnByPost}
                onChange={(event) => set('returnByPost', (['', 'yes', 'no'] as const).find((value) => value === event.currentTarget.value) ?? ('' as TriState))}
              />
              <TextInput label={t('procedures.form.sets')} inputMode="numeric" value={form.sets} error={issue('sets')} onChange={(event) => set('sets', event.currentTarget.value)} />
            </SimpleGrid>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('procedures.form.sections.timeLimit')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput label={t('procedures.form.limitValue')} description={t('procedures.form.limitValueHint')} inputMode="decimal" value={form.limitValue} error={issue('limitValue')} onChange={(event) => set('limitValue', event.currentTarget.value)} />
              <NativeSelect
                label={t('procedures.form.limitUnit')}
                data={[{ value: '', label: t('procedures.form.unspecified') }, ...LIMIT_UNITS.map((value) => ({ value, label: tc(`dueDate.units.${value}`) }))]}
                value={form.limitUnit}
                error={issue('limitUnit')}
                onChange={(event) => set('limitUnit', isLimitUnit(event.currentTarget.value) ? event.currentTarget.value : '')}
              />
              <TextInput label={t('procedures.form.cutoff')} description={t('procedures.form.cutoffHint')} placeholder="15:00" maxLength={5} value={form.cutoff} error={issue('cutoff')} onChange={(event) => set('cutoff', event.currentTarget.value)} />
            </SimpleGrid>
            <Textarea label={t('procedures.form.limitNote')} autosize minRows={1} maxLength={2000} value={form.limitNote} error={issue('limitNote')} onChange={(event) => set('limitNote', event.currentTarget.value)} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('procedures.form.sections.documents')}>
          {rowTable(
            820,
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('procedures.form.documents.name')}</Table.Th>
              <Table.Th>{t('procedures.form.documents.form')}</Table.Th>
              <Table.Th>{t('procedures.form.documents.count')}</Table.Th>
              <Table.Th>{t('procedures.form.documents.templateUrl')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>,
            form.documents.map(documentRow),
            form.documents.length === 0,
            t('procedures.form.documents.empty'),
          )}
          <Button mt="sm" variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => set('documents', [...form.documents, emptyDocument()])}>
            {t('procedures.form.documents.add')}
          </Button>
        </Fieldset>

        <Fieldset legend={t('procedures.form.sections.fees')}>
          {rowTable(
            860,
            <Table.Tr>
              <Table.Th>{t('procedures.form.fees.name')}</Table.Th>
              <Table.Th>{t('procedures.form.fees.payer')}</Table.Th>
              <Table.Th>{t('procedures.form.fees.kind')}</Table.Th>
              <Table.Th>{t('procedures.form.fees.amount')}</Table.Th>
              <Table.Th>{t('procedures.form.fees.note')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>,
            form.fees.map(feeRow),
            form.fees.length === 0,
            t('procedures.form.fees.empty'),
          )}
          <Button mt="sm" variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => set('fees', [...form.fees, emptyFee()])}>
            {t('procedures.form.fees.add')}
          </Button>
        </Fieldset>

        <Fieldset legend={t('procedures.form.sections.workflow')}>
          {rowTable(
            900,
            <Table.Tr>
              <Table.Th>#</Table.Th>
              <Table.Th>{t('procedures.form.workflow.name')}</Table.Th>
              <Table.Th>{t('procedures.form.workflow.role')}</Table.Th>
              <Table.Th>{t('procedures.form.workflow.agencyKind')}</Table.Th>
              <Table.Th>{t('procedures.form.workflow.hours')}</Table.Th>
              <Table.Th>{t('procedures.form.workflow.interlinked')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>,
            form.workflow.map(stepRow),
            form.workflow.length === 0,
            t('procedures.form.workflow.empty'),
          )}
          <Group justify="space-between" mt="sm" align="flex-start">
            <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => set('workflow', [...form.workflow, emptyStep()])}>
              {t('procedures.form.workflow.add')}
            </Button>
            <Stack gap={2} align="flex-end">
              <Text size="sm" c={budget.over ? 'red.9' : 'dimmed'} fw={budget.over ? 700 : undefined} aria-live="polite" id="workflow-budget">
                {budget.limit === null ? t('procedures.form.workflow.totalNoLimit', { total: budget.total }) : t('procedures.form.workflow.total', { total: budget.total, limit: budget.limit })}
              </Text>
              {issue('workflow') && (
                <Text size="sm" c="red.9" role="alert" tabIndex={-1} data-form-issue>
                  {issue('workflow')}
                </Text>
              )}
            </Stack>
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {t('procedures.form.workflow.hint')}
          </Text>
        </Fieldset>

        <Fieldset legend={t('procedures.form.sections.other')}>
          <Stack gap="sm">
            <Textarea label={t('procedures.form.conditions')} autosize minRows={2} maxLength={5000} value={form.conditions} onChange={(event) => set('conditions', event.currentTarget.value)} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('procedures.form.result')} maxLength={1000} value={form.result} onChange={(event) => set('result', event.currentTarget.value)} />
              <NativeSelect
                label={t('procedures.form.resultKind')}
                data={[{ value: '', label: t('procedures.form.unspecified') }, ...RESULT_KINDS.map((value) => ({ value, label: tc(`procedure.resultKinds.${value}`) }))]}
                value={form.resultKind}
                onChange={(event) => set('resultKind', oneOf<ResultKind>(RESULT_KINDS, event.currentTarget.value) ?? '')}
              />
            </SimpleGrid>
            <Textarea label={t('procedures.form.legalBasis')} description={t('procedures.form.legalBasisHint')} autosize minRows={3} value={form.legalBasis} error={issue('legalBasis')} onChange={(event) => set('legalBasis', event.currentTarget.value)} />
          </Stack>
        </Fieldset>

        <Fieldset legend={t('procedures.form.sections.variants')}>
          <JsonInput
            label={t('procedures.form.variants')}
            description={t('procedures.form.variantsHint')}
            autosize
            minRows={3}
            maxRows={20}
            formatOnBlur
            value={form.variantsJson}
            error={issue('variantsJson')}
            onChange={(value) => set('variantsJson', value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
        </Fieldset>

        <Fieldset legend={t('procedures.form.sections.provenance')}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect
                label={t('procedures.form.confidence')}
                data={[{ value: '', label: t('procedures.form.unspecified') }, ...CONFIDENCES.map((value) => ({ value, label: `${value} – ${tc(`procedure.provenance.confidences.${value}`)}` }))]}
                value={form.confidence}
                onChange={(event) => set('confidence', oneOf<Confidence>(CONFIDENCES, event.currentTarget.value) ?? '')}
              />
              <TextInput label={t('procedures.form.source')} maxLength={1000} value={form.source} onChange={(event) => set('source', event.currentTarget.value)} />
            </SimpleGrid>
            <MultiSelect label={t('procedures.form.missing')} description={t('procedures.form.missingHint')} data={factOptions} value={form.missing} searchable clearable onChange={(values) => set('missing', values)} />
            <MultiSelect label={t('procedures.form.templated')} description={t('procedures.form.templatedHint')} data={factOptions} value={form.templated} searchable clearable onChange={(values) => set('templated', values)} />
          </Stack>
        </Fieldset>

        {attempted && !checked.ok && (
          <Alert color="red" variant="light" role="alert">
            {t('procedures.form.hasIssues', { count: Object.keys(checked.issues).length })}
          </Alert>
        )}
        <ProblemAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
