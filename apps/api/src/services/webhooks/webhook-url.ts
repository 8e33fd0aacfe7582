// Which webhook URLs a storefront may set. What the URL alone shows to be private is refused
// here; a name is checked again when a delivery connects (outbox/network-guard.ts).
import { isPrivateAddress, literalAddress } from '../../outbox/network-guard.js';
import type { UserErrorShape } from '../outcome.js';

/** Whether webhooks may reach private and loopback addresses (LG_WEBHOOK_PRIVATE_NETWORKS). */
export interface WebhookPolicy {
  allowPrivateNetworks: boolean;
}

/** The refusal for a URL no webhook may have under `policy`; null when it is acceptable. */
export function checkWebhookUrl(
  value: string,
  field: string[],
  policy: WebhookPolicy,
): UserErrorShape | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { code: 'INVALID_INPUT', message: 'webhookUrl must be an http(s) URL', field };
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || value.length > 2048) {
    return { code: 'INVALID_INPUT', message: 'webhookUrl must be an http(s) URL', field };
  }
  const literal = literalAddress(url);
  const local = url.hostname === 'localhost' || url.hostname.endsWith('.localhost');
  if (!policy.allowPrivateNetworks && (local || (literal !== null && isPrivateAddress(literal)))) {
    return { code: 'INVALID_INPUT', message: 'webhookUrl must point to a public address', field };
  }
  return null;
}
