/** Table helpers: a row spanning all columns for "nothing found", and the empty-cell mark. */
import { Table, Text } from '@mantine/core'

export const EMPTY_CELL = '–'

export function EmptyTableRow({ colSpan, message }: { colSpan: number; message: string }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text c="dimmed" size="sm" ta="center" py="md">
          {message}
        </Text>
      </Table.Td>
    </Table.Tr>
  )
}
