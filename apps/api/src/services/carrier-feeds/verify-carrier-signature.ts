// The tracking services' webhook signatures, checked over the raw body before anything in it
// is read. Both are HMAC-SHA256 keyed by the feed's secret; they differ in encoding.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { CarrierFeedProvider } from '@lg/db';

/** The header each provider signs with (lower case, as Node presents it). */
export const SIGNATURE_HEADERS: Readonly<Record<CarrierFeedProvider, string>> = {
  EASYPOST: 'x-hmac-signature',
  AFTERSHIP: 'aftership-hmac-sha256',
};

/** The header value `provider` would send for `rawBody` signed with `secret`. */
function carrierSignature(
  provider: CarrierFeedProvider,
  secret: string,
  rawBody: Uint8Array,
): string {
  if (provider === 'EASYPOST') {
    // EasyPost keys the HMAC with the NFKD form of the secret, and sends hex behind a label.
    const hex = createHmac('sha256', Buffer.from(secret.normalize('NFKD'), 'utf8'))
      .update(rawBody)
      .digest('hex');
    return `hmac-sha256-hex=${hex}`;
  }
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(rawBody).digest('base64');
}

/**
 * Whether `header` is `provider`'s signature of `rawBody` under any of `secrets` (the current
 * one, and the previous one during its overlap). Compared in constant time, every secret
 * tried, so the answer's timing tells nothing about which part matched.
 */
export function verifyCarrierSignature(
  provider: CarrierFeedProvider,
  header: string | undefined,
  rawBody: Uint8Array,
  secrets: readonly string[],
): boolean {
  const given = Buffer.from(header?.trim() ?? '', 'utf8');
  let verified = false;
  for (const secret of secrets) {
    const expected = Buffer.from(carrierSignature(provider, secret, rawBody), 'utf8');
    const same =
      given.length === expected.length
        ? timingSafeEqual(given, expected)
        : // Still spend a comparison, then refuse: lengths differ for any forged value.
          !timingSafeEqual(expected, expected);
    verified ||= same;
  }
  return verified && given.length > 0;
}
