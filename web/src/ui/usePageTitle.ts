/** Sets document.title to "<page> – <site>" so tabs and screen readers name the page. */
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

export function usePageTitle(pageTitle: string | null | undefined): void {
  const { t } = useTranslation()
  const site = t('app.name')
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} – ${site}` : site
  }, [pageTitle, site])
}
