// Key look-ups are cached for 30 s (authenticate.ts) so the quote path reads no table. A
// revocation, a roll or a change of the allowed origins must not wait that long: it NOTIFYs,
// in its own transaction, every API instance listening on the database, and each drops the
// key from its cache at once (and so, for a secret key, the member sessions it vouched for).
import { apiKeys } from '@lg/db';
import type { Database, Queryable } from '@lg/db/client';
import { rowsOf } from '@lg/db/client';
import { eq, sql } from 'drizzle-orm';
import { hashApiKey } from './api-keys.js';

/**
 * The NOTIFY channel of keys whose cached record is out of date; the payload is the key's
 * SHA-256 (never the key). Named after its first use, revocation.
 */
export const REVOKED_KEYS_CHANNEL = 'lg_revoked_keys';

/** Tells every instance, once `tx` commits, to read these keys again. */
export async function announceKeyChanges(tx: Queryable, keyHashes: readonly string[]) {
  for (const hash of keyHashes) {
    await tx.execute(sql`select pg_notify(${REVOKED_KEYS_CHANNEL}, ${hash})`);
  }
}

/**
 * Revokes `key` and every key rolled from it, directly or not: a leaked key whose holder
 * rolled it must not live on through its replacement. Null when no such key exists.
 */
export async function revokeApiKey(
  db: Database,
  key: string,
  now: Date,
): Promise<{ hint: string; successors: number } | null> {
  const hash = hashApiKey(key);
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(eq(apiKeys.keyHash, hash))
      .returning({ id: apiKeys.id, hint: apiKeys.hint });
    if (!revoked) return null;
    const successors = rowsOf<{ key_hash: string }>(
      await tx.execute(sql`
        with recursive successor(id) as (
          select id from api_keys where rolled_from = ${revoked.id}
          union all
          select k.id from api_keys k join successor s on k.rolled_from = s.id
        )
        update api_keys set revoked_at = ${now.toISOString()}::timestamptz
        where id in (select id from successor) and revoked_at is null
        returning key_hash`),
    );
    await announceKeyChanges(tx, [hash, ...successors.map((row) => row.key_hash)]);
    return { hint: revoked.hint, successors: successors.length };
  });
}
