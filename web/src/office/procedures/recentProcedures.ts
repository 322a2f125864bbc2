/**
 * Procedures this official opened lately, kept in this browser (localStorage, per user). The list
 * page searches only procedures in force, so this is how an official finds a new draft again.
 */
const MAX_RECENT = 8

export interface RecentProcedure {
  id: string
  name: string
  nationalCode: string | null
}

const storageKey = (userId: string) => `cchc.recentProcedures.${userId}`

function isRecent(value: unknown): value is RecentProcedure {
  if (typeof value !== 'object' || value === null) return false
  const item = value as Record<string, unknown>
  return typeof item.id === 'string' && typeof item.name === 'string' && (item.nationalCode === null || typeof item.nationalCode === 'string')
}

export function readRecent(userId: string, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): RecentProcedure[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(storageKey(userId)) ?? '[]')
    return Array.isArray(parsed) ? parsed.filter(isRecent).slice(0, MAX_RECENT) : []
  } catch {
    return []
  }
}

/** Puts a procedure first (once) and keeps the newest few. */
export function rememberRecent(userId: string, item: RecentProcedure, storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): RecentProcedure[] {
  const next = [item, ...readRecent(userId, storage).filter((other) => other.id !== item.id)].slice(0, MAX_RECENT)
  try {
    storage?.setItem(storageKey(userId), JSON.stringify(next))
  } catch {
    // storage full or disabled: the list lasts for this page only
  }
  return next
}
