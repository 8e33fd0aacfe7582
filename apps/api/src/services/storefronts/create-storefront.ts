import { randomUUID } from 'node:crypto';
import type { StorefrontRow } from '@lg/db';
import { apiKeys, storefronts } from '@lg/db';
import type { Database } from '@lg/db/client';
import {
  generateApiKey,
  generateWebhookSecret,
  hashApiKey,
  type KeyMode,
  keyHint,
} from '../../auth/api-keys.js';
import { type Outcome, success, type UserErrorShape } from '../outcome.js';
import { checkText } from '../validate.js';
import { checkWebhookUrl, type WebhookPolicy } from '../webhooks/webhook-url.js';
import { checkAllowedOrigins } from './allowed-origins.js';

export interface CreateStorefrontInput {
  name: string;
  allowedOrigins: readonly string[];
  webhookUrl?: string | null | undefined;
  mode?: KeyMode | undefined;
}

export interface CreatedStorefront {
  storefront: StorefrontRow;
  publishableKey: string;
  secretKey: string;
  webhookSecret: string;
}

/** Creates a storefront with its keys; the keys and webhook secret are returned once. */
export async function createStorefront(
  db: Database,
  input: CreateStorefrontInput,
  policy: WebhookPolicy,
): Promise<Outcome<CreatedStorefront>> {
  const errors: UserErrorShape[] = [];
  const nameError = checkText(input.name, ['input', 'name'], { max: 200 });
  if (nameError) errors.push(nameError);
  const origins = checkAllowedOrigins(input.allowedOrigins, ['input', 'allowedOrigins']);
  if (!origins.ok) errors.push(...origins.errors);
  if (input.webhookUrl) {
    const webhookError = checkWebhookUrl(input.webhookUrl, ['input', 'webhookUrl'], policy);
    if (webhookError) errors.push(webhookError);
  }
  if (errors.length > 0 || !origins.ok) return { ok: false, errors };

  const mode = input.mode ?? 'test';
  const publishableKey = generateApiKey('publishable', mode);
  const secretKey = generateApiKey('secret', mode);
  const webhookSecret = generateWebhookSecret();
  const storefront = await db.transaction(async (tx) => {
    const id = randomUUID();
    const [row] = await tx
      .insert(storefronts)
      .values({
        id,
        // A new account: its storefront in the other mode, if ever, joins it (create-api-key.ts).
        accountId: id,
        mode,
        name: input.name.trim(),
        allowedOrigins: origins.origins,
        // An empty URL is no webhook, as no URL is.
        webhookUrl: input.webhookUrl || null,
        webhookSecret,
      })
      .returning();
    if (!row) throw new Error('storefront insert returned nothing');
    await tx.insert(apiKeys).values(
      [
        ['publishable', publishableKey],
        ['secret', secretKey],
      ].map(([kind, key]) => ({
        id: randomUUID(),
        kind: kind as 'publishable' | 'secret',
        mode,
        storefrontId: row.id,
        keyHash: hashApiKey(key as string),
        hint: keyHint(key as string),
      })),
    );
    return row;
  });
  return success({ storefront, publishableKey, secretKey, webhookSecret });
}
