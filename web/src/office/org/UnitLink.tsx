/** Links to administrative units by id, named from the unit directory. */
import { Anchor, Group, Text } from '@mantine/core'
import { EMPTY_CELL } from '../../ui/TableStates.tsx'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { officePaths } from '../paths.ts'
import type { DirectoryView } from './directories.ts'
import type { Unit } from '../../../../contracts/org.ts'

export function UnitLink({ id, directory }: { id: string; directory: DirectoryView<Unit> }) {
  const { t } = useTranslation('office')
  const unit = directory.byId.get(id)
  return (
    <Anchor component={Link} to={officePaths.unit(id)} size="sm">
      {unit ? unit.name : t('units.unknownUnit')}
    </Anchor>
  )
}

export function UnitLinks({ ids, directory }: { ids: readonly string[]; directory: DirectoryView<Unit> }) {
  if (ids.length === 0)
    return (
      <Text span c="dimmed" size="sm">
        {EMPTY_CELL}
      </Text>
    )
  return (
    <Group gap={6} component="span">
      {ids.map((id) => (
        <UnitLink key={id} id={id} directory={directory} />
      ))}
    </Group>
  )
}
