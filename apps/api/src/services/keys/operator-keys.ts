// Operator (adjuster) keys: made once at start from LG_BOOTSTRAP_OPERATOR_KEY, or by
// `pnpm lg operator create-key`. They belong to no storefront.
import { randomUUID } from 'node:crypto';
import { apiKeys } from '@lg/db';
import type { Database } from '@lg/db/client';
import { generateApiKey, hashApiKey, keyHint } from '../../auth/api-keys.js';

/** Makes sure an operator with this key exists (LG_BOOTSTRAP_OPERATOR_KEY). */
export async function ensureOperatorKey(
  db: Database,
  key: string,
  label = 'bootstrap',
): Promise<void> {
  await db
    .insert(apiKeys)
    .values({
      id: randomUUID(),
      kind: 'operator',
      mode: 'live',
      storefrontId: null,
      keyHash: hashApiKey(key),
      hint: keyHint(key),
      label,
    })
    .onConflictDoNothing();
}

/** A new operator key, returned once. */
export async function createOperatorKey(db: Database, label: string): Promise<string> {
  const key = generateApiKey('operator', 'live');
  await ensureOperatorKey(db, key, label);
  return key;
}
