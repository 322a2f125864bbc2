/** A Mantine Select one can type into to narrow its options, saying so when nothing matches. */
import { Select, type SelectProps } from '@mantine/core'
import { useTranslation } from 'react-i18next'

export function SearchableSelect(props: SelectProps) {
  const { t } = useTranslation()
  return <Select searchable nothingFoundMessage={t('list.nothingFound')} {...props} />
}
