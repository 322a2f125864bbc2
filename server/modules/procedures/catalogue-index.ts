/**
 * The catalogue as the portal searches it, held in memory: the versions in force today, one per
 * procedure, with their names reduced to lower-case letters without diacritics. Every word of a
 * query must occur in a name, in any order; relevance favours the words in the query's order, at
 * the start of words, in short names. A national catalogue (~5,000 procedures) is a few MB and
 * searches in well under a millisecond, which the database's per-row LIKE could not do at twenty
 * concurrent users. The database stays the source of truth: the index is rebuilt when the
 * catalogue's revision counter (bumped in the transaction of every change) or the day changes.
 */
import type { ProcedureContent, ProcedureSummary } from '../../../contracts/procedures.ts'
import { searchWords } from './procedure-rules.ts'

export interface IndexEntry {
  summary: ProcedureSummary
  fieldCode: string | null
  searchName: string
  agencyIds: ReadonlySet<string>
}

export interface IndexFilters {
  field?: string | undefined
  level?: string | undefined
  agencyId?: string | undefined
  onlineLevel?: string | undefined
}

/** Lower-case letters and digits without Vietnamese diacritics, words separated by one space. */
export function unaccentName(name: string): string {
  return searchWords(name).join(' ')
}

export function entryFrom(row: { procedure_id: string; national_code: string | null; name: string; field_name: string; field_code: string | null; content: unknown; effective_from: string; version: number }, agencyIds: Set<string>): IndexEntry {
  const content = row.content as ProcedureContent
  return {
    searchName: ` ${unaccentName(row.name)} `,
    fieldCode: row.field_code,
    agencyIds,
    summary: {
      id: row.procedure_id,
      nationalCode: row.national_code,
      name: row.name,
      field: row.field_name,
      levels: content.levels,
      // An online level the published record does not give is unknown, not "none".
      onlineLevel: content.provenance.missing.includes('onlineLevel') ? 'unknown' : content.onlineLevel,
      timeLimit: content.timeLimit,
      effectiveFrom: row.effective_from,
      version: row.version,
    },
  }
}

const collator = new Intl.Collator('vi')
/** How many recent answers an index keeps (it is rebuilt, and the answers dropped, on any catalogue change). */
const RECENT_ANSWERS = 1000

export class CatalogueIndex {
  /** Distinct words of all names, and for each the positions of the entries whose name has it. */
  readonly #postings = new Map<string, number[]>()
  /** Each entry's place in Vietnamese alphabetical order (the tie-break between equal ranks). */
  readonly #alphabetical: Int32Array

  constructor(readonly entries: readonly IndexEntry[]) {
    entries.forEach((entry, i) => {
      for (const word of new Set(entry.searchName.trim().split(' '))) {
        const list = this.#postings.get(word)
        if (list) list.push(i)
        else this.#postings.set(word, [i])
      }
    })
    this.#hits = new Int32Array(entries.length)
    this.#seenInWord = new Int32Array(entries.length)
    this.#alphabetical = new Int32Array(entries.length)
    const order = entries.map((_, i) => i).sort((a, b) => collator.compare(entries[a]!.summary.name, entries[b]!.summary.name))
    order.forEach((entryIndex, position) => (this.#alphabetical[entryIndex] = position))
  }

  /** Scratch counters for one search (search is synchronous, so one set serves every call). */
  readonly #hits: Int32Array = new Int32Array(0)
  readonly #seenInWord: Int32Array = new Int32Array(0)
  #stamp = 0

  /** Recent answers: people type the same queries (and every suggestion request repeats a prefix). */
  readonly #recent = new Map<string, { items: ProcedureSummary[]; total: number }>()

  /** Matching entries, most relevant first, and how many matched in all. */
  search(query: string, filters: IndexFilters, limit: number, offset: number): { items: ProcedureSummary[]; total: number } {
    const queryWords = searchWords(query)
    const key = JSON.stringify([queryWords, filters.field, filters.level, filters.agencyId, filters.onlineLevel, limit, offset])
    const recent = this.#recent.get(key)
    if (recent) {
      // Refresh its place: the map's order is the eviction order.
      this.#recent.delete(key)
      this.#recent.set(key, recent)
      return recent
    }
    const result = this.#search(query.trim(), queryWords, filters, limit, offset)
    this.#recent.set(key, result)
    if (this.#recent.size > RECENT_ANSWERS) this.#recent.delete(this.#recent.keys().next().value!)
    return result
  }

  #search(trimmed: string, queryWords: string[], filters: IndexFilters, limit: number, offset: number): { items: ProcedureSummary[]; total: number } {
    // A national code (or its start), e.g. 1.001193.
    const isCode = /^\d+(\.\d*)*$/.test(trimmed) && trimmed.includes('.')
    const words = isCode ? [] : queryWords
    const phrase = ` ${words.join(' ')}`
    let candidates: Iterable<number> = this.entries.keys()
    if (isCode) candidates = [...this.entries.keys()].filter((i) => this.entries[i]!.summary.nationalCode?.startsWith(trimmed))
    if (words.length) {
      // Count, for each entry, how many query words occur in one of its words (each query word
      // may be the start or the middle of a word, as people type).
      const hits = this.#hits
      const seen = this.#seenInWord
      hits.fill(0)
      const found: number[] = []
      for (const part of words) {
        const stamp = ++this.#stamp
        for (const [word, list] of this.#postings) {
          if (!word.includes(part)) continue
          for (const i of list) {
            if (seen[i] === stamp) continue
            seen[i] = stamp
            if (++hits[i]! === words.length) found.push(i)
          }
        }
      }
      candidates = found
    }
    const matches: Array<{ index: number; rank: number }> = []
    for (const i of candidates) {
      const entry = this.entries[i]!
      const s = entry.summary
      if (filters.field && s.field !== filters.field) continue
      if (filters.level && !s.levels.includes(filters.level)) continue
      if (filters.onlineLevel && s.onlineLevel !== filters.onlineLevel) continue
      if (filters.agencyId && !entry.agencyIds.has(filters.agencyId)) continue
      let rank = 0
      if (words.length) {
        // A word found where a word starts counts more than one found inside another word.
        for (const word of words) rank += entry.searchName.includes(` ${word}`) ? 1 : 0.5
        rank = rank / words.length
        if (entry.searchName.includes(phrase)) rank += 1
        // Among equals, the shorter (more specific) name first.
        rank += 1 / (1 + entry.searchName.length / 40)
      }
      matches.push({ index: i, rank })
    }
    matches.sort((a, b) => b.rank - a.rank || this.#alphabetical[a.index]! - this.#alphabetical[b.index]!)
    return {
      total: matches.length,
      items: matches.slice(offset, offset + limit).map((m) => {
        const summary = this.entries[m.index]!.summary
        return words.length ? { ...summary, rank: Math.round(m.rank * 1000) / 1000 } : summary
      }),
    }
  }

  /** How many procedures in force each agency implements. */
  agencyCounts(): Map<string, number> {
    const counts = new Map<string, number>()
    for (const entry of this.entries) for (const id of entry.agencyIds) counts.set(id, (counts.get(id) ?? 0) + 1)
    return counts
  }

  fields(): Array<{ name: string; code: string | null; count: number }> {
    const counts = new Map<string, { name: string; code: string | null; count: number }>()
    for (const entry of this.entries) {
      const field = counts.get(entry.summary.field) ?? { name: entry.summary.field, code: entry.fieldCode, count: 0 }
      field.count += 1
      counts.set(field.name, field)
    }
    return [...counts.values()].sort((a, b) => collator.compare(a.name, b.name))
  }
}
