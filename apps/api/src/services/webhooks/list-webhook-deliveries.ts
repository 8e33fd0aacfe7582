// The delivery log: a storefront's webhook deliveries, newest first, in keyset pages.
import { deliveries, outboxEvents } from '@lg/db';
import type { Database } from '@lg/db/client';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import {
  emptyPage,
  encodeCursor,
  type Page,
  type PageRequest,
  readPage,
} from '../keyset-cursor.js';
import {
  beyondWindow,
  countUpTo,
  type KeysetOrder,
  pageWindow,
  scanOrder,
  timestampKey,
} from '../keyset-window.js';
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

/** Newest first: creation time, then id, both descending. */
const LOG_ORDER: KeysetOrder = {
  key: deliveries.createdAt,
  id: deliveries.id,
  descending: true,
  // Every delivery has a creation time, so no cursor this API issued has a null key; one a
  // client wrote that way pages from the epoch, as any other instant would.
  keyOf: (key) => timestampKey(key ?? 0),
};

function cursorOf(row: WebhookDeliveryView): string {
  return encodeCursor(row.createdAt.getTime(), row.id);
}

/**
 * Newest first, forward or backward. `storefrontId` null: every storefront (operators). The
 * page's cursors were checked when the request was read (readPageArguments).
 */
export async function listWebhookDeliveries(
  db: Database,
  args: {
    storefrontId: string | null;
    page: PageRequest;
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
  const { page } = args;
  return readPage(
    page,
    {
      scan: async (limit) =>
        withAttempts(
          db,
          await db
            .select(VIEW_COLUMNS)
            .from(deliveries)
            .innerJoin(outboxEvents, eq(outboxEvents.id, deliveries.eventId))
            .where(and(...where, ...pageWindow(LOG_ORDER, page)))
            .orderBy(...scanOrder(LOG_ORDER, page))
            .limit(limit),
        ),
      exists: async (side) => {
        const found = await db
          .select({ id: deliveries.id })
          .from(deliveries)
          .innerJoin(outboxEvents, eq(outboxEvents.id, deliveries.eventId))
          .where(and(...where, beyondWindow(LOG_ORDER, page, side)))
          .limit(1);
        return found.length > 0;
      },
      count: () =>
        countUpTo(
          db,
          db
            .select({ one: sql`1` })
            .from(deliveries)
            .innerJoin(outboxEvents, eq(outboxEvents.id, deliveries.eventId))
            .where(and(...where)),
        ),
    },
    cursorOf,
  );
}
