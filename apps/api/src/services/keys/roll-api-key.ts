// rollApiKey, after Stripe's "roll key": a new key of the same kind, mode and storefront, shown
// once; the old one keeps working for an overlap window so the storefront can deploy the new
// one without an outage, then is refused on every instance. Every instance checks a rolled
// key's expiry on each request, and the roll is announced so none serves the record it cached
// from before (key-revocation.ts). Member sessions a rolled secret key created end with it.
import { type ApiKeyRow, apiKeys } from '@lg/db';
import type { Database } from '@lg/db/client';
import { eq } from 'drizzle-orm';
import { announceKeyChanges } from '../../auth/key-revocation.js';
import { failure, type Outcome, success } from '../outcome.js';
import { type IssuedKey, issueKey } from './issue-key.js';

/** Until the old key stops: a day unless said otherwise. */
export const DEFAULT_ROLL_OVERLAP_HOURS = 24;
/** The longest two keys may both work: a week. */
export const MAX_ROLL_OVERLAP_HOURS = 7 * 24;

export interface RollApiKeyInput {
  apiKeyId: string;
  /** 0 stops the old key at once. */
  expiresInHours?: number | null | undefined;
}

export interface RolledKey extends IssuedKey {
  /** The key that was rolled, with the moment it stops (or stopped) working. */
  previous: ApiKeyRow;
}

/** Who rolls: a storefront's secret key (its id), or an operator (null: any storefront). */
export type KeyRoller = { storefrontId: string; keyId: string } | null;

/**
 * Rolls a storefront's key. A secret key rolls itself and its storefront's publishable keys,
 * never another secret key: a leaked one must not be able to replace or cut off the
 * storefront's other server key. Operators roll any storefront's keys.
 */
export async function rollApiKey(
  db: Database,
  roller: KeyRoller,
  input: RollApiKeyInput,
  now: Date,
): Promise<Outcome<RolledKey>> {
  const hours = input.expiresInHours ?? DEFAULT_ROLL_OVERLAP_HOURS;
  if (!Number.isInteger(hours) || hours < 0 || hours > MAX_ROLL_OVERLAP_HOURS) {
    return failure(
      'INVALID_INPUT',
      `expiresInHours must be a whole number from 0 to ${MAX_ROLL_OVERLAP_HOURS}`,
      ['input', 'expiresInHours'],
    );
  }
  const notFound = () => failure('NOT_FOUND', 'no such API key', ['input', 'apiKeyId']);
  return db.transaction(async (tx) => {
    // Locked: two rolls of one key at once make one replacement.
    const [old] = await tx
      .select()
      .from(apiKeys)
      .where(eq(apiKeys.id, input.apiKeyId))
      .for('update');
    if (!old || old.kind === 'operator' || old.storefrontId === null) return notFound();
    if (roller !== null && old.storefrontId !== roller.storefrontId) return notFound();
    if (roller !== null && old.kind === 'secret' && old.id !== roller.keyId) {
      return failure(
        'INVALID_INPUT',
        'a secret key rolls itself and publishable keys; an operator rolls another secret key',
        ['input', 'apiKeyId'],
      );
    }
    if (old.revokedAt || (old.expiresAt && old.expiresAt <= now)) {
      return failure(
        'INVALID_TRANSITION',
        'this key no longer works; an operator can create a new one (createApiKey)',
        ['input', 'apiKeyId'],
      );
    }
    if (old.expiresAt) {
      return failure(
        'INVALID_TRANSITION',
        'this key was already rolled; roll its replacement instead',
        ['input', 'apiKeyId'],
      );
    }
    const issued = await issueKey(
      tx,
      {
        storefrontId: old.storefrontId,
        kind: old.kind,
        mode: old.mode,
        label: old.label,
        rolledFrom: old.id,
      },
      now,
    );
    const [previous] = await tx
      .update(apiKeys)
      .set(
        hours === 0
          ? { revokedAt: now }
          : { expiresAt: new Date(now.getTime() + hours * 60 * 60 * 1000) },
      )
      .where(eq(apiKeys.id, old.id))
      .returning();
    if (!previous) throw new Error('the rolled key vanished inside its transaction');
    await announceKeyChanges(tx, [old.keyHash]);
    return success({ ...issued, previous });
  });
}
