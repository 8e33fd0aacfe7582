// The transactional outbox's write side: called inside the transaction of the state change it
// reports, so the change and its event commit together or not at all (DESIGN.md).
import { randomUUID } from 'node:crypto';
import { deliveries, outboxEvents, storefronts } from '@lg/db';
import type { Queryable } from '@lg/db/client';
import { eq, sql } from 'drizzle-orm';

export type EventType =
  | 'guarantee.purchased'
  | 'guarantee.cancelled'
  | 'claim.filed'
  | 'claim.status_changed'
  | 'claim.completed';

export const EVENT_TYPES: readonly EventType[] = [
  'guarantee.purchased',
  'guarantee.cancelled',
  'claim.filed',
  'claim.status_changed',
  'claim.completed',
];

/** Events the member is emailed about (POLICY R19 and the receipts around it). */
export const MEMBER_EMAIL_EVENTS: ReadonlySet<EventType> = new Set([
  'guarantee.purchased',
  'claim.filed',
  'claim.completed',
]);

/**
 * The NOTIFY channel dispatchers LISTEN on. PostgreSQL delivers a notification only when the
 * transaction that sent it commits, so a woken dispatcher always finds the new rows.
 */
export const OUTBOX_CHANNEL = 'lg_outbox';

export interface NewEvent {
  storefrontId: string;
  type: EventType;
  /** The guarantee or claim the event is about: delivery is ordered per aggregate. */
  aggregateId: string;
  /** The object as the API returns it. */
  data: unknown;
  /** Where the member email goes, for member-facing events. */
  memberEmail?: string | undefined;
}

export async function enqueueEvent(tx: Queryable, event: NewEvent, now: Date): Promise<string> {
  const id = randomUUID();
  const [row] = await tx
    .insert(outboxEvents)
    .values({
      id,
      storefrontId: event.storefrontId,
      type: event.type,
      aggregateId: event.aggregateId,
      payload: { id, type: event.type, createdAt: now.toISOString(), data: event.data },
      createdAt: now,
    })
    .returning({ seq: outboxEvents.seq });
  const seq = row?.seq as number;

  const [storefront] = await tx
    .select({ webhookUrl: storefronts.webhookUrl })
    .from(storefronts)
    .where(eq(storefronts.id, event.storefrontId));
  const targets: (typeof deliveries.$inferInsert)[] = [];
  const common = {
    eventId: id,
    eventSeq: seq,
    storefrontId: event.storefrontId,
    aggregateId: event.aggregateId,
    nextAttemptAt: now,
    createdAt: now,
  };
  if (storefront?.webhookUrl) {
    // The URL is recorded for the log; the dispatcher sends to the storefront's URL as it is
    // at each attempt, so a corrected URL applies to pending retries too.
    targets.push({
      ...common,
      id: randomUUID(),
      channel: 'webhook',
      target: storefront.webhookUrl,
    });
  }
  if (event.memberEmail && MEMBER_EMAIL_EVENTS.has(event.type)) {
    targets.push({ ...common, id: randomUUID(), channel: 'email', target: event.memberEmail });
  }
  if (targets.length > 0) {
    await tx.insert(deliveries).values(targets);
    await tx.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
  }
  return id;
}
