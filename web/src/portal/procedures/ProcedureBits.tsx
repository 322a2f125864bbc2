/** Small pieces of a procedure shown in lists and on its page (portal and workspace). */
import { Badge } from '@mantine/core'
import { useTranslation } from 'react-i18next'
import type { ProcedureTimeLimit } from '../../../../contracts/procedures.ts'
import { formatLimitValue } from '../dueDate.ts'
import { isLevel, isOnlineLevel, limitView, ONLINE_LEVEL_COLOR } from './procedureText.ts'

/**
 * "Toàn trình" / "Một phần" / "Trực tiếp" (the meaning is the badge's title; the procedure page
 * spells it out). No tooltip component: it would weigh more than the whole catalogue page.
 */
export function OnlineLevelBadge({ level, size = 'md' }: { level: string; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation()
  if (!isOnlineLevel(level)) return null
  return (
    <Badge color={ONLINE_LEVEL_COLOR[level]} variant={level === 'none' ? 'outline' : 'filled'} size={size} className="print-plain" title={t(`catalogue.onlineLevelHints.${level}`)}>
      {t(`catalogue.onlineLevels.${level}`)}
    </Badge>
  )
}

/** "Cấp xã, Cấp tỉnh". */
export function useLevelsText(): (levels: readonly string[]) => string {
  const { t } = useTranslation()
  return (levels) => levels.map((level) => (isLevel(level) ? t(`catalogue.levels.${level}`) : level)).join(', ')
}

/** A time limit in words: "5 ngày làm việc", "Trong ngày", or "Chưa công bố" (the note stays separate). */
export function useLimitText(): (limit: ProcedureTimeLimit) => string {
  const { t, i18n } = useTranslation()
  return (limit) => {
    const view = limitView(limit)
    if (view.kind === 'sameDay') return t('catalogue.limit.sameDay')
    if (view.kind === 'unknown') return t('catalogue.notPublished')
    return t(`dueDate.limits.${view.unit}`, { count: view.value, value: formatLimitValue(view.value, i18n.language) })
  }
}
