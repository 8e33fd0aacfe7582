// Which address a request came from, for the per-IP rate limit. Behind a load balancer every
// socket is the balancer's, so all clients would share one budget; X-Forwarded-For names the
// client, but anyone can send it. It is believed only as far as LG_TRUSTED_PROXIES says:
// a number of proxy hops in front of the API, or the networks those proxies connect from.
import { BlockList, isIP } from 'node:net';

export type TrustedProxies =
  | { readonly kind: 'none' }
  /** This many proxies always stand in front of the API (it is reachable only through them). */
  | { readonly kind: 'hops'; readonly hops: number }
  /** Proxies connect from these networks; X-Forwarded-For is read only from them. */
  | { readonly kind: 'networks'; readonly networks: BlockList };

const MAX_HOPS = 20;

/** Parses LG_TRUSTED_PROXIES: unset or 0, a hop count, or a comma-separated list of CIDRs/IPs. */
export function parseTrustedProxies(
  value: string | undefined,
): { ok: true; value: TrustedProxies } | { ok: false; message: string } {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0') return { ok: true, value: { kind: 'none' } };
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) return { ok: false, message: `at most ${MAX_HOPS} hops` };
    return { ok: true, value: { kind: 'hops', hops } };
  }
  const networks = new BlockList();
  for (const part of text.split(',')) {
    const entry = part.trim();
    const [address = '', prefix, extra] = entry.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const length = prefix === undefined ? bits : /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
    if (family === 0 || extra !== undefined || length < 0 || length > bits) {
      return {
        ok: false,
        message: `"${entry.slice(0, 60)}" is not a hop count, an IP address or a CIDR like 10.0.0.0/8`,
      };
    }
    networks.addSubnet(address, length, family === 4 ? 'ipv4' : 'ipv6');
  }
  return { ok: true, value: { kind: 'networks', networks } };
}

/**
 * The client's address: the socket's, or, from trusted proxies, the nearest address in
 * X-Forwarded-For that no trusted proxy added. `rawHeaders` is `req.rawHeaders`.
 */
export function clientAddress(
  socketAddress: string | undefined,
  rawHeaders: readonly string[],
  trust: TrustedProxies,
): string {
  const peer = (socketAddress && normalise(socketAddress)) || 'unknown';
  if (trust.kind === 'none') return peer;
  if (trust.kind === 'networks' && !isTrusted(peer, trust.networks)) return peer;
  const forwarded = forwardedFor(rawHeaders);
  if (forwarded.length === 0) return peer;
  // Right to left: the nearest hop first. An entry that is no address ends the walk at the
  // hop that reported it, so made-up text never becomes a rate-limit key.
  let client = peer;
  for (let i = forwarded.length - 1, hop = 1; i >= 0; i -= 1, hop += 1) {
    const address = normalise(forwarded[i] as string);
    if (!address) return client;
    client = address;
    if (trust.kind === 'hops' ? hop >= trust.hops : !isTrusted(address, trust.networks)) {
      return client;
    }
  }
  return client;
}

function isTrusted(address: string, networks: BlockList): boolean {
  return networks.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/** X-Forwarded-For's entries, every header of that name in order. */
function forwardedFor(rawHeaders: readonly string[]): string[] {
  const entries: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (name.length === 15 && name.toLowerCase() === 'x-forwarded-for') {
      for (const entry of (rawHeaders[i + 1] as string).split(',')) entries.push(entry.trim());
    }
  }
  return entries;
}

/** An address without brackets, port or IPv4-mapped prefix; null when it is none. */
function normalise(value: string): string | null {
  let address = value;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1] as string;
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.indexOf(':'));
  if (address.toLowerCase().startsWith('::ffff:') && isIP(address.slice(7)) === 4) {
    address = address.slice(7);
  }
  return isIP(address) === 0 ? null : address.toLowerCase();
}
