// The delivery log: a storefront's webhook deliveries, newest first, in keyset pages.
import { deliveries, outboxEvents } from '@lg/db';
import type { Database } from '@lg/db/client';
import { and, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import {
  BadCursor,
  decodeCursor,
  emptyPage,
  encodeCursor,
  type Page,
  toPage,
} from '../keyset-cursor.js';
import { isUuid } from '../uuid.js';
import {
  type DeliveryStatus,
  VIEW_COLUMNS,
  type WebhookDeliveryView,
  withAttempts,
} from './delivery-store.js';

export interface DeliveryFilter {
  status?: readonly DeliveryStatus[] | null | undefined;
  eventType?: string | null | undefined;
  eventId?: string | null | undefined;
}

export type DeliveryPage = Page<WebhookDeliveryView>;

function cursorOf(row: WebhookDeliveryView): string {
  return encodeCursor(row.createdAt.getTime(), row.id);
}

/**
 * Newest first. `storefrontId` null: every storefront (operators). `first` is the page size,
 * bounded by the caller; an `after` this API did not issue throws BadCursor.
 */
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
    // A key no date can have (it would make toISOString throw) is no cursor of ours either.
    const createdAt = new Date(cursor.key ?? 0);
    if (Number.isNaN(createdAt.getTime())) throw new BadCursor();
    const at = sql`${createdAt.toISOString()}::timestamptz`;
    where.push(
      or(
        sql`${deliveries.createdAt} < ${at}`,
        and(sql`${deliveries.createdAt} = ${at}`, sql`${deliveries.id} < ${cursor.id}::uuid`),
      ),
    );
  }
  const rows = await db
    .select(VIEW_COLUMNS)
    .from(deliveries)
    .innerJoin(outboxEvents, eq(outboxEvents.id, deliveries.eventId))
    .where(and(...where))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(args.first + 1);
  const nodes = await withAttempts(db, rows.slice(0, args.first));
  return toPage(nodes, rows.length > args.first, args.after, cursorOf);
}
