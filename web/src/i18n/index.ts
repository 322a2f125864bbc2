/**
 * UI language: Vietnamese first, English as a switch. The choice is kept in localStorage and
 * mirrored to <html lang>. The `common` namespace (portal + shared UI) ships with the main
 * bundle; the officials' workspace registers its own `office` namespace when its chunk loads.
 */
import i18n, { type ResourceLanguage } from 'i18next'
import { initReactI18next } from 'react-i18next'
import vi from './vi.json'
import en from './en.json'

export const LANGUAGES = ['vi', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'cchc.language'

// English must carry every Vietnamese key (checked at compile time).
const english: typeof vi = en

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY)
    return isLanguage(value) ? value : 'vi'
  } catch {
    return 'vi'
  }
}

void i18n.use(initReactI18next).init({
  resources: { vi: { common: vi }, en: { common: english } },
  lng: storedLanguage(),
  fallbackLng: 'vi',
  supportedLngs: LANGUAGES,
  ns: ['common'],
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  initAsync: false,
  returnNull: false,
  react: { useSuspense: false },
})

function applyLanguage(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language
  try {
    window.localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}

applyLanguage(i18n.language)
i18n.on('languageChanged', applyLanguage)

/** The active UI language (also sent to the API as Accept-Language). */
export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'vi'
}

export function changeLanguage(language: Language): Promise<unknown> {
  return i18n.changeLanguage(language)
}

/** Adds a lazily loaded namespace (both languages) to the running i18next instance. */
export function registerNamespace<T extends ResourceLanguage>(namespace: string, resources: { vi: T; en: T }): void {
  for (const language of LANGUAGES) {
    if (!i18n.hasResourceBundle(language, namespace)) i18n.addResourceBundle(language, namespace, resources[language])
  }
}

export default i18n
