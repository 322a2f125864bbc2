import { describe, expect, it } from 'vitest'
import { readRecent, rememberRecent } from './recentProcedures.ts'

function memoryStorage() {
  const data = new Map<string, string>()
  return { getItem: (key: string) => data.get(key) ?? null, setItem: (key: string, value: string) => void data.set(key, value) }
}

describe('recent procedures', () => {
  it('keeps the newest first, once, per user, at most eight', () => {
    const storage = memoryStorage()
    for (let i = 1; i <= 10; i++) rememberRecent('u1', { id: `p${i}`, name: `P${i}`, nationalCode: null }, storage)
    rememberRecent('u1', { id: 'p5', name: 'P5 (mới)', nationalCode: '1.1' }, storage)
    const list = readRecent('u1', storage)
    expect(list.map((item) => item.id)).toEqual(['p5', 'p10', 'p9', 'p8', 'p7', 'p6', 'p4', 'p3'])
    expect(list[0]?.name).toBe('P5 (mới)')
    expect(readRecent('u2', storage)).toEqual([])
  })
  it('ignores damaged storage', () => {
    const storage = memoryStorage()
    storage.setItem('cchc.recentProcedures.u1', '{not json')
    expect(readRecent('u1', storage)).toEqual([])
    storage.setItem('cchc.recentProcedures.u1', JSON.stringify([{ id: 1 }, { id: 'a', name: 'A', nationalCode: null }]))
    expect(readRecent('u1', storage)).toEqual([{ id: 'a', name: 'A', nationalCode: null }])
  })
})
