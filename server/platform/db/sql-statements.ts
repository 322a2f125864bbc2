/**
 * Splits a PostgreSQL script into its statements, so the migration runner can send them one at a
 * time (Citus refuses some DDL on distributed and reference tables inside a multi-statement query
 * string, ADR 0015). A `;` ends a statement only outside:
 * - `-- line comments` and `/* block comments *\/` (which nest in PostgreSQL),
 * - 'string literals' ('' is a quote inside), E'escape strings' (\' is a quote inside too),
 * - "quoted identifiers" ("" is a quote inside),
 * - dollar-quoted bodies `$$ … $$` and `$tag$ … $tag$` (a `$` inside an identifier, such as
 *   `a$b`, and a parameter `$1` open nothing).
 * Statements are returned trimmed, with their comments; a piece holding only comments and
 * whitespace is dropped. An unterminated quote or comment is an error, not a silent merge.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = []
  let start = 0
  let i = 0
  const n = script.length
  const isIdentifierChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_$\u0080-\uffff]/.test(c)

  const fail = (what: string, at: number): never => {
    const line = script.slice(0, at).split('\n').length
    throw new SyntaxError(`unterminated ${what} starting on line ${line}`)
  }

  const push = (end: number) => {
    const text = script.slice(start, end).trim()
    if (text && !onlyComments(text)) statements.push(text)
  }

  while (i < n) {
    const c = script[i]!
    const next = script[i + 1]
    if (c === '-' && next === '-') {
      const end = script.indexOf('\n', i + 2)
      i = end === -1 ? n : end + 1
    } else if (c === '/' && next === '*') {
      i = skipBlockComment(script, i, fail)
    } else if (c === "'") {
      const prev = script[i - 1]
      const escapes = (prev === 'e' || prev === 'E') && !isIdentifierChar(script[i - 2])
      i = skipQuoted(script, i, "'", escapes, () => fail('string literal', i))
    } else if (c === '"') {
      i = skipQuoted(script, i, '"', false, () => fail('quoted identifier', i))
    } else if (c === '$' && !isIdentifierChar(script[i - 1])) {
      const tag = /^\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/.exec(script.slice(i, i + 200))
      if (tag) {
        const end = script.indexOf(tag[0], i + tag[0].length)
        if (end === -1) fail(`dollar-quoted body ${tag[0]}`, i)
        i = end + tag[0].length
      } else i++
    } else if (c === ';') {
      push(i)
      i++
      start = i
    } else i++
  }
  push(n)
  return statements
}

/** Index just after the block comment opened at `from` (nested comments included). */
function skipBlockComment(script: string, from: number, fail: (what: string, at: number) => never): number {
  let depth = 0
  let i = from
  while (i < script.length) {
    if (script[i] === '/' && script[i + 1] === '*') {
      depth++
      i += 2
    } else if (script[i] === '*' && script[i + 1] === '/') {
      depth--
      i += 2
      if (depth === 0) return i
    } else i++
  }
  return fail('block comment', from)
}

/** Index just after the quoted text opened at `from`; a doubled quote (or, with escapes, \x) stays inside. */
function skipQuoted(script: string, from: number, quote: string, backslashEscapes: boolean, fail: () => never): number {
  let i = from + 1
  while (i < script.length) {
    const c = script[i]
    if (backslashEscapes && c === '\\') i += 2
    else if (c === quote) {
      if (script[i + 1] === quote) i += 2
      else return i + 1
    } else i++
  }
  return fail()
}

/** True when the text is nothing but comments and whitespace. */
function onlyComments(text: string): boolean {
  let i = 0
  while (i < text.length) {
    if (/\s/.test(text[i]!)) i++
    else if (text.startsWith('--', i)) {
      const end = text.indexOf('\n', i)
      i = end === -1 ? text.length : end + 1
    } else if (text.startsWith('/*', i)) {
      i = skipBlockComment(text, i, () => {
        throw new SyntaxError('unterminated block comment')
      })
    } else return false
  }
  return true
}
