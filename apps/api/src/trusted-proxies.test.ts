import { describe, expect, it } from 'vitest';
import { clientAddress, parseTrustedProxies, type TrustedProxies } from './trusted-proxies.js';

function trust(value: string): TrustedProxies {
  const parsed = parseTrustedProxies(value);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.value;
}

const xff = (...values: string[]) => values.flatMap((value) => ['X-Forwarded-For', value]);

describe('clientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', xff('198.51.100.1'), trust(''))).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', [], trust('0'))).toBe('203.0.113.9');
  });

  it('with one trusted hop, is the address the proxy saw, not one the client made up', () => {
    const oneHop = trust('1');
    expect(clientAddress('10.0.0.2', xff('198.51.100.7'), oneHop)).toBe('198.51.100.7');
    // The client sent its own X-Forwarded-For; the proxy appended the real address.
    expect(clientAddress('10.0.0.2', xff('1.2.3.4, 198.51.100.7'), oneHop)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', xff('1.2.3.4', '198.51.100.7'), oneHop)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', [], oneHop)).toBe('10.0.0.2');
  });

  it('with two trusted hops, skips the inner proxy', () => {
    expect(clientAddress('10.0.0.3', xff('6.6.6.6, 198.51.100.7, 10.0.0.2'), trust('2'))).toBe(
      '198.51.100.7',
    );
  });

  it('reads X-Forwarded-For only from a trusted network, up to the first untrusted hop', () => {
    const networks = trust('10.0.0.0/8, fd00::/8');
    expect(clientAddress('10.1.2.3', xff('6.6.6.6, 198.51.100.7, 10.9.9.9'), networks)).toBe(
      '198.51.100.7',
    );
    expect(clientAddress('fd00::5', xff('[2001:db8::1]:443'), networks)).toBe('2001:db8::1');
    // A client connecting directly cannot choose its address.
    expect(clientAddress('198.51.100.7', xff('10.0.0.1'), networks)).toBe('198.51.100.7');
  });

  it('never takes text that is no address as the client', () => {
    expect(clientAddress('10.0.0.2', xff('not-an-ip'), trust('1'))).toBe('10.0.0.2');
    expect(clientAddress('10.0.0.2', xff('198.51.100.7:5123'), trust('10.0.0.0/8'))).toBe(
      '198.51.100.7',
    );
  });
});

describe('parseTrustedProxies', () => {
  it.each(['x', '10.0.0.0/33', '10.0.0.0/8/1', '2001:db8::/129', '21', '10.0.0.0/-1'])(
    'refuses %j',
    (value) => {
      expect(parseTrustedProxies(value).ok).toBe(false);
    },
  );
});
