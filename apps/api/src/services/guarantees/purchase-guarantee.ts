import { randomUUID } from 'node:crypto';
import type { GuaranteeRow } from '@lg/db';
import { guarantees } from '@lg/db';
import { databaseErrorOf } from '@lg/db/client';
import { eq } from 'drizzle-orm';
import type { App } from '../../app.js';
import { enqueueEvent } from '../../outbox/enqueue.js';
import { claimIdempotencyKey, type IdempotencyScope, requestHash } from '../idempotency.js';
import { failure, type Outcome, Refused, refusalsAsOutcome, success } from '../outcome.js';
import { verifyQuote } from '../quotes.js';
import { guaranteeJson } from '../serialize.js';
import { checkEmail, checkIdentifier, checkText, firstErrors } from '../validate.js';

export interface PurchaseInput {
  quoteToken: string;
  orderNumber: string;
  memberId: string;
  memberEmail: string;
  idempotencyKey?: string | null | undefined;
}

/** A new guarantee, or the id of the one an earlier request with the same key bought. */
type Purchased = { row: GuaranteeRow } | { replayOf: string };

/**
 * POLICY R2-R4: records the guarantee the storefront charged with the order. One per order
 * (a unique constraint), replay-safe with an idempotency key.
 */
export async function purchaseGuarantee(
  app: App,
  storefrontId: string,
  input: PurchaseInput,
  now: Date,
): Promise<Outcome<GuaranteeRow>> {
  const invalid = firstErrors(
    checkText(input.quoteToken, ['input', 'quoteToken'], { max: 4096 }),
    checkIdentifier(input.orderNumber, ['input', 'orderNumber']),
    checkIdentifier(input.memberId, ['input', 'memberId']),
    checkEmail(input.memberEmail, ['input', 'memberEmail']),
    input.idempotencyKey === undefined || input.idempotencyKey === null
      ? null
      : checkText(input.idempotencyKey, ['input', 'idempotencyKey'], { max: 255 }),
  );
  if (invalid) return invalid;

  const scope: IdempotencyScope | null = input.idempotencyKey
    ? {
        storefrontId,
        operation: 'purchaseGuarantee',
        key: input.idempotencyKey,
        hash: requestHash({ ...input, idempotencyKey: undefined }),
      }
    : null;

  return refusalsAsOutcome(async () => {
    const id = randomUUID();
    const purchased = await app.db.transaction(async (tx): Promise<Purchased> => {
      if (scope) {
        const replay = await claimIdempotencyKey(tx, scope, { guaranteeId: id });
        if (replay) return { replayOf: replay.guaranteeId };
      }
      // Verified after the replay check: a retry of a completed purchase gets its result even
      // once the quote has expired.
      const quote = verifyQuote(app.signer, input.quoteToken, storefrontId, now);
      if (!quote.ok) throw new Refused(quote.errors);
      if (!(await app.policies.get(quote.value.policyVersion, tx))) {
        throw Refused.of('QUOTE_INVALID', 'the quote refers to an unknown policy version', [
          'input',
          'quoteToken',
        ]);
      }
      const inserted = await tx
        .insert(guarantees)
        .values({
          id,
          storefrontId,
          orderNumber: input.orderNumber,
          memberId: input.memberId,
          memberEmail: input.memberEmail,
          currency: quote.value.currency,
          productValueMinor: quote.value.productValueMinor,
          feeMinor: quote.value.feeMinor,
          policyVersion: quote.value.policyVersion,
          quoteId: quote.value.id,
          quote: { ...quote.value, expiresAt: quote.value.expiresAt.toISOString() },
          purchasedAt: now,
        })
        .onConflictDoNothing({ target: [guarantees.storefrontId, guarantees.orderNumber] })
        .returning();
      const row = inserted[0];
      if (!row) {
        throw Refused.of('ORDER_ALREADY_GUARANTEED', 'this order already has a guarantee', [
          'input',
          'orderNumber',
        ]);
      }
      await enqueueEvent(
        tx,
        {
          storefrontId,
          type: 'guarantee.purchased',
          aggregateId: id,
          data: guaranteeJson(row),
          memberEmail: row.memberEmail,
        },
        now,
      );
      return { row };
    });
    if ('row' in purchased) return success(purchased.row);
    // A replay: the guarantee as it is now (it may have been cancelled since).
    const [row] = await app.db
      .select()
      .from(guarantees)
      .where(eq(guarantees.id, purchased.replayOf));
    if (!row) throw new Error('purchased guarantee vanished');
    return success(row);
  }).catch((error: unknown) => {
    // Two different idempotency keys racing for one order: the unique index decides.
    if (databaseErrorOf(error).constraint === 'guarantees_storefront_order_unique') {
      return failure('ORDER_ALREADY_GUARANTEED', 'this order already has a guarantee', [
        'input',
        'orderNumber',
      ]);
    }
    throw error;
  });
}
