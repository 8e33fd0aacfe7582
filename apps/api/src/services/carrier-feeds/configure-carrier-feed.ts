// configureCarrierFeed: a storefront's feed from a tracking service, its URL and secret.
import {
  CARRIER_FEED_PROVIDERS,
  type CarrierFeedProvider,
  type CarrierFeedRow,
  carrierFeeds,
} from '@lg/db';
import type { Database } from '@lg/db/client';
import { sql } from 'drizzle-orm';
import { generateWebhookSecret } from '../../auth/api-keys.js';
import { type Outcome, success } from '../outcome.js';
import { checkIdentifier, checkText, firstErrors } from '../validate.js';

export { CARRIER_FEED_PROVIDERS, type CarrierFeedProvider };

/** How long the replaced secret still verifies after a rotation. */
const CARRIER_FEED_SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

export interface ConfigureCarrierFeedInput {
  provider: CarrierFeedProvider;
  /** The provider's own secret (AfterShip issues one per account); absent: one is generated. */
  secret?: string | null | undefined;
  /** End the previous secret at once instead of after the overlap (it leaked). */
  revokePreviousSecret?: boolean | null | undefined;
}

/** Where a provider posts a storefront's webhooks, relative to the API's origin. */
export function carrierFeedPath(provider: CarrierFeedProvider, storefrontId: string): string {
  return `/carriers/${provider.toLowerCase()}/${storefrontId}`;
}

/**
 * Creates the feed, or rotates its secret: the new secret verifies from now on, and the one it
 * replaces still does for CARRIER_FEED_SECRET_OVERLAP_MS (unless revoked), so deliveries signed
 * before the shop pasted the new secret into the provider are not refused. Shown once.
 */
export async function configureCarrierFeed(
  db: Database,
  storefrontId: string,
  input: ConfigureCarrierFeedInput,
  now: Date,
): Promise<Outcome<{ feed: CarrierFeedRow; secret: string }>> {
  const given = input.secret ?? null;
  const field = ['input', 'secret'];
  const refused = firstErrors(
    given === null
      ? null
      : (checkText(given, field, { min: 16, max: 256 }) ?? checkIdentifier(given, field, 256)),
  );
  if (refused) return refused;
  const secret = given ?? generateWebhookSecret();
  const keepPrevious = input.revokePreviousSecret !== true;
  const expiresAt = new Date(now.getTime() + CARRIER_FEED_SECRET_OVERLAP_MS);
  // One statement, so two concurrent rotations leave one secret and its predecessor.
  const [feed] = await db
    .insert(carrierFeeds)
    .values({ storefrontId, provider: input.provider, secret, createdAt: now })
    .onConflictDoUpdate({
      target: [carrierFeeds.storefrontId, carrierFeeds.provider],
      set: {
        secret,
        // The right-hand side reads the row as it was before this update.
        previousSecret: keepPrevious ? sql`${carrierFeeds.secret}` : null,
        previousSecretExpiresAt: keepPrevious ? expiresAt : null,
        rotatedAt: now,
      },
    })
    .returning();
  if (!feed) throw new Error('carrier feed upsert returned no row');
  return success({ feed, secret });
}
