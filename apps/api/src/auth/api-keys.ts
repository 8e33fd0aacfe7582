// API keys are random, shown once, and stored only as their SHA-256. Looking a key up is a
// hash and an index probe; the raw key never reaches the database or a log.
import * as nodeCrypto from 'node:crypto';
import { createHash, randomBytes } from 'node:crypto';

export type KeyKind = 'publishable' | 'secret' | 'operator';
export type KeyMode = 'test' | 'live';

const PREFIX: Record<Exclude<KeyKind, 'operator'>, string> = { publishable: 'pk', secret: 'sk' };

/** A new key: 32 random bytes, base64url, behind a prefix that says what it is. */
export function generateApiKey(kind: KeyKind, mode: KeyMode): string {
  const random = randomBytes(32).toString('base64url');
  return kind === 'operator' ? `op_${random}` : `${PREFIX[kind]}_${mode}_${random}`;
}

// One-shot `crypto.hash` (Node 20.12+) skips the Hash object; engines allows 20.11.
const oneShotHash = (nodeCrypto as { hash?: (algorithm: string, data: string) => string }).hash;

export function hashApiKey(key: string): string {
  return oneShotHash ? oneShotHash('sha256', key) : createHash('sha256').update(key).digest('hex');
}

/** What a key's prefix claims it is; null when it is no key of ours. */
export function parseKeyPrefix(key: string): { kind: KeyKind; mode: KeyMode } | null {
  const match = /^(pk|sk)_(test|live)_[A-Za-z0-9_-]{16,}$/.exec(key);
  if (match)
    return { kind: match[1] === 'pk' ? 'publishable' : 'secret', mode: match[2] as KeyMode };
  if (/^op_[A-Za-z0-9_-]{16,}$/.test(key)) return { kind: 'operator', mode: 'live' };
  return null;
}

/** The part of a key that is safe to show in a list: `sk_test_AbC1…`. */
export function keyHint(key: string): string {
  return `${key.slice(0, key.indexOf('_', 3) + 5)}…`;
}

/** A random secret for signing webhooks, `whsec_...`. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
