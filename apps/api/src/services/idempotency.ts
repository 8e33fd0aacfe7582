// Stripe's idempotency semantics, settled by the database: the key row is inserted first in
// the transaction, with the response the request will give (its ids are made before any
// write), so a concurrent request with the same key waits on the unique index and then sees
// the committed first result. A refusal rolls back and leaves the key unused.
import { createHash } from 'node:crypto';
import { idempotencyKeys } from '@lg/db';
import type { Transaction } from '@lg/db/client';
import { and, eq } from 'drizzle-orm';
import { Refused } from './outcome.js';

export function requestHash(input: unknown): string {
  return createHash('sha256').update(stableJson(input)).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export interface IdempotencyScope {
  storefrontId: string;
  operation: string;
  key: string;
  hash: string;
}

/**
 * Claims the key inside `tx`, recording `response` as what this request answers: it commits
 * with the rest of the transaction or not at all. Returns the stored response of an earlier
 * identical request, or null when this request is the first.
 */
export async function claimIdempotencyKey<R>(
  tx: Transaction,
  scope: IdempotencyScope,
  response: R,
): Promise<R | null> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({
      storefrontId: scope.storefrontId,
      operation: scope.operation,
      key: scope.key,
      requestHash: scope.hash,
      response,
    })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return null;
  const [existing] = await tx
    .select()
    .from(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.storefrontId, scope.storefrontId),
        eq(idempotencyKeys.operation, scope.operation),
        eq(idempotencyKeys.key, scope.key),
      ),
    );
  if (!existing || existing.requestHash !== scope.hash) {
    throw Refused.of(
      'IDEMPOTENCY_KEY_REUSED',
      'this idempotency key was already used with a different request',
      ['input', 'idempotencyKey'],
    );
  }
  return existing.response as R;
}
