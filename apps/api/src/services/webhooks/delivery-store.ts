// What the webhook use cases share: a webhook delivery as the log shows it (the delivery, its
// event and every attempt), read by id or in pages. Member emails are deliveries too but never
// shown here: their target is the member's address.
import type { DeliveryAttemptRow, DeliveryRow, StoredEvent } from '@lg/db';
import { deliveries, deliveryAttempts, outboxEvents } from '@lg/db';
import type { Database } from '@lg/db/client';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { webhookBody } from '../../outbox/channels/webhook.js';
import { publicFailure } from '../../outbox/failure-class.js';
import { isUuid } from '../uuid.js';

export type DeliveryStatus = DeliveryRow['status'];

/** PENDING: waiting for its next attempt; DELIVERED: answered 2xx; DEAD: given up on. */
export const DELIVERY_STATUSES = [
  'PENDING',
  'DELIVERED',
  'DEAD',
] as const satisfies readonly DeliveryStatus[];

/** A webhook delivery with what the log shows about it. */
export interface WebhookDeliveryView extends DeliveryRow {
  eventType: string;
  /** The JSON body as sent: `{ id, type, createdAt, data }`. */
  body: string;
  attemptRows: DeliveryAttemptRow[];
}

/** The columns a view is read from: the delivery, its event's type and body. */
export const VIEW_COLUMNS = {
  delivery: deliveries,
  eventType: outboxEvents.type,
  payload: outboxEvents.payload,
};

interface ViewRow {
  delivery: DeliveryRow;
  eventType: string;
  payload: StoredEvent;
}

/** The views of `rows`, each with its attempts in order (one query for all of them). */
export async function withAttempts(db: Database, rows: ViewRow[]): Promise<WebhookDeliveryView[]> {
  const ids = rows.map((row) => row.delivery.id);
  const attempts =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(deliveryAttempts)
          .where(inArray(deliveryAttempts.deliveryId, ids))
          .orderBy(asc(deliveryAttempts.deliveryId), asc(deliveryAttempts.attempt));
  const byDelivery = new Map<string, DeliveryAttemptRow[]>();
  for (const attempt of attempts) {
    const list = byDelivery.get(attempt.deliveryId);
    if (list) list.push(attempt);
    else byDelivery.set(attempt.deliveryId, [attempt]);
  }
  // Errors as classes only, whatever version recorded them (outbox/failure-class.ts).
  return rows.map((row) => ({
    ...row.delivery,
    lastError: publicFailure(row.delivery.lastError),
    eventType: row.eventType,
    body: webhookBody(row.payload),
    attemptRows: (byDelivery.get(row.delivery.id) ?? []).map((attempt) => ({
      ...attempt,
      error: publicFailure(attempt.error),
    })),
  }));
}

/** One webhook delivery, if `storefrontId` (null: an operator) may see it. */
export async function findWebhookDelivery(
  db: Database,
  id: string,
  storefrontId: string | null,
): Promise<WebhookDeliveryView | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select(VIEW_COLUMNS)
    .from(deliveries)
    .innerJoin(outboxEvents, eq(outboxEvents.id, deliveries.eventId))
    .where(and(eq(deliveries.id, id), eq(deliveries.channel, 'webhook')));
  if (!row || (storefrontId !== null && row.delivery.storefrontId !== storefrontId)) return null;
  const [view] = await withAttempts(db, [row]);
  return view ?? null;
}
