// rotateWebhookSecret: a new signing secret, with a grace period for the replaced one.
import type { StorefrontRow } from '@lg/db';
import { storefronts } from '@lg/db';
import type { Database } from '@lg/db/client';
import { eq, sql } from 'drizzle-orm';
import { generateWebhookSecret } from '../../auth/api-keys.js';
import { failure, type Outcome, success } from '../outcome.js';

/** How long deliveries are signed with the previous secret too after a rotation. */
const WEBHOOK_SECRET_GRACE_MS = 24 * 60 * 60 * 1000;

/**
 * A new signing secret, effective for every delivery attempted from now on. Shown once. Until
 * the grace period ends deliveries are signed with the replaced secret too (a second `v1`), so
 * a receiver that still checks the old one accepts them while it is being switched over.
 */
export async function rotateWebhookSecret(
  db: Database,
  storefrontId: string,
  now: Date,
): Promise<Outcome<{ storefront: StorefrontRow; webhookSecret: string }>> {
  const webhookSecret = generateWebhookSecret();
  const [storefront] = await db
    .update(storefronts)
    .set({
      webhookSecret,
      // The right-hand side reads the row as it was before this update.
      previousWebhookSecret: sql`${storefronts.webhookSecret}`,
      previousWebhookSecretExpiresAt: new Date(now.getTime() + WEBHOOK_SECRET_GRACE_MS),
    })
    .where(eq(storefronts.id, storefrontId))
    .returning();
  if (!storefront) return failure('NOT_FOUND', 'no such storefront', ['input', 'storefrontId']);
  return success({ storefront, webhookSecret });
}
