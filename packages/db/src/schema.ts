// The relational model. Invariants that money depends on live here as constraints, so a
// concurrent duplicate is settled by PostgreSQL, not by timing (docs/architecture.md).
import {
  CLAIM_OUTCOMES,
  CLAIM_STATUSES,
  CLAIM_TYPES,
  type ClaimReasonCode,
  DOCUMENT_KINDS,
  GUARANTEE_STATUSES,
  PACKAGE_EVENT_TYPES,
  PACKAGE_STATUSES,
  type PackageFlag,
  type PostalAddress,
} from '@lg/domain';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { StoredCompensationLine, StoredEvent, StoredQuote } from './json-columns.js';

/** A key's and a storefront's mode: test data and live data never meet. */
export const KEY_MODES = ['test', 'live'] as const;

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

const money = (name: string) => bigint(name, { mode: 'number' });
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const recordedAt = (name = 'created_at') => at(name).notNull().defaultNow();

/**
 * One shop that sells the guarantee, in one mode. A shop's test and live data are two
 * storefronts of one account: every row below hangs off a storefront, and a key's mode is its
 * storefront's (api_keys' foreign key on both), so a test key never reaches live data.
 */
export const storefronts = pgTable(
  'storefronts',
  {
    id: uuid().primaryKey(),
    // The id of the account's first storefront; its storefront in the other mode shares it.
    accountId: uuid().notNull(),
    mode: text({ enum: KEY_MODES }).notNull(),
    name: text().notNull(),
    allowedOrigins: text().array().notNull().default(sql`'{}'::text[]`),
    webhookUrl: text(),
    // Needed in clear to sign deliveries (HMAC); never returned after creation.
    webhookSecret: text().notNull(),
    // After a rotation, deliveries are signed with the previous secret too until it expires, so
    // a receiver can switch to the new one without refusing a delivery in between.
    previousWebhookSecret: text(),
    previousWebhookSecretExpiresAt: at('previous_webhook_secret_expires_at'),
    createdAt: recordedAt(),
  },
  (t) => [
    uniqueIndex('storefronts_account_mode_unique').on(t.accountId, t.mode),
    // The target of api_keys' (storefront, mode) foreign key.
    uniqueIndex('storefronts_id_mode_unique').on(t.id, t.mode),
    // No webhook is null; an empty URL would be a webhook nobody can reach.
    check('storefronts_webhook_url_not_empty', sql`${t.webhookUrl} <> ''`),
    check(
      'storefronts_previous_secret_expires',
      sql`(${t.previousWebhookSecret} is null) = (${t.previousWebhookSecretExpiresAt} is null)`,
    ),
  ],
);

/** Publishable, secret and operator keys. Only the SHA-256 of a key is stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid().primaryKey(),
    kind: text({ enum: ['publishable', 'secret', 'operator'] }).notNull(),
    mode: text({ enum: KEY_MODES }).notNull(),
    storefrontId: uuid(),
    keyHash: text().notNull(),
    // The first characters, to recognise a key in a list without revealing it.
    hint: text().notNull(),
    label: text(),
    createdAt: recordedAt(),
    revokedAt: at('revoked_at'),
    // Set when the key is rolled: it keeps working until then, beside its replacement.
    expiresAt: at('expires_at'),
    // The key this one replaced (rollApiKey).
    rolledFrom: uuid(),
  },
  (t) => [
    uniqueIndex('api_keys_key_hash_unique').on(t.keyHash),
    index('api_keys_storefront_idx').on(t.storefrontId),
    // A key's mode is its storefront's: test and live keys never share data.
    foreignKey({
      name: 'api_keys_storefront_mode_fk',
      columns: [t.storefrontId, t.mode],
      foreignColumns: [storefronts.id, storefronts.mode],
    }),
    foreignKey({
      name: 'api_keys_rolled_from_fk',
      columns: [t.rolledFrom],
      foreignColumns: [t.id],
    }),
    // A key is rolled once: its one replacement may be rolled in turn.
    uniqueIndex('api_keys_rolled_from_unique').on(t.rolledFrom),
    check(
      'api_keys_operator_has_no_storefront',
      sql`(${t.kind} = 'operator') = (${t.storefrontId} is null)`,
    ),
  ],
);

/**
 * A member-center session: the token (auth/member-sessions.ts) carries only this row's id, so
 * no personal data travels in it. It lasts while the secret key that vouched for the member
 * does: revoking or rolling that key ends its sessions.
 */
export const memberSessions = pgTable(
  'member_sessions',
  {
    id: uuid().primaryKey(),
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    memberId: text().notNull(),
    apiKeyId: uuid()
      .notNull()
      .references(() => apiKeys.id),
    expiresAt: at('expires_at').notNull(),
    createdAt: recordedAt(),
  },
  (t) => [index('member_sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Secrets every instance must share, generated once by whichever starts first (insert if
 * absent): the token-signing secret when LG_SECRET is unset.
 */
export const instanceSecrets = pgTable('instance_secrets', {
  name: text().primaryKey(),
  value: text().notNull(),
  createdAt: recordedAt(),
});

/** Operator-published policy versions; `2026-11` is seeded by the first migration run. */
export const policyVersions = pgTable('policy_versions', {
  version: text().primaryKey(),
  document: jsonb().notNull(),
  publishedAt: recordedAt('published_at'),
});

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
    purchasedAt: recordedAt('purchased_at'),
    cancelledAt: at('cancelled_at'),
    cancelledBy: text(),
    cancelReason: text(),
  },
  (t) => [
    uniqueIndex('guarantees_storefront_order_unique').on(t.storefrontId, t.orderNumber),
    // A quote token buys one guarantee: the same token can't cover a second order.
    uniqueIndex('guarantees_storefront_quote_unique').on(t.storefrontId, t.quoteId),
    index('guarantees_member_idx').on(t.storefrontId, t.memberId),
    check('guarantees_fee_positive', sql`${t.feeMinor} > 0 and ${t.productValueMinor} > 0`),
    check(
      'guarantees_cancel_consistent',
      sql`(${t.status} = 'CANCELLED') = (${t.cancelledAt} is not null)`,
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

export const claims = pgTable(
  'claims',
  {
    id: uuid().primaryKey(),
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    guaranteeId: uuid()
      .notNull()
      .references(() => guarantees.id),
    packageId: uuid()
      .notNull()
      .references(() => packages.id),
    memberId: text().notNull(),
    type: text({ enum: CLAIM_TYPES }).notNull(),
    status: text({ enum: CLAIM_STATUSES }).notNull(),
    description: text().notNull(),
    reference: text().notNull(),
    flags: text().array().$type<PackageFlag[]>().notNull().default(sql`'{}'::text[]`),
    filedAt: recordedAt('filed_at'),
    documentsCompleteAt: at('documents_complete_at'),
    dueAt: at('due_at'),
    outcome: text({ enum: CLAIM_OUTCOMES }),
    currency: text().notNull(),
    payableMinor: money('payable_minor'),
    auditedMinor: money('audited_minor'),
    reasonCodes: text().array().$type<ClaimReasonCode[]>(),
    breakdown: jsonb().$type<StoredCompensationLine[]>(),
    decidedAt: at('decided_at'),
    decidedBy: text(),
    decisionNote: text(),
    payoutReference: text(),
    paidAt: at('paid_at'),
    updatedAt: recordedAt('updated_at'),
  },
  (t) => [
    // POLICY R21: one open claim per package, whatever the timing of two filings.
    uniqueIndex('claims_one_open_per_package')
      .on(t.packageId)
      .where(sql`${t.status} in ('NEEDS_DOCUMENTS', 'UNDER_REVIEW', 'APPROVED')`),
    // The claims listing's order (apps/api services/claims/list-claims.ts): due date, nulls last as
    // infinity, then id. A cursor page is one range scan on these, at any depth.
    index('claims_storefront_listing_idx').on(
      t.storefrontId,
      sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`,
      t.id,
    ),
    index('claims_listing_idx').on(sql`coalesce(${t.dueAt}, 'infinity'::timestamptz)`, t.id),
    index('claims_member_idx').on(t.storefrontId, t.memberId),
    index('claims_guarantee_idx').on(t.guaranteeId),
    check(
      'claims_decision_consistent',
      sql`(${t.status} in ('APPROVED', 'PAID') and ${t.outcome} = 'APPROVE' and ${t.payableMinor} is not null)
        or (${t.status} = 'REJECTED' and ${t.outcome} = 'REJECT')
        or (${t.status} in ('NEEDS_DOCUMENTS', 'UNDER_REVIEW') and ${t.outcome} is null)`,
    ),
    check(
      'claims_paid_has_reference',
      sql`(${t.status} = 'PAID') = (${t.payoutReference} is not null)`,
    ),
  ],
);

/** The claim's timeline. Append-only: a trigger refuses UPDATE and DELETE. */
export const claimEvents = pgTable(
  'claim_events',
  {
    id: uuid().primaryKey(),
    claimId: uuid()
      .notNull()
      .references(() => claims.id),
    seq: integer().notNull(),
    at: recordedAt('at'),
    fromStatus: text({ enum: CLAIM_STATUSES }),
    toStatus: text({ enum: CLAIM_STATUSES }).notNull(),
    actor: text().notNull(),
    note: text(),
  },
  (t) => [uniqueIndex('claim_events_claim_seq').on(t.claimId, t.seq)],
);

/** Evidence files. Bytes sit in `document_blobs` so listings never drag them along. */
export const documents = pgTable(
  'documents',
  {
    id: uuid().primaryKey(),
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    // The member who uploaded it; null when a storefront's server uploaded it for a member.
    memberId: text(),
    claimId: uuid().references(() => claims.id),
    kind: text({ enum: DOCUMENT_KINDS }).notNull(),
    fileName: text().notNull(),
    contentType: text().notNull(),
    byteSize: integer().notNull(),
    uploadTokenHash: text().notNull(),
    uploadExpiresAt: at('upload_expires_at').notNull(),
    uploadedAt: at('uploaded_at'),
    sha256: text(),
    createdAt: recordedAt(),
  },
  (t) => [
    uniqueIndex('documents_upload_token_unique').on(t.uploadTokenHash),
    index('documents_claim_idx').on(t.claimId),
  ],
);

export const documentBlobs = pgTable('document_blobs', {
  documentId: uuid()
    .primaryKey()
    .references(() => documents.id),
  content: bytea().notNull(),
});

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

export type StorefrontRow = typeof storefronts.$inferSelect;
export type NewStorefront = typeof storefronts.$inferInsert;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type NewApiKey = typeof apiKeys.$inferInsert;
export type MemberSessionRow = typeof memberSessions.$inferSelect;
export type PolicyVersionRow = typeof policyVersions.$inferSelect;
export type GuaranteeRow = typeof guarantees.$inferSelect;
export type NewGuarantee = typeof guarantees.$inferInsert;
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
export type PackageRow = typeof packages.$inferSelect;
export type NewPackage = typeof packages.$inferInsert;
export type PackageEventRow = typeof packageEvents.$inferSelect;
export type NewPackageEvent = typeof packageEvents.$inferInsert;
export type ClaimRow = typeof claims.$inferSelect;
export type NewClaim = typeof claims.$inferInsert;
export type ClaimEventRow = typeof claimEvents.$inferSelect;
export type NewClaimEvent = typeof claimEvents.$inferInsert;
export type DocumentRow = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;
export type OutboxEventRow = typeof outboxEvents.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type DeliveryAttemptRow = typeof deliveryAttempts.$inferSelect;
