// The secret that signs quotes, sessions and upload URLs must be the same on every instance, or
// a token issued by one is refused by the next. LG_SECRET wins when set (production requires
// it: config.ts); otherwise the first instance to start generates one and keeps it in the
// database, where every later instance finds it.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { instanceSecrets } from '@lg/db';
import type { Database } from '@lg/db/client';
import { eq } from 'drizzle-orm';

const SIGNING_SECRET = 'token-signing';

export interface SecretSource {
  /** LG_SECRET. */
  configured: string | undefined;
  /**
   * The data directory of an embedded database, which once kept a generated secret in a file:
   * that secret moves into the database on first start, so tokens issued before the upgrade
   * still verify. Unset on PostgreSQL, where each instance's file was its own.
   */
  legacyDataDir?: string | undefined;
}

/** The signing secret every instance sharing `db` agrees on. */
export async function loadSigningSecret(db: Database, source: SecretSource): Promise<string> {
  if (source.configured) return source.configured;
  const candidate =
    (source.legacyDataDir && readLegacySecret(source.legacyDataDir)) ||
    randomBytes(48).toString('base64url');
  // Instances starting at once both insert; the first commit wins and both read it back.
  await db
    .insert(instanceSecrets)
    .values({ name: SIGNING_SECRET, value: candidate })
    .onConflictDoNothing();
  const [row] = await db
    .select({ value: instanceSecrets.value })
    .from(instanceSecrets)
    .where(eq(instanceSecrets.name, SIGNING_SECRET));
  if (!row) throw new Error('the signing secret could not be stored');
  return row.value;
}

function readLegacySecret(dataDir: string): string | null {
  try {
    const existing = readFileSync(path.join(dataDir, 'secret'), 'utf8').trim();
    return existing.length >= 32 ? existing : null;
  } catch {
    return null;
  }
}
