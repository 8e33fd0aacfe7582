// The webhook channel: the event POSTed to the storefront's URL as it is at this attempt,
// signed with its current secrets (and the previous one while a rotation's grace lasts).
import type { StoredEvent } from '@lg/db';
import { FAILURE } from '../failure-class.js';
import { sendWebhook } from '../webhook-sender.js';
import { type Channel, failedForGood } from './channel.js';

export interface WebhookChannelOptions {
  /** The most one request may take. */
  timeoutMs: number;
  /** Let webhooks reach private and loopback addresses (LG_WEBHOOK_PRIVATE_NETWORKS=allow). */
  allowPrivateNetworks: boolean;
}

/** The documented envelope, in its documented key order (jsonb reorders keys). */
export function webhookBody(event: StoredEvent): string {
  return JSON.stringify({
    id: event.id,
    type: event.type,
    createdAt: event.createdAt,
    data: event.data,
  });
}

export function webhookChannel(options: WebhookChannelOptions): Channel {
  return {
    async send(delivery, signal) {
      if (!delivery.webhookUrl) return failedForGood(FAILURE.noUrl);
      const result = await sendWebhook({
        url: delivery.webhookUrl,
        body: webhookBody(delivery.event),
        secrets: delivery.webhookSecrets,
        eventId: delivery.eventId,
        eventType: delivery.eventType,
        deliveryId: delivery.id,
        attempt: delivery.attempts + 1,
        timeoutMs: options.timeoutMs,
        signal,
        allowPrivateNetworks: options.allowPrivateNetworks,
      });
      return { url: delivery.webhookUrl, result };
    },
  };
}
