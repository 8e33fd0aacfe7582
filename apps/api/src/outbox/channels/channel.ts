// A channel carries a leased delivery to its receiver: the storefront's webhook, the member's
// mailbox. The dispatcher knows channels only through this interface, so the loop, leasing
// and recording stay the same whatever a channel does.
import type { LeasedDelivery } from '../delivery-queue.js';

/** What one attempt of any channel produced. */
export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  /**
   * Why it failed, as a class of failure ("connection refused", "HTTP 500"): storefronts read
   * it in their delivery log, so never a secret, an address or a receiver's own error text.
   */
  error: string | null;
  durationMs: number;
  /** No retry can succeed (e.g. an SMTP 5xx for a mailbox that doesn't exist). */
  permanent?: boolean;
  /** The receiver asked for this much quiet (Retry-After). */
  retryAfterMs?: number | null;
  /** For the server log only, never recorded: what lies behind `error` (an error code). */
  detail?: string;
}

/** An attempt's result and where it went (a webhook's URL at that moment; null for email). */
export interface Sent {
  result: AttemptResult;
  url: string | null;
}

export interface Channel {
  /**
   * Sends one attempt. Failures the receiver causes are results, not exceptions; anything
   * thrown is a fault of ours and is recorded as a failed attempt by the dispatcher.
   */
  send(delivery: LeasedDelivery, signal: AbortSignal): Promise<Sent>;
}

/** An attempt that cannot succeed however often it is retried: dead-lettered at once. */
export function failedForGood(error: string): Sent {
  return {
    url: null,
    result: { ok: false, statusCode: null, error, durationMs: 0, permanent: true },
  };
}
