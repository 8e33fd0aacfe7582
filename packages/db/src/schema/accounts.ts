import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, recordedAt } from './columns.js';

/** A key's and a storefront's mode: test data and live data never meet. */
export const KEY_MODES = ['test', 'live'] as const;

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

/** Tracking services whose webhooks a storefront can point at the API (carrier feeds). */
export const CARRIER_FEED_PROVIDERS = ['EASYPOST', 'AFTERSHIP'] as const;

/**
 * A storefront's feed from one tracking service: the secret its webhooks are signed with. Kept
 * in clear because verifying an HMAC needs it, and in the database so every instance verifies
 * alike. After a rotation the previous secret still verifies until it expires, so the shop can
 * paste the new one into the provider without a delivery being refused in between.
 */
export const carrierFeeds = pgTable(
  'carrier_feeds',
  {
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    provider: text({ enum: CARRIER_FEED_PROVIDERS }).notNull(),
    secret: text().notNull(),
    previousSecret: text(),
    previousSecretExpiresAt: at('previous_secret_expires_at'),
    createdAt: recordedAt(),
    rotatedAt: at('rotated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storefrontId, t.provider] }),
    check(
      'carrier_feeds_provider_known',
      sql`${t.provider} in (${sql.raw(CARRIER_FEED_PROVIDERS.map((p) => `'${p}'`).join(', '))})`,
    ),
    check(
      'carrier_feeds_previous_secret_expires',
      sql`(${t.previousSecret} is null) = (${t.previousSecretExpiresAt} is null)`,
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

export type StorefrontRow = typeof storefronts.$inferSelect;
export type NewStorefront = typeof storefronts.$inferInsert;
export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type NewApiKey = typeof apiKeys.$inferInsert;
export type MemberSessionRow = typeof memberSessions.$inferSelect;
export type CarrierFeedRow = typeof carrierFeeds.$inferSelect;
export type CarrierFeedProvider = (typeof CARRIER_FEED_PROVIDERS)[number];
export type PolicyVersionRow = typeof policyVersions.$inferSelect;
