// Compact HMAC-signed tokens (`<purpose>.<payload>.<signature>`, base64url), used for quotes,
// member sessions and upload URLs. A token signed for one purpose never verifies as another,
// because each purpose signs with its own key derived from LG_SECRET.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { HmacSha256 } from './hmac-sha256.js';

export type TokenPurpose = 'q' | 'ms' | 'up' | 'dl';

export type VerifyFailure = 'MALFORMED' | 'BAD_SIGNATURE' | 'EXPIRED';

export interface SignedPayload {
  /** Expiry, unix milliseconds. */
  exp: number;
}

export class TokenSigner {
  readonly #keys = new Map<TokenPurpose, HmacSha256>();

  constructor(secret: string) {
    for (const purpose of ['q', 'ms', 'up', 'dl'] as const) {
      this.#keys.set(
        purpose,
        new HmacSha256(createHmac('sha256', secret).update(`lg-token:${purpose}`).digest()),
      );
    }
  }

  sign<T extends SignedPayload>(purpose: TokenPurpose, payload: T): string {
    const body = `${purpose}.${base64url(JSON.stringify(payload))}`;
    return `${body}.${this.#mac(purpose, body)}`;
  }

  verify<T extends SignedPayload>(
    purpose: TokenPurpose,
    token: string,
    now: Date,
  ): { ok: true; payload: T } | { ok: false; reason: VerifyFailure } {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) {
      return { ok: false, reason: 'MALFORMED' };
    }
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== purpose) return { ok: false, reason: 'MALFORMED' };
    const body = `${parts[0]}.${parts[1]}`;
    const expected = Buffer.from(this.#mac(purpose, body));
    const given = Buffer.from(parts[2] ?? '');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
      return { ok: false, reason: 'BAD_SIGNATURE' };
    }
    let payload: T;
    try {
      payload = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as T;
    } catch {
      return { ok: false, reason: 'MALFORMED' };
    }
    if (typeof payload?.exp !== 'number') return { ok: false, reason: 'MALFORMED' };
    if (payload.exp <= now.getTime()) return { ok: false, reason: 'EXPIRED' };
    return { ok: true, payload };
  }

  #mac(purpose: TokenPurpose, body: string): string {
    const key = this.#keys.get(purpose);
    if (!key) throw new Error(`no key for token purpose ${purpose}`);
    return key.digest(body);
  }
}

/** Longer tokens are refused unread; longer payloads can't make a token that verifies. */
const MAX_TOKEN_LENGTH = 4096;

// Payloads are encoded through one reused buffer (a quote signs one per cart view), big enough
// for any text of MAX_TOKEN_LENGTH UTF-16 units: at most 3 UTF-8 bytes each.
const encoding = Buffer.allocUnsafe(MAX_TOKEN_LENGTH * 3);

/** The base64url of the UTF-8 bytes of `text`. */
function base64url(text: string): string {
  if (text.length > MAX_TOKEN_LENGTH) return Buffer.from(text).toString('base64url');
  return encoding.toString('base64url', 0, encoding.write(text, 0, 'utf8'));
}
