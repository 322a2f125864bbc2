/** Identity codes (QCVN 102:2016) an agency has held, newest first. */
import { Table, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { AgencyDetail } from '../../../../contracts/org.ts'
import { EMPTY_CELL, EmptyTableRow } from '../../ui/TableStates.tsx'
import { ValidityPeriod } from '../../ui/ValidityPeriod.tsx'

export function IdentityCodeHistory({ codes }: { codes: AgencyDetail['identityCodes'] }) {
  const { t } = useTranslation('office')
  const sorted = [...codes].sort((a, b) => b.validFrom.localeCompare(a.validFrom))
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('identityCodes.code')}</Table.Th>
            <Table.Th scope="col">{t('common.validity')}</Table.Th>
            <Table.Th scope="col">{t('fields.legalBasis')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sorted.length === 0 && <EmptyTableRow colSpan={3} message={t('identityCodes.empty')} />}
          {sorted.map((code) => (
            <Table.Tr key={`${code.code}:${code.validFrom}`}>
              <Table.Td ff="monospace">{code.code}</Table.Td>
              <Table.Td>
                <ValidityPeriod validFrom={code.validFrom} validTo={code.validTo} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{code.legalBasis ?? EMPTY_CELL}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
