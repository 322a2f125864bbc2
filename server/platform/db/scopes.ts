/** SQL fragments for scope filters over materialised paths ('/root id/…/own id/'). */
import { sql } from 'kysely'

/** `column LIKE prefix%` for any of the prefixes; false when there are none. Paths hold only uuids and '/'. */
export function underAnyPath(column: string, prefixes: string[]) {
  if (prefixes.length === 0) return sql<boolean>`false`
  return sql<boolean>`(${sql.join(prefixes.map((prefix) => sql`${sql.ref(column)} like ${`${prefix}%`}`), sql` or `)})`
}
