// A tracking service's webhook, from raw bytes to package events: the signature first, then
// the body, then the same package service as recordPackageEvent.
import { type CarrierFeedProvider, carrierFeeds } from '@lg/db';
import { and, eq } from 'drizzle-orm';
import type { App } from '../../app.js';
import { checkPackageEvent, recordPackageEvents } from '../packages/record-package-event.js';
import type { IgnoredCheckpoint, ReadCarrierWebhook } from './carrier-report.js';
import { readAfterShipWebhook } from './read-aftership-webhook.js';
import { readEasyPostEvent } from './read-easypost-event.js';
import { verifyCarrierSignature } from './verify-carrier-signature.js';

// Verified against when the storefront has no feed, so an unknown storefront costs the same
// HMAC as a known one and its answer (401) is the same.
const NO_FEED_SECRET = 'no carrier feed: nothing verifies against this';

/** What a delivery did; the route answers each kind with its status. */
export type CarrierFeedResult =
  /** No feed, no signature or a wrong one: nothing was read or written. */
  | { kind: 'unauthorized' }
  /** Signed, but not JSON or not the provider's format. */
  | { kind: 'malformed'; reason: string }
  /** Signed and understood, but about something other than tracking. */
  | { kind: 'other'; reason: string }
  /** About a tracking number that is no package of this storefront: nothing written. */
  | { kind: 'unknown-tracking-number'; trackingNumber: string }
  | {
      kind: 'recorded';
      trackingNumber: string;
      /** Events new to the package. */
      recorded: number;
      /** Events it already had (a repeated delivery). */
      repeated: number;
      ignored: IgnoredCheckpoint[];
      /** The package's status now; null when nothing in the delivery needed the package. */
      status: string | null;
    };

const READERS: Readonly<Record<CarrierFeedProvider, (body: unknown) => ReadCarrierWebhook>> = {
  EASYPOST: readEasyPostEvent,
  AFTERSHIP: readAfterShipWebhook,
};

/** The secrets a delivery may be signed with now: the current one, and the previous in overlap. */
async function feedSecrets(
  app: App,
  storefrontId: string,
  provider: CarrierFeedProvider,
  now: Date,
): Promise<string[]> {
  const [feed] = await app.db
    .select()
    .from(carrierFeeds)
    .where(and(eq(carrierFeeds.storefrontId, storefrontId), eq(carrierFeeds.provider, provider)));
  if (!feed) return [];
  const previousValid =
    feed.previousSecret !== null &&
    feed.previousSecretExpiresAt !== null &&
    feed.previousSecretExpiresAt.getTime() > now.getTime();
  return previousValid && feed.previousSecret ? [feed.secret, feed.previousSecret] : [feed.secret];
}

/**
 * Receives one webhook delivery for `storefrontId` (a UUID). Repeats and unknown tracking
 * numbers change nothing and are not errors: the provider would otherwise retry them for days.
 */
export async function receiveCarrierFeed(
  app: App,
  provider: CarrierFeedProvider,
  storefrontId: string,
  delivery: { rawBody: Uint8Array; signature: string | undefined },
  now: Date,
): Promise<CarrierFeedResult> {
  const secrets = await feedSecrets(app, storefrontId, provider, now);
  const verified = verifyCarrierSignature(
    provider,
    delivery.signature,
    delivery.rawBody,
    secrets.length > 0 ? secrets : [NO_FEED_SECRET],
  );
  if (!verified || secrets.length === 0) return { kind: 'unauthorized' };

  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(delivery.rawBody).toString('utf8'));
  } catch {
    return { kind: 'malformed', reason: 'the body is not JSON' };
  }
  const read = READERS[provider](body);
  if (read.kind !== 'report') return read;
  const { trackingNumber } = read.report;
  const ignored = [...read.report.ignored];
  // An event the package service would refuse (a scan time ahead of our clock) is left out
  // rather than refusing the others with it.
  const events = read.report.events.filter((event) => {
    const errors = checkPackageEvent(event, now);
    if (errors.length === 0) return true;
    ignored.push({ status: event.type, reason: errors.map((e) => e.message).join('; ') });
    return false;
  });
  if (events.length === 0)
    return { kind: 'recorded', trackingNumber, recorded: 0, repeated: 0, ignored, status: null };

  const outcome = await recordPackageEvents(app, storefrontId, trackingNumber, events, now);
  if (!outcome.ok) {
    // No such package, or a tracking number no package could have.
    if (outcome.errors.some((error) => error.field?.at(-1) === 'trackingNumber'))
      return { kind: 'unknown-tracking-number', trackingNumber };
    // The events were checked above: any other refusal is a broken invariant.
    throw new Error(`carrier feed refused: ${outcome.errors.map((e) => e.message).join('; ')}`);
  }
  return {
    kind: 'recorded',
    trackingNumber,
    recorded: outcome.value.recorded,
    repeated: events.length - outcome.value.recorded,
    ignored,
    status: outcome.value.package.status,
  };
}
