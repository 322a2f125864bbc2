/**
 * The catalogue's filter inputs shared by the portal's catalogue and the workspace's procedure
 * list: field (with the number of procedures in force), level and online level. Each is bound
 * to a string value ('' = all) and reports the new value.
 */
import { NativeSelect, type NativeSelectProps } from '@mantine/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useEndpointQuery } from '../../api/hooks.ts'
import { routes } from '../../api/routes.ts'
import { LEVELS, ONLINE_LEVELS } from './procedureText.ts'

type FilterProps = Omit<NativeSelectProps, 'data' | 'value' | 'onChange' | 'label'> & { value: string | undefined; onChange: (value: string) => void }

function Filter({ label, all, options, value, onChange, ...rest }: FilterProps & { label: string; all: string; options: Array<{ value: string; label: string }> }) {
  return <NativeSelect label={label} data={[{ value: '', label: all }, ...options]} value={value ?? ''} onChange={(event) => onChange(event.currentTarget.value)} {...rest} />
}

/** Fields of the procedures in force, with how many each ("Hộ tịch (12)"). */
export function useFieldOptions(): Array<{ value: string; label: string }> {
  const { t } = useTranslation()
  const fields = useEndpointQuery(routes.procedureFields)
  return useMemo(() => (fields.data ?? []).map((item) => ({ value: item.name, label: t('catalogue.filters.fieldOption', { name: item.name, count: item.count }) })), [fields.data, t])
}

export function FieldFilter(props: FilterProps) {
  const { t } = useTranslation()
  return <Filter label={t('catalogue.filters.field')} all={t('catalogue.filters.allFields')} options={useFieldOptions()} {...props} />
}

export function LevelFilter(props: FilterProps) {
  const { t } = useTranslation()
  return <Filter label={t('catalogue.filters.level')} all={t('catalogue.filters.allLevels')} options={LEVELS.map((value) => ({ value, label: t(`catalogue.levels.${value}`) }))} {...props} />
}

export function OnlineLevelFilter(props: FilterProps) {
  const { t } = useTranslation()
  return <Filter label={t('catalogue.filters.onlineLevel')} all={t('catalogue.filters.allOnlineLevels')} options={ONLINE_LEVELS.map((value) => ({ value, label: t(`catalogue.onlineLevels.${value}`) }))} {...props} />
}

/** Agencies implementing procedures in force, with how many each (the portal's agency filter). */
export function ProcedureAgencyFilter(props: FilterProps) {
  const { t } = useTranslation()
  const agencies = useEndpointQuery(routes.procedureAgencies)
  const options = (agencies.data ?? []).map((item) => ({ value: item.id, label: t('catalogue.filters.fieldOption', { name: item.name, count: item.count }) }))
  return <Filter label={t('catalogue.filters.agency')} all={t('catalogue.filters.allAgencies')} options={options} {...props} />
}
