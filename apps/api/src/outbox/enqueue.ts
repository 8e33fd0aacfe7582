// The transactional outbox's write side: called inside the transaction of the state change it
// reports, so the change and its event commit together or not at all (docs/architecture.md).
import { randomUUID } from 'node:crypto';
import type { Queryable } from '@lg/db/client';
import { sql } from 'drizzle-orm';

export type EventType =
  | 'guarantee.purchased'
  | 'guarantee.cancelled'
  | 'claim.filed'
  | 'claim.status_changed'
  | 'claim.completed'
  /** The answer to a member's claim email: mailed to its sender, never a webhook. */
  | 'email.reply';

/** Events the member is emailed about (POLICY R19 and the receipts around it). */
const MEMBER_EMAIL_EVENTS: ReadonlySet<EventType> = new Set([
  'guarantee.purchased',
  'guarantee.cancelled',
  'claim.filed',
  'claim.completed',
  'email.reply',
]);

/** Events that are the member's mail alone: a storefront's webhook never receives them. */
const EMAIL_ONLY_EVENTS: ReadonlySet<EventType> = new Set(['email.reply']);

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

/**
 * Records the event and its deliveries (the storefront's webhook, if it has one; the member's
 * email, for member-facing events) and wakes the dispatchers, in one statement: every purchase
 * and claim change pays for this, and each extra round trip to PostgreSQL costs more than the
 * SQL does (BENCHMARKS.md, "Purchases").
 */
export async function enqueueEvent(tx: Queryable, event: NewEvent, now: Date): Promise<string> {
  const id = randomUUID();
  const at = now.toISOString();
  const payload = JSON.stringify({ id, type: event.type, createdAt: at, data: event.data });
  const email = event.memberEmail && MEMBER_EMAIL_EVENTS.has(event.type) ? event.memberEmail : null;
  const webhook = !EMAIL_ONLY_EVENTS.has(event.type);
  // The webhook URL is recorded for the log; the dispatcher sends to the storefront's URL as
  // it is at each attempt, so a corrected URL applies to pending retries too.
  await tx.execute(sql`
    with event as (
      insert into outbox_events (id, storefront_id, type, aggregate_id, payload, created_at)
      values (${id}, ${event.storefrontId}, ${event.type}, ${event.aggregateId},
              ${payload}::jsonb, ${at}::timestamptz)
      returning seq
    ), targets as (
      insert into deliveries (id, event_id, event_seq, storefront_id, aggregate_id, channel,
                              target, next_attempt_at, created_at)
      select ${randomUUID()}::uuid, ${id}::uuid, event.seq, ${event.storefrontId}::uuid,
             ${event.aggregateId}::uuid, 'webhook', storefronts.webhook_url,
             ${at}::timestamptz, ${at}::timestamptz
        from event join storefronts on storefronts.id = ${event.storefrontId}::uuid
       where storefronts.webhook_url is not null and ${webhook}::boolean
      union all
      select ${randomUUID()}::uuid, ${id}::uuid, event.seq, ${event.storefrontId}::uuid,
             ${event.aggregateId}::uuid, 'email', ${email}::text,
             ${at}::timestamptz, ${at}::timestamptz
        from event
       where ${email}::text is not null
      returning 1
    )
    select pg_notify(${OUTBOX_CHANNEL}, '') where exists (select 1 from targets)
  `);
  return id;
}
