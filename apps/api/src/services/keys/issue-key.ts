// Writing a new publishable or secret key: the row keeps only the key's SHA-256 and a hint; the
// key itself is returned once to whoever asked and never again.
import { randomUUID } from 'node:crypto';
import { type ApiKeyRow, apiKeys } from '@lg/db';
import type { Queryable } from '@lg/db/client';
import { generateApiKey, hashApiKey, type KeyMode, keyHint } from '../../auth/api-keys.js';

/** A key as issued: its row, and the key in clear, shown once. */
export interface IssuedKey {
  apiKey: ApiKeyRow;
  key: string;
}

export async function issueKey(
  tx: Queryable,
  fields: {
    storefrontId: string;
    kind: 'publishable' | 'secret';
    mode: KeyMode;
    label: string | null;
    rolledFrom?: string;
  },
  now: Date,
): Promise<IssuedKey> {
  const key = generateApiKey(fields.kind, fields.mode);
  const [apiKey] = await tx
    .insert(apiKeys)
    .values({
      id: randomUUID(),
      ...fields,
      keyHash: hashApiKey(key),
      hint: keyHint(key),
      createdAt: now,
    })
    .returning();
  if (!apiKey) throw new Error('api key insert returned nothing');
  return { apiKey, key };
}
