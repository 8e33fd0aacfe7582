// Key look-ups are cached for 30 s (authenticate.ts) so the quote path reads no table. A
// revocation must not wait that long: it NOTIFYs, in its own transaction, every API instance
// listening on the database, and each drops the key from its cache at once.
import { apiKeys } from '@lg/db';
import type { Database } from '@lg/db/client';
import { eq, sql } from 'drizzle-orm';
import { hashApiKey } from './api-keys.js';

/** The NOTIFY channel of revoked keys; the payload is the key's SHA-256 (never the key). */
export const REVOKED_KEYS_CHANNEL = 'lg_revoked_keys';

/** Revokes `key`; null when no such key exists. */
export async function revokeApiKey(
  db: Database,
  key: string,
  now: Date,
): Promise<{ hint: string } | null> {
  const hash = hashApiKey(key);
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(eq(apiKeys.keyHash, hash))
      .returning({ hint: apiKeys.hint });
    if (!revoked) return null;
    await tx.execute(sql`select pg_notify(${REVOKED_KEYS_CHANNEL}, ${hash})`);
    return revoked;
  });
}
