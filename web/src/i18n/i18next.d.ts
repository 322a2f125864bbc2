/** Type-checked translation keys: t('…') only accepts keys that exist in the Vietnamese files. */
import 'i18next'
import type common from './vi.json'
import type office from '../office/i18n/vi.json'

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common'
    resources: {
      common: typeof common
      office: typeof office
    }
    returnNull: false
  }
}
