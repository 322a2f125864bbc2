/**
 * The texts of a workspace list page, by one convention: `<list>.title`, `<list>.lead`,
 * `<list>.empty` and `<list>.count` (plural) in the office namespace.
 */
import type { TFunction } from 'i18next'

export type OfficeList = 'units' | 'agencies' | 'users' | 'apiTokens' | 'procedures' | 'audit' | 'jobs'

export function listTexts(t: TFunction<'office'>, list: OfficeList, count: number) {
  return {
    title: t(`${list}.title`),
    description: t(`${list}.lead`),
    emptyMessage: t(`${list}.empty`),
    countText: t(`${list}.count`, { count }),
  }
}
