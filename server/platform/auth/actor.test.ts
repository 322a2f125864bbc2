import { describe, expect, it } from 'vitest'
import { agencyScopes, can, canInUnit, canReadUnit, holdsOverProvince, readableUnits, unitScopes, type Actor, type Grant } from './actor.ts'
import type { Permission } from './roles.ts'

// Units: province /P/ with commune /P/C/. Agencies: the province committee /pc/ (governs /P/),
// its office /pc/o/ (in /P/, governs nothing), the commune committee /pc/cc/ (governs /P/C/), and
// a parentless agency /x/ of the commune (governs /P/C/ only).
const GOVERNING: Record<string, string | null> = { '/pc/': '/P/', '/pc/o/': null, '/pc/cc/': '/P/C/', '/x/': '/P/C/' }
const OWN_UNIT: Record<string, string> = { '/pc/': '/P/', '/pc/o/': '/P/', '/pc/cc/': '/P/C/', '/x/': '/P/C/' }

function grant(permission: Permission, agencyPath: string): Grant {
  return { permission, agencyId: agencyPath, agencyPath, agencyUnitPath: OWN_UNIT[agencyPath]!, unitPath: GOVERNING[agencyPath]! }
}

function actor(...grants: Grant[]): Actor {
  return { type: 'user', userId: 'u', tokenId: null, name: 'n', agencyId: 'a', unitId: 'P', sessionId: null, grants }
}

describe('unit scope', () => {
  it('gives a grant over an office its subtree of agencies but no unit', () => {
    const office = actor(grant('org.manage', '/pc/o/'), grant('org.read', '/pc/o/'), grant('audit.read', '/pc/o/'))
    expect(can(office, 'org.manage', '/pc/o/team/')).toBe(true)
    expect(can(office, 'org.manage', '/pc/')).toBe(false)
    expect(canInUnit(office, 'org.manage', '/P/')).toBe(false)
    expect(canInUnit(office, 'org.manage', '/P/C/')).toBe(false)
    expect(unitScopes(office, 'audit.read')).toEqual([])
    expect(agencyScopes(office, 'audit.read')).toEqual(['/pc/o/'])
  })

  it("lets an office's reader see its own unit, exactly, and nothing below it", () => {
    const office = actor(grant('org.read', '/pc/o/'))
    expect(canReadUnit(office, '/P/')).toBe(true)
    expect(canReadUnit(office, '/P/C/')).toBe(false)
    expect(readableUnits(office)).toEqual({ subtrees: [], units: ['/P/'] })
    // Reading the own unit comes with org.read only, not with the other permissions.
    expect(canReadUnit(actor(grant('audit.read', '/pc/o/')), '/P/')).toBe(false)
  })

  it('gives a grant over a governing agency its unit and the units below', () => {
    const province = actor(grant('org.manage', '/pc/'), grant('org.read', '/pc/'), grant('org.read', '/pc/o/'))
    expect(canInUnit(province, 'org.manage', '/P/')).toBe(true)
    expect(canInUnit(province, 'org.manage', '/P/C/')).toBe(true)
    expect(readableUnits(province)).toEqual({ subtrees: ['/P/'], units: [] })
    const commune = actor(grant('org.manage', '/pc/cc/'))
    expect(canInUnit(commune, 'org.manage', '/P/C/')).toBe(true)
    expect(canInUnit(commune, 'org.manage', '/P/')).toBe(false)
  })

  it('holds over a province only through the governing agency of a top-level unit', () => {
    expect(holdsOverProvince(actor(grant('calendar.manage', '/pc/')), 'calendar.manage')).toBe(true)
    expect(holdsOverProvince(actor(grant('calendar.manage', '/pc/o/')), 'calendar.manage')).toBe(false)
    expect(holdsOverProvince(actor(grant('calendar.manage', '/pc/cc/')), 'calendar.manage')).toBe(false)
    // Top-level in the agency tree, but it governs a commune.
    expect(holdsOverProvince(actor(grant('calendar.manage', '/x/')), 'calendar.manage')).toBe(false)
    expect(holdsOverProvince(actor(grant('org.manage', '/pc/')), 'calendar.manage')).toBe(false)
  })
})
