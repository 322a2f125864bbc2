/** What another module may know of an agency to check scope and write audit entries: its place in the tree. */
import type { Executor } from './org.repository.ts'

export interface AgencyPlacement {
  id: string
  /** The administrative unit that owns the agency's rows. */
  unit_id: string
  /** Materialised path `/<root id>/…/<own id>/`, for `can()`. */
  path: string
}

export function findAgencyPlacement(db: Executor, id: string): Promise<AgencyPlacement | undefined> {
  return db.selectFrom('agencies').select(['id', 'unit_id', 'path']).where('id', '=', id).executeTakeFirst()
}
