// redeliverWebhook: an event sent again as a new delivery with a fresh retry schedule, whatever
// became of the first (dead, or delivered and lost by the receiver).
import { randomUUID } from 'node:crypto';
import { deliveries, storefronts } from '@lg/db';
import type { Database } from '@lg/db/client';
import { and, eq, sql } from 'drizzle-orm';
import { OUTBOX_CHANNEL } from '../../outbox/enqueue.js';
import { type Outcome, Refused, refusalsAsOutcome, success } from '../outcome.js';
import { findWebhookDelivery, type WebhookDeliveryView } from './delivery-store.js';

/**
 * Redelivers `deliveryId` if `storefrontId` (null: an operator) may see it. One pending
 * delivery per event: asking again while one waits is refused.
 */
export async function redeliverWebhook(
  db: Database,
  storefrontId: string | null,
  deliveryId: string,
  now: Date,
): Promise<Outcome<WebhookDeliveryView>> {
  const field = ['input', 'deliveryId'];
  const outcome = await refusalsAsOutcome(() =>
    db.transaction(async (tx) => {
      const [original] = await tx
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.id, deliveryId), eq(deliveries.channel, 'webhook')))
        .for('update');
      if (!original || (storefrontId !== null && original.storefrontId !== storefrontId))
        throw Refused.of('NOT_FOUND', 'no such webhook delivery', field);
      const [storefront] = await tx
        .select({ webhookUrl: storefronts.webhookUrl })
        .from(storefronts)
        .where(eq(storefronts.id, original.storefrontId));
      if (!storefront?.webhookUrl) {
        throw Refused.of(
          'INVALID_INPUT',
          'the storefront has no webhook URL: set one with updateStorefront first',
          field,
        );
      }
      const [pending] = await tx
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(
          and(
            eq(deliveries.eventId, original.eventId),
            eq(deliveries.channel, 'webhook'),
            eq(deliveries.status, 'PENDING'),
          ),
        )
        .limit(1);
      if (pending) {
        throw Refused.of(
          'INVALID_TRANSITION',
          'this event is already waiting to be delivered; its pending delivery will be tried',
          field,
        );
      }
      const id = randomUUID();
      await tx.insert(deliveries).values({
        id,
        eventId: original.eventId,
        eventSeq: original.eventSeq,
        storefrontId: original.storefrontId,
        aggregateId: original.aggregateId,
        channel: 'webhook',
        target: storefront.webhookUrl,
        nextAttemptAt: now,
        createdAt: now,
        redeliveryOf: original.id,
      });
      // Wakes the dispatchers once this commits, as a new event does.
      await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
      return success(id);
    }),
  );
  if (!outcome.ok) return outcome;
  const view = await findWebhookDelivery(db, outcome.value, null);
  if (!view) throw new Error('redelivery vanished');
  return success(view);
}
