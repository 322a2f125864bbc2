/** 404 inside the workspace shell. */
import { Anchor, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router-dom'
import { PageHeader } from '../ui/PageHeader.tsx'
import { officePaths } from './paths.ts'

export function OfficeNotFoundPage() {
  const { t } = useTranslation('office')
  return (
    <>
      <PageHeader title={t('notFound.title')} />
      <Text mb="md">{t('notFound.body')}</Text>
      <Anchor component={Link} to={officePaths.home}>
        {t('notFound.backToWorkspace')}
      </Anchor>
    </>
  )
}
