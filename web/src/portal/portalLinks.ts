/** Links of the public portal's navigation (header on desktop, burger menu on phones). */
import { useTranslation } from 'react-i18next'

export interface PortalLink {
  to: string
  label: string
}

export function usePortalLinks(): PortalLink[] {
  const { t } = useTranslation()
  return [
    { to: '/', label: t('nav.home') },
    { to: '/thu-tuc', label: t('catalogue.nav') },
    { to: '/office', label: t('portal.officeSignIn') },
  ]
}
