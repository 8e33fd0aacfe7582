import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenSigner } from './signed-token.js';

const signer = new TokenSigner('a-test-secret-of-enough-length-0123456789');
const now = new Date('2026-11-26T10:00:00.000Z');
const later = now.getTime() + 60_000;

describe('TokenSigner', () => {
  it('verifies what it signed, whatever text the payload holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (note) => {
        const token = signer.sign('ms', { exp: later, note });
        expect(signer.verify('ms', token, now)).toEqual({
          ok: true,
          payload: { exp: later, note },
        });
      }),
      { numRuns: 200 },
    );
  });

  it('verifies payloads whose UTF-8 is much longer than their characters', () => {
    const note = '中'.repeat(1000); // 3,000 bytes of UTF-8: base64url of it still fits a token
    const token = signer.sign('ms', { exp: later, note });
    expect(signer.verify('ms', token, now)).toEqual({ ok: true, payload: { exp: later, note } });
  });

  it('encodes long payloads whole, and refuses tokens over 4,096 characters as malformed', () => {
    for (const note of [
      'x'.repeat(4090),
      '中'.repeat(2000),
      '中'.repeat(4096),
      'y'.repeat(20_000),
    ]) {
      const token = signer.sign('ms', { exp: later, note });
      const body = token.split('.')[1] ?? '';
      expect(JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))).toEqual({
        exp: later,
        note,
      });
      expect(signer.verify('ms', token, now)).toEqual({ ok: false, reason: 'MALFORMED' });
    }
  });

  it('refuses a token signed for another purpose, tampered with, or expired', () => {
    const token = signer.sign('q', { exp: later, pv: 100 });
    expect(signer.verify('ms', token, now)).toEqual({ ok: false, reason: 'MALFORMED' });
    const [purpose, body, mac] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ exp: later, pv: 1 })).toString('base64url');
    expect(signer.verify('q', `${purpose}.${forged}.${mac}`, now)).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    expect(signer.verify('q', `${purpose}.${body}.${mac.slice(1)}`, now).ok).toBe(false);
    expect(signer.verify('q', token, new Date(later))).toEqual({ ok: false, reason: 'EXPIRED' });
  });

  it('refuses a token signed with another secret', () => {
    const other = new TokenSigner('another-secret-of-enough-length-987654321');
    const token = other.sign('q', { exp: later });
    expect(signer.verify('q', token, now)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });
});
