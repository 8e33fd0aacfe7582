// The deliveries table as a queue shared by every dispatcher on one database. Two statements
// carry the guarantees the outbox makes:
// - leasing: a due delivery is claimed with FOR UPDATE SKIP LOCKED and leased (locked_until +
//   this queue's token), so no two dispatchers send the same attempt at once and a crashed
//   one's lease just expires; it is due only when no earlier delivery of its channel and
//   aggregate (claim or guarantee) is still pending, so events of one claim arrive in order;
// - recording: an attempt's result is written only while the lease is still this queue's, so
//   a dispatcher that outlived its lease records nothing and the new holder's word stands.
// Both are short statements outside any network I/O: the single PGlite connection is never
// held while a receiver answers.
import { randomUUID } from 'node:crypto';
import { type DeliveryRow, deliveries, deliveryAttempts, type StoredEvent } from '@lg/db';
import type { Database } from '@lg/db/client';
import { rowsOf } from '@lg/db/client';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AttemptResult } from './attempt-result.js';

export type DeliveryChannel = DeliveryRow['channel'];
export type DeliveryStatus = DeliveryRow['status'];

/** A leased delivery with what sending it needs, read in the same statement that leased it. */
export interface LeasedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  event: StoredEvent;
  storefrontId: string;
  storefrontName: string;
  /** The storefront's URL and secrets as they are now (a change applies to retries too). */
  webhookUrl: string | null;
  /** The previous signing secret while its rotation grace lasts, then the current one. */
  webhookSecrets: string[];
  channel: DeliveryChannel;
  target: string;
  /** Attempts recorded before this one. */
  attempts: number;
  aggregateId: string;
  eventSeq: number;
}

export interface LeaseRequest {
  now: Date;
  /** How long the lease holds; must outlast a send. */
  leaseMs: number;
  limit: number;
  /** Storefronts whose webhooks are not wanted now (this dispatcher's cap is reached). */
  skipWebhooksOf?: readonly string[];
}

/** One attempt's result and the delivery's next state, to be written while the lease holds. */
export interface AttemptRecord {
  delivery: Pick<LeasedDelivery, 'id' | 'channel' | 'aggregateId' | 'eventSeq'>;
  /** 1-based number of this attempt. */
  attempt: number;
  status: DeliveryStatus;
  /** The next attempt's time for PENDING; `at` otherwise. */
  nextAttemptAt: Date;
  at: Date;
  /** Where the attempt went; null keeps the delivery's recorded target. */
  url: string | null;
  result: AttemptResult;
}

function timestamp(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}

interface LeasedRow {
  id: string;
  event_id: string;
  storefront_id: string;
  channel: DeliveryChannel;
  target: string;
  attempts: number | string;
  aggregate_id: string;
  event_seq: number | string;
  event_type: string;
  payload: StoredEvent | string;
  storefront_name: string;
  webhook_url: string | null;
  webhook_secret: string;
  previous_webhook_secret: string | null;
}

export class DeliveryQueue {
  readonly #db: Database;
  /** Identifies this queue's leases. */
  readonly token: string;

  constructor(db: Database, token: string = randomUUID()) {
    this.#db = db;
    this.token = token;
  }

  /** Leases up to `limit` due deliveries, oldest due first, and reads what sending them takes. */
  async lease(request: LeaseRequest): Promise<LeasedDelivery[]> {
    const { now } = request;
    const leaseUntil = new Date(now.getTime() + request.leaseMs);
    const skip = request.skipWebhooksOf ?? [];
    const skipSaturated =
      skip.length > 0
        ? sql`and not (d.channel = 'webhook' and d.storefront_id in (${sql.join(
            skip.map((id) => sql`${id}::uuid`),
            sql`, `,
          )}))`
        : sql``;
    // One statement: pick the due deliveries no one holds, lease them, and read what sending
    // them takes. SKIP LOCKED lets concurrent dispatchers take disjoint batches instead of
    // queueing behind each other.
    const result = await this.#db.execute(sql`
      with picked as (
        select d.id from deliveries d
        where d.status = 'PENDING'
          and d.next_attempt_at <= ${timestamp(now)}
          and (d.locked_until is null or d.locked_until <= ${timestamp(now)})
          ${skipSaturated}
          -- The first pending delivery of its channel and aggregate. A scalar subquery, not
          -- NOT EXISTS: it always runs as an index probe per candidate, even on a table never
          -- analysed (PGlite), where an anti-join plan degrades to scanning every pending row.
          and d.event_seq = (
            select min(e.event_seq) from deliveries e
            where e.channel = d.channel and e.aggregate_id = d.aggregate_id
              and e.status = 'PENDING')
        order by d.next_attempt_at, d.event_seq
        limit ${request.limit}
        for update of d skip locked),
      leased as (
        update deliveries set locked_until = ${timestamp(leaseUntil)}, locked_by = ${this.token}
        from picked where deliveries.id = picked.id
        returning deliveries.id, deliveries.event_id, deliveries.storefront_id,
          deliveries.channel, deliveries.target, deliveries.attempts, deliveries.event_seq,
          deliveries.aggregate_id, deliveries.next_attempt_at)
      select l.id, l.event_id, l.storefront_id, l.channel, l.target, l.attempts,
        l.aggregate_id, l.event_seq, e.type as event_type, e.payload, s.name as storefront_name, s.webhook_url, s.webhook_secret,
        case when s.previous_webhook_secret_expires_at > ${timestamp(now)}
          then s.previous_webhook_secret end as previous_webhook_secret
      from leased l
      join outbox_events e on e.id = l.event_id
      join storefronts s on s.id = l.storefront_id
      order by l.next_attempt_at, l.event_seq`);
    return rowsOf<LeasedRow>(result).map(
      (row): LeasedDelivery => ({
        id: row.id,
        eventId: row.event_id,
        eventType: row.event_type,
        // postgres.js parses jsonb, PGlite too; a driver that doesn't hands back the text.
        event: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
        storefrontId: row.storefront_id,
        storefrontName: row.storefront_name,
        webhookUrl: row.webhook_url,
        webhookSecrets: row.previous_webhook_secret
          ? [row.previous_webhook_secret, row.webhook_secret]
          : [row.webhook_secret],
        channel: row.channel,
        target: row.target,
        attempts: Number(row.attempts),
        aggregateId: row.aggregate_id,
        eventSeq: Number(row.event_seq),
      }),
    );
  }

  /** Hands leased deliveries back unattempted, for any dispatcher to take at once. */
  async release(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.#db
      .update(deliveries)
      .set({ lockedUntil: null, lockedBy: null })
      .where(and(inArray(deliveries.id, [...ids]), eq(deliveries.lockedBy, this.token)));
  }

  /**
   * Writes the attempts and their deliveries' next state in one transaction, each only where
   * the lease is still this queue's. Answers the ids that were recorded.
   */
  async record(records: readonly AttemptRecord[]): Promise<Set<string>> {
    if (records.length === 0) return new Set();
    const iso = (date: Date | null) => (date ? date.toISOString() : null);
    const values = sql.join(
      records.map(
        (o) =>
          sql`(${o.delivery.id}::uuid, ${o.status}, ${o.attempt}::int, ${iso(o.nextAttemptAt)}::timestamptz, ${o.result.statusCode}::int, ${o.result.error}::text, ${iso(o.result.ok ? o.at : null)}::timestamptz, ${o.url}::text)`,
      ),
      sql`, `,
    );
    return this.#db.transaction(async (tx) => {
      const updated = rowsOf<{ id: string }>(
        await tx.execute(sql`
          update deliveries d set
            status = v.status, attempts = v.attempt, next_attempt_at = v.next_attempt_at,
            locked_until = null, locked_by = null, last_status_code = v.status_code,
            last_error = v.error, delivered_at = v.delivered_at, target = coalesce(v.url, d.target)
          from (values ${values}) as v(id, status, attempt, next_attempt_at, status_code, error, delivered_at, url)
          where d.id = v.id and d.locked_by = ${this.token}
          returning d.id`),
      );
      const recorded = new Set(updated.map((row) => row.id));
      // The events after a failed one wait for it (order per claim): they are due no earlier
      // than its retry, so the due scan skips them instead of re-checking them every round.
      const retries = records.filter((o) => o.status === 'PENDING' && recorded.has(o.delivery.id));
      if (retries.length > 0) {
        const waits = sql.join(
          retries.map(
            (o) =>
              sql`(${o.delivery.channel}::text, ${o.delivery.aggregateId}::uuid, ${o.delivery.eventSeq}::bigint, ${iso(o.nextAttemptAt)}::timestamptz)`,
          ),
          sql`, `,
        );
        await tx.execute(sql`
          update deliveries d set next_attempt_at = v.next_attempt_at
          from (values ${waits}) as v(channel, aggregate_id, event_seq, next_attempt_at)
          where d.channel = v.channel and d.aggregate_id = v.aggregate_id
            and d.status = 'PENDING' and d.event_seq > v.event_seq
            and d.next_attempt_at < v.next_attempt_at`);
      }
      const attempts = records.filter((o) => recorded.has(o.delivery.id));
      if (attempts.length > 0) {
        await tx.insert(deliveryAttempts).values(
          attempts.map((o) => ({
            id: randomUUID(),
            deliveryId: o.delivery.id,
            attempt: o.attempt,
            at: o.at,
            url: o.url,
            statusCode: o.result.statusCode,
            error: o.result.error,
            durationMs: o.result.durationMs,
            ok: o.result.ok,
          })),
        );
      }
      return recorded;
    });
  }
}
