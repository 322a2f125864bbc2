/** Side navigation of the workspace, grouped in sections; admin links only with the permission. */
import { NavLink, Stack, Text } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { NavLink as RouterNavLink } from 'react-router-dom'
import { useCurrentUser } from '../session.tsx'
import { NAV_SECTIONS, navigationFor } from './officeNavigation.ts'

export function OfficeNavigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation('office')
  const items = navigationFor(useCurrentUser())

  return (
    <Stack gap="md">
      {NAV_SECTIONS.map((section) => {
        const sectionItems = items.filter((item) => item.section === section)
        if (sectionItems.length === 0) return null
        const headingId = `nav-section-${section}`
        return (
          <div key={section} role="group" aria-labelledby={headingId}>
            <Text id={headingId} size="xs" tt="uppercase" fw={700} c="dimmed" px="sm" mb={4}>
              {t(`nav.sections.${section}`)}
            </Text>
            {sectionItems.map(({ key, to, icon: ItemIcon, end }) => (
              <NavLink
                key={key}
                component={RouterNavLink}
                to={to}
                end={end}
                label={t(`nav.items.${key}`)}
                leftSection={<ItemIcon size={18} aria-hidden />}
                onClick={onNavigate}
              />
            ))}
          </div>
        )
      })}
    </Stack>
  )
}
