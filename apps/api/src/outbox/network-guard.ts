// Webhook URLs come from storefronts, and the dispatcher connects wherever they point. Without a
// guard a storefront could aim it at the API's own network (the database, a cloud metadata
// address, an admin port) and read the status codes back from its delivery log. So, unless
// LG_WEBHOOK_PRIVATE_NETWORKS=allow, webhooks reach public addresses only: the address a name
// resolves to is checked at connection time, and the connection goes to that checked address
// (a name that changes its answer between a check and a connect gains nothing).
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

const PRIVATE_NETWORKS = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  PRIVATE_NETWORKS.addSubnet(network, prefix, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included). */
function ipv6Groups(address: string): number[] {
  const [head = '', tail] = address.split('%', 1)[0]?.split('::') ?? [];
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [Number.parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
          return [(a << 8) | b, (c << 8) | d];
        });
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function dottedQuad(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/**
 * The IPv4 address an IPv6 address carries where the network would reach that IPv4 host:
 * NAT64 (64:ff9b::/96, RFC 6052) in its last 32 bits, 6to4 (2002::/16, RFC 3056) in bits
 * 16-47. IPv4-mapped addresses (::ffff:0:0/96) the BlockList already reads as IPv4.
 */
function embeddedIpv4(groups: number[]): string | null {
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  if (g0 === 0x64 && g1 === 0xff9b && !g2 && !g3 && !g4 && !g5) return dottedQuad(g6, g7);
  if (g0 === 0x2002) return dottedQuad(g1 ?? 0, g2 ?? 0);
  return null;
}

/** True for an address a webhook must not reach; anything that is no IP address counts too. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE_NETWORKS.check(address, 'ipv4');
  if (family !== 6) return true;
  if (PRIVATE_NETWORKS.check(address, 'ipv6')) return true;
  const groups = ipv6Groups(address);
  // IPv4-compatible addresses (::a.b.c.d, deprecated by RFC 4291) are no destination at all.
  if (groups.slice(0, 6).every((group) => group === 0)) return true;
  const ipv4 = embeddedIpv4(groups);
  return ipv4 !== null && PRIVATE_NETWORKS.check(ipv4, 'ipv4');
}

/** The host of a URL as an IP address when it is written as one (`[::1]` → `::1`), else null. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) ? host : null;
}

/** Thrown through a connection when a name resolves to private addresses only. */
export const PRIVATE_ADDRESS = 'EPRIVATEADDRESS';

/** `net.connect`'s `lookup`, answering with public addresses only. */
export const publicAddressLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const allowed = found.filter((entry) => !isPrivateAddress(entry.address));
    const first = allowed[0];
    if (!first) {
      const refusal = Object.assign(new Error(`${hostname} resolves to private addresses only`), {
        code: PRIVATE_ADDRESS,
      });
      return callback(refusal, '', 0);
    }
    if (options.all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
    return callback(null, first.address, first.family);
  });
};
