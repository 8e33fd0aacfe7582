// A channel carries a leased delivery to its receiver: the storefront's webhook, the member's
// mailbox. The dispatcher knows channels only through this interface, so the loop, leasing
// and recording stay the same whatever a channel does.
import type { AttemptResult } from '../attempt-result.js';
import type { LeasedDelivery } from '../delivery-queue.js';

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
