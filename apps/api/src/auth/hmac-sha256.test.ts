import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacSha256 } from './hmac-sha256.js';

const reference = (key: Buffer, message: string) =>
  createHmac('sha256', key).update(message).digest('base64url');

describe('HmacSha256', () => {
  it('gives the RFC 4231 test case 2 MAC', () => {
    const mac = new HmacSha256(Buffer.from('Jefe')).digest('what do ya want for nothing?');
    expect(Buffer.from(mac, 'base64url').toString('hex')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it('equals createHmac for any key and any message, whatever its characters', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 200 }),
        fc.string({ unit: 'binary', maxLength: 300 }),
        (key, message) => {
          const buffer = Buffer.from(key);
          expect(new HmacSha256(buffer).digest(message)).toBe(reference(buffer, message));
        },
      ),
    );
  });

  it('equals createHmac at and past the longest buffered message', () => {
    const key = randomBytes(32);
    const mac = new HmacSha256(key);
    for (const message of [
      'a'.repeat(4096),
      '中'.repeat(4096),
      '😀'.repeat(2048),
      'b'.repeat(9000),
    ]) {
      expect(mac.digest(message)).toBe(reference(key, message));
    }
  });

  it('keeps keys apart when calls alternate (the buffers are shared)', () => {
    const [a, b] = [randomBytes(32), randomBytes(32)];
    const [macA, macB] = [new HmacSha256(a), new HmacSha256(b)];
    for (const message of ['one', 'two', '']) {
      expect(macA.digest(message)).toBe(reference(a, message));
      expect(macB.digest(message)).toBe(reference(b, message));
    }
  });
});
