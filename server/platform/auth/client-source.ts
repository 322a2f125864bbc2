/**
 * The "source" of a request for throttling: the client address, with an IPv6 address cut to its
 * /64 network (one subscriber usually holds a whole /64, so counting single IPv6 addresses would
 * let one client rotate through billions of them). IPv4-mapped IPv6 addresses count as IPv4.
 */
import net from 'node:net'

export function clientSource(ip: string | null | undefined): string {
  if (!ip) return 'unknown'
  const address = ip.trim().toLowerCase().replace(/^\[|\]$/g, '').split('%')[0]!
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)
  if (mapped) return mapped[1]!
  if (net.isIPv4(address)) return address
  if (!net.isIPv6(address)) return 'unknown'
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`
}

/** The eight 16-bit groups of an IPv6 address, as lower-case hex without leading zeros. */
function expandIPv6(address: string): string[] {
  let text = address
  // A trailing dotted IPv4 part (::1.2.3.4) becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text)
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number]
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head = '', tail] = text.split('::')
  const left = head ? head.split(':') : []
  const right = tail !== undefined && tail !== '' ? tail.split(':') : []
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0')
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16))
}
