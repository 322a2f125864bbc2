/** Vietnamese / English switch, shown in both shells. */
import { SegmentedControl, VisuallyHidden } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import { changeLanguage, LANGUAGES, type Language } from '../i18n/index.ts'

const SHORT_LABEL: Record<Language, string> = { vi: 'VI', en: 'EN' }

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation()
  const active = (LANGUAGES as readonly string[]).includes(i18n.resolvedLanguage ?? '') ? i18n.resolvedLanguage : 'vi'
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      value={active}
      onChange={(value) => void changeLanguage(value as Language)}
      data={LANGUAGES.map((language) => ({
        value: language,
        label: (
          <span lang={language}>
            <span aria-hidden>{SHORT_LABEL[language]}</span>
            <VisuallyHidden>{t(`language.names.${language}`)}</VisuallyHidden>
          </span>
        ),
      }))}
    />
  )
}
