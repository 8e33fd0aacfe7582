// createApiKey (operators): a new publishable or secret key for a storefront, in either mode.
// Test and live data never meet: a key of the other mode goes to the account's storefront of
// that mode, created on first use with the same name and origins (and no webhook until its
// secret key sets one), so everything that key reads or writes hangs off that storefront.
import { randomUUID } from 'node:crypto';
import { type StorefrontRow, storefronts } from '@lg/db';
import type { Database, Queryable } from '@lg/db/client';
import { and, eq } from 'drizzle-orm';
import { generateWebhookSecret, type KeyMode } from '../../auth/api-keys.js';
import { failure, type Outcome, success } from '../outcome.js';
import { checkText } from '../validate.js';
import { type IssuedKey, issueKey } from './issue-key.js';

export interface CreateApiKeyInput {
  storefrontId: string;
  kind: 'publishable' | 'secret';
  mode: KeyMode;
  label?: string | null | undefined;
}

/** The key, and the storefront it belongs to (the shop's storefront of the key's mode). */
export interface CreatedKey extends IssuedKey {
  storefront: StorefrontRow;
}

export async function createApiKey(
  db: Database,
  input: CreateApiKeyInput,
  now: Date,
): Promise<Outcome<CreatedKey>> {
  const label = input.label?.trim() || null;
  const labelError = label === null ? null : checkText(label, ['input', 'label'], { max: 200 });
  if (labelError) return { ok: false, errors: [labelError] };
  return db.transaction(async (tx) => {
    const [named] = await tx
      .select()
      .from(storefronts)
      .where(eq(storefronts.id, input.storefrontId));
    if (!named) return failure('NOT_FOUND', 'no such storefront', ['input', 'storefrontId']);
    const storefront =
      named.mode === input.mode ? named : await storefrontInMode(tx, named, input.mode);
    const issued = await issueKey(
      tx,
      { storefrontId: storefront.id, kind: input.kind, mode: input.mode, label },
      now,
    );
    return success({ ...issued, storefront });
  });
}

/** The account's storefront in `mode`, created from `sibling` the first time it is asked for. */
async function storefrontInMode(
  tx: Queryable,
  sibling: StorefrontRow,
  mode: KeyMode,
): Promise<StorefrontRow> {
  const find = () =>
    tx
      .select()
      .from(storefronts)
      .where(and(eq(storefronts.accountId, sibling.accountId), eq(storefronts.mode, mode)));
  const [existing] = await find();
  if (existing) return existing;
  // Two first live keys at once: the unique (account, mode) index keeps one storefront.
  await tx
    .insert(storefronts)
    .values({
      id: randomUUID(),
      accountId: sibling.accountId,
      mode,
      name: sibling.name,
      allowedOrigins: sibling.allowedOrigins,
      webhookSecret: generateWebhookSecret(),
    })
    .onConflictDoNothing();
  const [created] = await find();
  if (!created) throw new Error(`no ${mode} storefront after creating it`);
  return created;
}
