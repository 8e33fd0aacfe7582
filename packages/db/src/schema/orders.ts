// What was sold and shipped: guarantees (one per order, one per quote), the idempotency keys
// of their purchases, packages and the carrier events they are derived from.
import {
  GUARANTEE_STATUSES,
  PACKAGE_EVENT_TYPES,
  PACKAGE_STATUSES,
  type PackageFlag,
  type PostalAddress,
} from '@lg/domain';
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { StoredQuote } from '../json-columns.js';
import { policyVersions, storefronts } from './accounts.js';
import { at, money, recordedAt } from './columns.js';
import { ratePerUsd } from './exchange-rates.js';

export const guarantees = pgTable(
  'guarantees',
  {
    id: uuid().primaryKey(),
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    orderNumber: text().notNull(),
    memberId: text().notNull(),
    memberEmail: text().notNull(),
    status: text({ enum: GUARANTEE_STATUSES }).notNull().default('ACTIVE'),
    currency: text().notNull(),
    productValueMinor: money('product_value_minor').notNull(),
    feeMinor: money('fee_minor').notNull(),
    policyVersion: text()
      .notNull()
      .references(() => policyVersions.version),
    quoteId: text().notNull(),
    // The accepted quote as signed, kept as the record of what the member was offered.
    quote: jsonb().$type<StoredQuote>().notNull(),
    // The exchange rate the quote was priced at (null in USD): the fee, caps and payouts of
    // this guarantee use it for life, whatever rates are published later.
    fxPerUsd: ratePerUsd('fx_per_usd'),
    fxAsOf: at('fx_as_of'),
    fxSource: text(),
    purchasedAt: recordedAt('purchased_at'),
    cancelledAt: at('cancelled_at'),
    cancelledBy: text(),
    cancelReason: text(),
    // What was refunded when the guarantee was cancelled before shipping (R2): the fee.
    refundMinor: money('refund_minor'),
  },
  (t) => [
    uniqueIndex('guarantees_storefront_order_unique').on(t.storefrontId, t.orderNumber),
    // A quote token buys one guarantee: the same token can't cover a second order.
    uniqueIndex('guarantees_storefront_quote_unique').on(t.storefrontId, t.quoteId),
    index('guarantees_member_idx').on(t.storefrontId, t.memberId),
    // The loss report's guarantees sold and fees by month, and its refunds (cancellations):
    // index-only scans of a time range per storefront (apps/api services/reports/loss-report.ts).
    index('guarantees_purchased_report_idx').on(
      t.storefrontId,
      t.purchasedAt,
      t.currency,
      t.feeMinor,
    ),
    index('guarantees_cancelled_report_idx')
      .on(t.storefrontId, t.cancelledAt, t.currency, t.refundMinor)
      .where(sql`${t.cancelledAt} is not null`),
    check('guarantees_fee_positive', sql`${t.feeMinor} > 0 and ${t.productValueMinor} > 0`),
    check(
      'guarantees_cancel_consistent',
      sql`(${t.status} = 'CANCELLED') = (${t.cancelledAt} is not null)`,
    ),
    check(
      'guarantees_refund_when_cancelled',
      sql`(${t.status} = 'CANCELLED') = (${t.refundMinor} is not null) and coalesce(${t.refundMinor}, 0) >= 0`,
    ),
    check(
      'guarantees_exchange_rate_whole',
      sql`(${t.fxPerUsd} is null) = (${t.fxAsOf} is null) and (${t.fxAsOf} is null) = (${t.fxSource} is null) and coalesce(${t.fxPerUsd}, 1) > 0 and (${t.fxPerUsd} is null or ${t.currency} <> 'USD')`,
    ),
  ],
);

/** Stripe-style idempotency: the first response to a key is replayed to every retry. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    operation: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    response: jsonb(),
    createdAt: recordedAt(),
  },
  (t) => [primaryKey({ columns: [t.storefrontId, t.operation, t.key] })],
);

export const packages = pgTable(
  'packages',
  {
    id: uuid().primaryKey(),
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    guaranteeId: uuid()
      .notNull()
      .references(() => guarantees.id),
    trackingNumber: text().notNull(),
    currency: text().notNull(),
    declaredValueMinor: money('declared_value_minor').notNull(),
    salePriceMinor: money('sale_price_minor').notNull(),
    shippingFeeMinor: money('shipping_fee_minor').notNull(),
    estimatedWeightGrams: integer(),
    deliveryAddress: jsonb().$type<PostalAddress>(),
    // sha256 (hex) of @lg/domain deliveryAddressKey(deliveryAddress): one value per place, so
    // ADDRESS_SHARED_BY_MEMBERS finds every package sent there with one index lookup.
    deliveryAddressKey: text(),
    memberCenterAddress: jsonb().$type<PostalAddress>(),
    status: text({ enum: PACKAGE_STATUSES }).notNull().default('REGISTERED'),
    shippedAt: at('shipped_at'),
    arrivedAt: at('arrived_at'),
    deliveredAt: at('delivered_at'),
    lostAt: at('lost_at'),
    signedBy: text(),
    actualWeightGrams: integer(),
    flags: text().array().$type<PackageFlag[]>().notNull().default(sql`'{}'::text[]`),
    // Running total of payouts, raised only by a conditional UPDATE that re-checks the cap
    // (POLICY R9, R21): two concurrent payouts can't both pass.
    paidMinor: money('paid_minor').notNull().default(sql`0`),
    registeredAt: recordedAt('registered_at'),
  },
  (t) => [
    uniqueIndex('packages_storefront_tracking_unique').on(t.storefrontId, t.trackingNumber),
    index('packages_guarantee_idx').on(t.guaranteeId),
    index('packages_delivery_address_idx')
      .on(t.storefrontId, t.deliveryAddressKey)
      .where(sql`${t.deliveryAddressKey} is not null`),
    check(
      'packages_amounts_non_negative',
      sql`${t.declaredValueMinor} >= 0 and ${t.salePriceMinor} >= 0 and ${t.shippingFeeMinor} >= 0 and ${t.paidMinor} >= 0`,
    ),
  ],
);

/** Carrier events as reported; the package row's status is derived from all of them. */
export const packageEvents = pgTable(
  'package_events',
  {
    id: uuid().primaryKey(),
    packageId: uuid()
      .notNull()
      .references(() => packages.id),
    type: text({ enum: PACKAGE_EVENT_TYPES }).notNull(),
    occurredAt: at('occurred_at').notNull(),
    signedBy: text(),
    actualWeightGrams: integer(),
    recordedAt: recordedAt('recorded_at'),
  },
  (t) => [
    // An exact repeat of a carrier event is a no-op (ON CONFLICT DO NOTHING).
    uniqueIndex('package_events_dedupe').on(t.packageId, t.type, t.occurredAt),
  ],
);

export type GuaranteeRow = typeof guarantees.$inferSelect;
export type NewGuarantee = typeof guarantees.$inferInsert;
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
export type PackageRow = typeof packages.$inferSelect;
export type NewPackage = typeof packages.$inferInsert;
export type PackageEventRow = typeof packageEvents.$inferSelect;
export type NewPackageEvent = typeof packageEvents.$inferInsert;
