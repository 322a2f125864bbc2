/** Pretty-printed JSON (e.g. the changes recorded in an audit entry). */
import { Code } from '@mantine/core'

export function JsonBlock({ value, label }: { value: unknown; label?: string }) {
  return (
    <Code block aria-label={label} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
      {JSON.stringify(value, null, 2) ?? 'null'}
    </Code>
  )
}
