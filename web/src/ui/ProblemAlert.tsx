/** Shows a failed request: the server's localised problem title/detail, or a generic message. */
import { Alert, List, Text } from '@mantine/core'
import { IconAlertCircle } from '@tabler/icons-react'
import { useTranslation } from 'react-i18next'
import { ApiError, CLIENT_ERROR_CODES } from '../api/client.ts'

interface ProblemAlertProps {
  error: unknown
  /** Hide the per-field list (when the form already shows the messages next to the inputs). */
  withoutFieldErrors?: boolean
}

export function ProblemAlert({ error, withoutFieldErrors = false }: ProblemAlertProps) {
  const { t } = useTranslation()
  if (!error) return null

  const problem = error instanceof ApiError ? error.problem : null
  const title = problem
    ? problem.title
    : error instanceof ApiError && error.code === CLIENT_ERROR_CODES.network
      ? t('errors.network')
      : t('errors.unexpected')
  const retryMinutes = problem?.retryAfterSeconds ? Math.max(1, Math.ceil(problem.retryAfterSeconds / 60)) : null

  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertCircle aria-hidden />} role="alert">
      {problem?.detail && <Text size="sm">{problem.detail}</Text>}
      {retryMinutes !== null && <Text size="sm">{t('errors.retryAfter', { count: retryMinutes })}</Text>}
      {!withoutFieldErrors && problem?.errors && problem.errors.length > 0 && (
        <List size="sm" mt="xs">
          {problem.errors.map((fieldError) => (
            <List.Item key={`${fieldError.field}:${fieldError.message}`}>
              <Text span ff="monospace" size="sm">
                {fieldError.field}
              </Text>
              : {fieldError.message}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  )
}
