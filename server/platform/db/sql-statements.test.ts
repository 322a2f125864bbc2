import { describe, expect, it } from 'vitest'
import { readMigrations } from './migrate.ts'
import { splitSqlStatements } from './sql-statements.ts'

describe('splitSqlStatements', () => {
  it('splits on semicolons and drops empty and comment-only pieces', () => {
    expect(splitSqlStatements('select 1; select 2;\n;  ;\n-- the end\n')).toEqual(['select 1', 'select 2'])
    expect(splitSqlStatements('select 1')).toEqual(['select 1'])
    expect(splitSqlStatements('')).toEqual([])
    expect(splitSqlStatements('/* only */ -- comments\n')).toEqual([])
  })

  it('keeps semicolons inside comments, literals and quoted identifiers', () => {
    expect(splitSqlStatements("-- a; b\nselect 'x;y', \"semi;colon\" from t; select 2")).toEqual(["-- a; b\nselect 'x;y', \"semi;colon\" from t", 'select 2'])
    expect(splitSqlStatements("select 'it''s; here'; select 2")).toEqual(["select 'it''s; here'", 'select 2'])
    expect(splitSqlStatements('select "a"";b" from t; select 2')).toEqual(['select "a"";b" from t', 'select 2'])
    expect(splitSqlStatements('select /* one; /* nested; */ still; */ 1; select 2')).toEqual(['select /* one; /* nested; */ still; */ 1', 'select 2'])
  })

  it('reads backslash escapes only in E strings', () => {
    expect(splitSqlStatements("select E'a\\'; b'; select 2")).toEqual(["select E'a\\'; b'", 'select 2'])
    // In a standard string a backslash is an ordinary character: the quote after it ends the string.
    expect(splitSqlStatements("select 'a\\'; select 2")).toEqual(["select 'a\\'", 'select 2'])
    // "name'…'" is not an E string: the e belongs to an identifier.
    expect(splitSqlStatements("select name'x' ; select 2")).toEqual(["select name'x'", 'select 2'])
  })

  it('keeps dollar-quoted bodies whole, with any tag', () => {
    const fn = `create function f() returns trigger language plpgsql as $$
begin
  update t set n = n + 1; -- inside
  return null;
end
$$`
    expect(splitSqlStatements(`${fn};\nselect 2;`)).toEqual([fn, 'select 2'])
    const tagged = "do $body$ begin perform 'x;'; raise notice '$$;'; end $body$"
    expect(splitSqlStatements(`${tagged}; select 3`)).toEqual([tagged, 'select 3'])
  })

  it('does not take a parameter or an identifier with $ for a dollar quote', () => {
    expect(splitSqlStatements('select $1; select a$b$c from t; select 3')).toEqual(['select $1', 'select a$b$c from t', 'select 3'])
  })

  it('refuses an unterminated quote, body or comment, naming the line', () => {
    expect(() => splitSqlStatements("select 1;\nselect 'open")).toThrow(/unterminated string literal starting on line 2/)
    expect(() => splitSqlStatements('select $$ open')).toThrow(/unterminated dollar-quoted body \$\$/)
    expect(() => splitSqlStatements('select /* open')).toThrow(/unterminated block comment/)
    expect(() => splitSqlStatements('select "open')).toThrow(/unterminated quoted identifier/)
  })

  it('splits every real migration into statements that each parse as one', async () => {
    for (const file of await readMigrations()) {
      expect(file.statements.length, file.name).toBeGreaterThan(0)
      for (const statement of file.statements) expect(splitSqlStatements(statement), `${file.name}: ${statement.slice(0, 60)}`).toEqual([statement])
    }
  })
})
