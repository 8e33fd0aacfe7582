// updateStorefront: the storefront's webhook URL, set, removed or left as it is.
import type { StorefrontRow } from '@lg/db';
import { storefronts } from '@lg/db';
import type { Database } from '@lg/db/client';
import { eq } from 'drizzle-orm';
import { failure, type Outcome, success } from '../outcome.js';
import { checkWebhookUrl, type WebhookPolicy } from './webhook-url.js';

/**
 * Sets (a string) or removes (null) the webhook URL; undefined leaves it and answers the
 * storefront as it is. Pending deliveries go to the new URL: the dispatcher reads it at each
 * attempt.
 */
export async function updateWebhookUrl(
  db: Database,
  storefrontId: string,
  webhookUrl: string | null | undefined,
  policy: WebhookPolicy,
): Promise<Outcome<StorefrontRow>> {
  const notFound = () => failure('NOT_FOUND', 'no such storefront', ['input', 'storefrontId']);
  if (webhookUrl === undefined) {
    const [current] = await db.select().from(storefronts).where(eq(storefronts.id, storefrontId));
    return current ? success(current) : notFound();
  }
  if (webhookUrl !== null) {
    const error = checkWebhookUrl(webhookUrl, ['input', 'webhookUrl'], policy);
    if (error) return { ok: false, errors: [error] };
  }
  const [storefront] = await db
    .update(storefronts)
    .set({ webhookUrl })
    .where(eq(storefronts.id, storefrontId))
    .returning();
  return storefront ? success(storefront) : notFound();
}
