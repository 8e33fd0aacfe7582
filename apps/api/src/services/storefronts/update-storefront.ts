// updateStorefront: a storefront's name, allowed origins and webhook URL, checked together and
// written in one statement. Instances cache the origins with each publishable key for 30 s, so
// a change of origins is announced and takes effect everywhere at once (an origin removed
// because it was compromised must stop working now, not in half a minute).
import { apiKeys, type StorefrontRow, storefronts } from '@lg/db';
import type { Database } from '@lg/db/client';
import { and, eq, isNull } from 'drizzle-orm';
import { announceKeyChanges } from '../../auth/key-revocation.js';
import { failure, type Outcome, success, type UserErrorShape } from '../outcome.js';
import { checkText } from '../validate.js';
import { checkWebhookUrl, type WebhookPolicy } from '../webhooks/webhook-url.js';
import { checkAllowedOrigins } from './allowed-origins.js';

export interface StorefrontChanges {
  /** Absent or null: unchanged. */
  name?: string | null | undefined;
  /** Absent or null: unchanged; [] allows no browser origin. */
  allowedOrigins?: readonly string[] | null | undefined;
  /** Absent: unchanged; null removes it. */
  webhookUrl?: string | null | undefined;
}

export async function updateStorefront(
  db: Database,
  storefrontId: string,
  changes: StorefrontChanges,
  policy: WebhookPolicy,
): Promise<Outcome<StorefrontRow>> {
  const errors: UserErrorShape[] = [];
  const set: Partial<Pick<StorefrontRow, 'name' | 'allowedOrigins' | 'webhookUrl'>> = {};
  if (changes.name !== undefined && changes.name !== null) {
    const error = checkText(changes.name, ['input', 'name'], { max: 200 });
    if (error) errors.push(error);
    else set.name = changes.name.trim();
  }
  if (changes.allowedOrigins !== undefined && changes.allowedOrigins !== null) {
    const checked = checkAllowedOrigins(changes.allowedOrigins, ['input', 'allowedOrigins']);
    if (checked.ok) set.allowedOrigins = checked.origins;
    else errors.push(...checked.errors);
  }
  if (changes.webhookUrl !== undefined) {
    const url = changes.webhookUrl;
    const error = url === null ? null : checkWebhookUrl(url, ['input', 'webhookUrl'], policy);
    if (error) errors.push(error);
    else set.webhookUrl = url;
  }
  if (errors.length > 0) return { ok: false, errors };

  const updated = await db.transaction(async (tx) => {
    if (Object.keys(set).length === 0) {
      const [current] = await tx.select().from(storefronts).where(eq(storefronts.id, storefrontId));
      return current;
    }
    const [row] = await tx
      .update(storefronts)
      .set(set)
      .where(eq(storefronts.id, storefrontId))
      .returning();
    if (row && set.allowedOrigins) {
      const keys = await tx
        .select({ keyHash: apiKeys.keyHash })
        .from(apiKeys)
        .where(
          and(
            eq(apiKeys.storefrontId, storefrontId),
            eq(apiKeys.kind, 'publishable'),
            isNull(apiKeys.revokedAt),
          ),
        );
      await announceKeyChanges(
        tx,
        keys.map((key) => key.keyHash),
      );
    }
    return row;
  });
  return updated
    ? success(updated)
    : failure('NOT_FOUND', 'no such storefront', ['input', 'storefrontId']);
}
