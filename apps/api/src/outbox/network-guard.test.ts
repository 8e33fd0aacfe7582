import { describe, expect, it } from 'vitest';
import {
  isPrivateAddress,
  literalAddress,
  PRIVATE_ADDRESS,
  publicAddressLookup,
} from './network-guard.js';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fc00::1',
    'fd12:3456::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '::ffff:7f00:1',
    'ff02::1',
    // IPv4-compatible (deprecated), NAT64 and 6to4 forms of private IPv4 addresses.
    '::127.0.0.1',
    '::7f00:1',
    '::10.0.0.1',
    '::8.8.8.8',
    '64:ff9b::127.0.0.1',
    '64:ff9b::a9fe:a9fe',
    '64:ff9b::192.168.0.1',
    '2002:7f00:1::',
    '2002:a00:1::1',
    '2002:c0a8:101:0:0:0:0:1',
    '2002:a9fe:a9fe::1',
    'localhost',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '192.169.0.1',
    '2606:4700:4700::1111',
    '2a00:1450::1',
    '64:ff9b::8.8.8.8',
    '64:ff9b::101:101',
    '2002:808:808::1',
  ])('lets %s through', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('literalAddress', () => {
  it('reads an IP written in the URL, brackets and all, and nothing else', () => {
    expect(literalAddress(new URL('http://127.0.0.1:8080/hook'))).toBe('127.0.0.1');
    expect(literalAddress(new URL('http://[::1]/hook'))).toBe('::1');
    expect(literalAddress(new URL('https://hooks.example/hook'))).toBeNull();
    // WHATWG URL parsing normalises the tricks a guard must not miss.
    expect(literalAddress(new URL('http://0x7f.1/hook'))).toBe('127.0.0.1');
    expect(literalAddress(new URL('http://2130706433/hook'))).toBe('127.0.0.1');
  });
});

describe('publicAddressLookup', () => {
  it('refuses a name that resolves to private addresses only', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      publicAddressLookup('localhost', {}, (failure) => resolve(failure));
    });
    expect(error?.code).toBe(PRIVATE_ADDRESS);
  });
});
