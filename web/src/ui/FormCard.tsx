/**
 * The frame of a workspace form: a titled section, the refusal of the last submit (its field
 * messages stand beside the inputs, see formErrors.ts), the inputs, then submit and cancel.
 */
import { Button, Group, Paper, Stack, Title } from '@mantine/core'
import type { FormEventHandler, ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ProblemAlert } from './ProblemAlert.tsx'

interface FormCardProps {
  /** Id of the heading, which names the section. */
  id?: string
  /** Without a title the card is a plain frame (the page's h1 names the form). */
  title?: string
  onSubmit: FormEventHandler<HTMLFormElement>
  error: unknown
  pending: boolean
  submitLabel: string
  /** False while there is nothing to save (an edit without changes). */
  canSubmit?: boolean
  onCancel?: () => void
  cancelLabel?: string
  maw?: number
  children: ReactNode
}

export function FormCard({ id, title, onSubmit, error, pending, submitLabel, canSubmit = true, onCancel, cancelLabel, maw = 720, children }: FormCardProps) {
  const { t } = useTranslation()
  return (
    <Paper withBorder p="md" {...(title ? { component: 'section', 'aria-labelledby': id } : {})}>
      {title && (
        <Title order={2} size="h4" id={id} mb="sm">
          {title}
        </Title>
      )}
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={maw}>
          <ProblemAlert error={error} withoutFieldErrors />
          {children}
          <Group>
            <Button type="submit" loading={pending} disabled={!canSubmit}>
              {submitLabel}
            </Button>
            {onCancel && (
              <Button variant="default" onClick={onCancel}>
                {cancelLabel ?? t('list.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}
