import { describe, expect, it } from 'vitest'
import { officePaths, safeNextPath } from './paths.ts'

describe('safeNextPath', () => {
  it('follows addresses inside the workspace', () => {
    expect(safeNextPath('/office/users?q=an')).toBe('/office/users?q=an')
    expect(safeNextPath(officePaths.unit('abc'))).toBe('/office/units/abc')
  })
  it('refuses anything else (no open redirect, no loop to sign-in)', () => {
    for (const next of [null, '', 'https://evil.example/office', '//evil.example/office', '/portal', '/office/sign-in?next=/office']) {
      expect(safeNextPath(next)).toBe('/office')
    }
  })
})
