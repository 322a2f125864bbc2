/**
 * Pickers of an agency or an administrative unit (searchable, by name, with code and validity),
 * used by list filters and forms alike. `data` defaults to every record of the directory.
 */
import type { SelectProps } from '@mantine/core'
import { SearchableSelect } from '../../ui/SearchableSelect.tsx'
import { useAgencyDirectory, useAgencyOptions, useUnitDirectory, useUnitOptions } from './directories.ts'

type OrgSelectProps = Omit<SelectProps, 'data'> & { data?: SelectProps['data'] }

export function AgencySelect({ data, disabled, ...props }: OrgSelectProps) {
  const options = useAgencyOptions()
  const { loading } = useAgencyDirectory()
  return <SearchableSelect data={data ?? options} disabled={disabled || loading} {...props} />
}

export function UnitSelect({ data, disabled, ...props }: OrgSelectProps) {
  const options = useUnitOptions()
  const { loading } = useUnitDirectory()
  return <SearchableSelect data={data ?? options} disabled={disabled || loading} {...props} />
}
