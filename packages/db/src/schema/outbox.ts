import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { StoredEvent } from '../json-columns.js';
import { storefronts } from './accounts.js';
import { at, recordedAt } from './columns.js';

/**
 * Transactional outbox: written in the same transaction as the state change it reports.
 * `aggregateId` (a claim or guarantee id) orders delivery per aggregate.
 */
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: uuid().primaryKey(),
    seq: bigint({ mode: 'number' }).generatedAlwaysAsIdentity(),
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    type: text().notNull(),
    aggregateId: uuid().notNull(),
    payload: jsonb().$type<StoredEvent>().notNull(),
    createdAt: recordedAt(),
  },
  (t) => [
    uniqueIndex('outbox_events_seq').on(t.seq),
    index('outbox_events_aggregate_idx').on(t.aggregateId, t.seq),
  ],
);

/** One delivery of one event over one channel (a webhook or a member email). */
export const deliveries = pgTable(
  'deliveries',
  {
    id: uuid().primaryKey(),
    eventId: uuid()
      .notNull()
      .references(() => outboxEvents.id),
    eventSeq: bigint({ mode: 'number' }).notNull(),
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    aggregateId: uuid().notNull(),
    channel: text({ enum: ['webhook', 'email'] }).notNull(),
    target: text().notNull(),
    status: text({ enum: ['PENDING', 'DELIVERED', 'DEAD'] })
      .notNull()
      .default('PENDING'),
    attempts: integer().notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    // A dispatcher's lease: until it expires no other dispatcher claims the delivery; the
    // token lets the holder record its result only while the lease is still its own.
    lockedUntil: at('locked_until'),
    lockedBy: text(),
    // A redelivery a storefront asked for is a new delivery of the same event.
    redeliveryOf: uuid(),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: at('delivered_at'),
    createdAt: recordedAt(),
  },
  (t) => [
    index('deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('deliveries_storefront_idx').on(t.storefrontId, t.createdAt),
    index('deliveries_aggregate_idx').on(t.channel, t.aggregateId, t.eventSeq),
  ],
);

/** Each attempt of a delivery, for the storefront's delivery log. */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: uuid().primaryKey(),
    deliveryId: uuid()
      .notNull()
      .references(() => deliveries.id),
    attempt: integer().notNull(),
    at: recordedAt('at'),
    // Where a webhook attempt went: the storefront's URL as it was at that moment.
    url: text(),
    statusCode: integer(),
    error: text(),
    durationMs: integer().notNull(),
    ok: boolean().notNull(),
  },
  (t) => [uniqueIndex('delivery_attempts_unique').on(t.deliveryId, t.attempt)],
);

export type OutboxEventRow = typeof outboxEvents.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type DeliveryAttemptRow = typeof deliveryAttempts.$inferSelect;
