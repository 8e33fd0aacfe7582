// Webhook signatures: `LG-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`. The
// timestamp is inside the signed text so a captured request can't be replayed later with a
// fresh time; receivers refuse signatures older than a few minutes.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'LG-Signature';
export const EVENT_ID_HEADER = 'LG-Event-Id';
export const EVENT_TYPE_HEADER = 'LG-Event-Type';
export const DELIVERY_ID_HEADER = 'LG-Delivery-Id';
export const ATTEMPT_HEADER = 'LG-Delivery-Attempt';

/** How old a signature a receiver should still accept. */
const DEFAULT_TOLERANCE_SECONDS = 300;

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * The `LG-Signature` header value for `body` sent at `timestamp` (unix seconds): one `v1` per
 * secret, in the order given. During a rotation's grace the previous secret signs first and the
 * current one last, so a receiver that reads only the last `v1` works with the current secret
 * exactly as it did before rotations had a grace period.
 */
export function signWebhook(secrets: readonly string[], body: string, timestamp: number): string {
  return `t=${timestamp}${secrets.map((secret) => `,v1=${hmac(secret, timestamp, body)}`).join('')}`;
}

export interface VerifyOptions {
  /** The receiver's clock, unix seconds. */
  now?: number;
  toleranceSeconds?: number;
}

/**
 * What a receiver does: recompute the HMAC over the raw body and compare in constant time.
 * Any `v1` in the header may match (room for signing with two secrets during a rotation).
 */
export function verifyWebhookSignature(
  header: string | null | undefined,
  body: string,
  secret: string,
  options: VerifyOptions = {},
): boolean {
  if (!header) return false;
  let timestamp: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) candidates.push(value);
  }
  if (timestamp === null || candidates.length === 0) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS))
    return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  return candidates.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
}
