// What a storefront can see and do about its webhooks: the delivery log (every attempt, its
// status code and the next try), redelivery, secret rotation and the URL. Member emails are
// deliveries too but never listed here: their target is the member's address.
import { randomUUID } from 'node:crypto';
import type { StorefrontRow } from '@lg/db';
import { deliveries, deliveryAttempts, outboxEvents, storefronts } from '@lg/db';
import type { Database } from '@lg/db/client';
import { and, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { generateWebhookSecret } from '../auth/api-keys.js';
import {
  decodeCursor,
  emptyPage,
  encodeCursor,
  type Page,
  toPage,
} from '../services/keyset-cursor.js';
import { failure, type Outcome, Refused, refusalsAsOutcome, success } from '../services/outcome.js';
import { isUuid } from '../services/uuid.js';
import { OUTBOX_CHANNEL } from './enqueue.js';

export type DeliveryRow = typeof deliveries.$inferSelect;
export type DeliveryAttemptRow = typeof deliveryAttempts.$inferSelect;
export type DeliveryStatus = DeliveryRow['status'];
export const DELIVERY_STATUSES = ['PENDING', 'DELIVERED', 'DEAD'] as const;

/** A webhook delivery with what the log shows about it. */
export interface WebhookDeliveryView extends DeliveryRow {
  eventType: string;
  payload: unknown;
  attemptRows: DeliveryAttemptRow[];
}

export interface DeliveryFilter {
  status?: readonly DeliveryStatus[] | null | undefined;
  eventType?: string | null | undefined;
  eventId?: string | null | undefined;
}

export type DeliveryPage = Page<WebhookDeliveryView>;

function cursorOf(row: DeliveryRow): string {
  return encodeCursor(row.createdAt.getTime(), row.id);
}

async function withAttempts(
  db: Database,
  rows: { delivery: DeliveryRow; eventType: string; payload: unknown }[],
): Promise<WebhookDeliveryView[]> {
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
  return rows.map((row) => ({
    ...row.delivery,
    eventType: row.eventType,
    payload: row.payload,
    attemptRows: byDelivery.get(row.delivery.id) ?? [],
  }));
}

/** Newest first. `storefrontId` null: every storefront (operators). */
export async function listWebhookDeliveries(
  db: Database,
  args: {
    storefrontId: string | null;
    first: number;
    after?: string | null | undefined;
    filter?: DeliveryFilter | null | undefined;
  },
): Promise<DeliveryPage> {
  const where: (SQL | undefined)[] = [eq(deliveries.channel, 'webhook')];
  if (args.storefrontId) where.push(eq(deliveries.storefrontId, args.storefrontId));
  const filter = args.filter ?? {};
  if (filter.status && filter.status.length > 0)
    where.push(inArray(deliveries.status, [...filter.status]));
  if (filter.eventType) where.push(eq(outboxEvents.type, filter.eventType));
  if (filter.eventId) {
    if (!isUuid(filter.eventId)) return emptyPage();
    where.push(eq(deliveries.eventId, filter.eventId));
  }
  if (args.after) {
    const cursor = decodeCursor(args.after);
    where.push(
      or(
        sql`${deliveries.createdAt} < ${new Date(cursor.key ?? 0).toISOString()}::timestamptz`,
        and(
          sql`${deliveries.createdAt} = ${new Date(cursor.key ?? 0).toISOString()}::timestamptz`,
          sql`${deliveries.id} < ${cursor.id}::uuid`,
        ),
      ),
    );
  }
  const rows = await db
    .select({ delivery: deliveries, eventType: outboxEvents.type, payload: outboxEvents.payload })
    .from(deliveries)
    .innerJoin(outboxEvents, eq(outboxEvents.id, deliveries.eventId))
    .where(and(...where))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(args.first + 1);
  const nodes = await withAttempts(db, rows.slice(0, args.first));
  return toPage(nodes, rows.length > args.first, args.after, cursorOf);
}

/** One webhook delivery, if `storefrontId` (null: an operator) may see it. */
export async function loadWebhookDelivery(
  db: Database,
  id: string,
  storefrontId: string | null,
): Promise<WebhookDeliveryView | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ delivery: deliveries, eventType: outboxEvents.type, payload: outboxEvents.payload })
    .from(deliveries)
    .innerJoin(outboxEvents, eq(outboxEvents.id, deliveries.eventId))
    .where(and(eq(deliveries.id, id), eq(deliveries.channel, 'webhook')));
  if (!row || (storefrontId !== null && row.delivery.storefrontId !== storefrontId)) return null;
  const [view] = await withAttempts(db, [row]);
  return view ?? null;
}

/**
 * Sends an event again: a new delivery of it with a fresh retry schedule, whatever became of
 * the first (dead, or delivered and lost by the receiver). One pending delivery per event.
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
      await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
      return success(id);
    }),
  );
  if (!outcome.ok) return outcome;
  const view = await loadWebhookDelivery(db, outcome.value, null);
  if (!view) throw new Error('redelivery vanished');
  return success(view);
}

/** How long deliveries are signed with the previous secret too after a rotation. */
export const WEBHOOK_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * A new signing secret, effective for every delivery attempted from now on. Shown once. Until
 * the grace period ends deliveries are signed with the replaced secret too (a second `v1`), so
 * a receiver that still checks the old one accepts them while it is being switched over.
 */
export async function rotateWebhookSecret(
  db: Database,
  storefrontId: string,
  now: Date,
): Promise<Outcome<{ storefront: StorefrontRow; webhookSecret: string }>> {
  const webhookSecret = generateWebhookSecret();
  const [storefront] = await db
    .update(storefronts)
    .set({
      webhookSecret,
      // The right-hand side reads the row as it was before this update.
      previousWebhookSecret: sql`${storefronts.webhookSecret}`,
      previousWebhookSecretExpiresAt: new Date(now.getTime() + WEBHOOK_SECRET_GRACE_MS),
    })
    .where(eq(storefronts.id, storefrontId))
    .returning();
  if (!storefront) return failure('NOT_FOUND', 'no such storefront', ['input', 'storefrontId']);
  return success({ storefront, webhookSecret });
}
