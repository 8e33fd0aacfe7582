// HMAC-SHA-256 (RFC 2104) as two one-shot SHA-256 digests over reused buffers. `createHmac`
// builds a stream-capable JS object and a native handle for every call; every quote signs a
// token, and that per-call cost was the largest single item of a quote's CPU (BENCHMARKS.md,
// "Quote path"). hmac-sha256.test.ts checks the result against `createHmac`.
import * as nodeCrypto from 'node:crypto';

/** SHA-256 block and digest sizes, in bytes. */
const BLOCK = 64;
const DIGEST = 32;
/** Longest message, in UTF-16 code units, that fits the buffer whatever its characters. */
const MAX_BUFFERED_MESSAGE = 4096;

type OneShotHash = (
  algorithm: string,
  data: Uint8Array,
  outputEncoding: 'latin1' | 'base64url',
) => string;
// One-shot `crypto.hash` is Node 20.12+; engines allows 20.11, which gets createHmac.
const oneShotHash = (nodeCrypto as { hash?: OneShotHash }).hash;

// Shared by every key: digest() is synchronous, so two calls never interleave.
const inner = Buffer.allocUnsafe(BLOCK + MAX_BUFFERED_MESSAGE * 3);
const outer = Buffer.allocUnsafe(BLOCK + DIGEST);

export class HmacSha256 {
  readonly #key: Buffer;
  readonly #innerPad: Buffer;
  readonly #outerPad: Buffer;

  constructor(key: Buffer) {
    this.#key = Buffer.from(key);
    const block = Buffer.alloc(BLOCK);
    (key.length > BLOCK ? nodeCrypto.createHash('sha256').update(key).digest() : key).copy(block);
    this.#innerPad = Buffer.alloc(BLOCK);
    this.#outerPad = Buffer.alloc(BLOCK);
    for (let i = 0; i < BLOCK; i += 1) {
      this.#innerPad[i] = (block[i] as number) ^ 0x36;
      this.#outerPad[i] = (block[i] as number) ^ 0x5c;
    }
  }

  /** The base64url HMAC of the UTF-8 bytes of `message`. */
  digest(message: string): string {
    if (!oneShotHash || message.length > MAX_BUFFERED_MESSAGE) {
      return nodeCrypto.createHmac('sha256', this.#key).update(message).digest('base64url');
    }
    this.#innerPad.copy(inner, 0);
    const length = inner.write(message, BLOCK, 'utf8');
    this.#outerPad.copy(outer, 0);
    // The inner digest travels as a latin1 string (one character a byte): Node 20's one-shot
    // hash has no Buffer output.
    outer.write(
      oneShotHash('sha256', inner.subarray(0, BLOCK + length), 'latin1'),
      BLOCK,
      'latin1',
    );
    return oneShotHash('sha256', outer, 'base64url');
  }
}
