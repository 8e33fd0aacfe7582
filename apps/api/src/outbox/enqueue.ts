// The transactional outbox's write side: called inside the transaction of the state change it
// reports, so the change and its event commit together or not at all (docs/architecture.md).
import { randomUUID } from 'node:crypto';
import type { Queryable } from '@lg/db/client';
import { type SQL, sql } from 'drizzle-orm';

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
  const write = outboxWrite(event, now);
  await tx.execute(sql`with ${write.ctes} select ${write.notified} as notified`);
  return write.id;
}

/** The event's writes, for a statement that records the state change too. */
export interface OutboxWrite {
  /** The new event's id. */
  id: string;
  /** Common table expressions named `event` and `targets`: the event and its deliveries. */
  ctes: SQL;
  /** A scalar that NOTIFYs the dispatchers when a delivery was queued: select it. */
  notified: SQL;
}

/**
 * The SQL of `enqueueEvent`, to put in a statement of the caller's, so a state change and its
 * event are one round trip. With `when`, a condition on the statement's other common table
 * expressions, the event is written only if it holds (e.g. the row it reports was inserted).
 */
export function outboxWrite(event: NewEvent, now: Date, when: SQL = sql`true`): OutboxWrite {
  const id = randomUUID();
  const at = now.toISOString();
  const payload = JSON.stringify({ id, type: event.type, createdAt: at, data: event.data });
  const email = event.memberEmail && MEMBER_EMAIL_EVENTS.has(event.type) ? event.memberEmail : null;
  const webhook = !EMAIL_ONLY_EVENTS.has(event.type);
  // The webhook URL is recorded for the log; the dispatcher sends to the storefront's URL as
  // it is at each attempt, so a corrected URL applies to pending retries too.
  const ctes = sql`event as (
      insert into outbox_events (id, storefront_id, type, aggregate_id, payload, created_at)
      select ${id}::uuid, ${event.storefrontId}::uuid, ${event.type}::text,
             ${event.aggregateId}::uuid, ${payload}::jsonb, ${at}::timestamptz
       where ${when}
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
    )`;
  // Read as a scalar by the statement, so the notify runs: only once a delivery was queued.
  const notified = sql`(select count(*)::int from (select pg_notify(${OUTBOX_CHANNEL}, '')
      where exists (select 1 from targets)) as notify)`;
  return { id, ctes, notified };
}
