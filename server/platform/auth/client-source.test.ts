import { describe, expect, it } from 'vitest'
import { clientSource } from './client-source.ts'

describe('clientSource', () => {
  it('keeps IPv4 addresses and unwraps IPv4-mapped IPv6', () => {
    expect(clientSource('203.113.1.7')).toBe('203.113.1.7')
    expect(clientSource('::ffff:203.113.1.7')).toBe('203.113.1.7')
  })
  it('cuts IPv6 addresses to their /64, however they are written', () => {
    expect(clientSource('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64')
    expect(clientSource('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64')
    expect(clientSource('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(clientSource('[2001:DB8:1:2::9]')).toBe('2001:db8:1:2::/64')
    expect(clientSource('::1')).toBe('0:0:0:0::/64')
  })
  it('answers "unknown" for anything else', () => {
    expect(clientSource(null)).toBe('unknown')
    expect(clientSource('not an address')).toBe('unknown')
  })
})
