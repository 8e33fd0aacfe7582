import { randomUUID } from 'node:crypto';
import type { GuaranteeRow } from '@lg/db';
import { guarantees, packages } from '@lg/db';
import { databaseErrorOf } from '@lg/db/client';
import { and, eq, ne } from 'drizzle-orm';
import type { App } from '../app.js';
import { actorOf, type Viewer } from '../auth/viewer.js';
import { enqueueEvent } from '../outbox/enqueue.js';
import { claimIdempotencyKey, type IdempotencyScope, requestHash } from './idempotency.js';
import { failure, type Outcome, Refused, refusalsAsOutcome, success } from './outcome.js';
import { verifyQuote } from './quotes.js';
import { guaranteeJson } from './serialize.js';
import { checkEmail, checkIdentifier, checkText, firstErrors } from './validate.js';

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
      if (!app.policies.get(quote.value.policyVersion)) {
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

/** Cancels an ACTIVE guarantee while no package of its order has shipped (POLICY R2). */
export async function cancelGuarantee(
  app: App,
  viewer: Viewer,
  guarantee: GuaranteeRow,
  reason: string | null | undefined,
  now: Date,
): Promise<Outcome<GuaranteeRow>> {
  const invalid = firstErrors(checkText(reason, ['input', 'reason'], { min: 0, max: 1000 }));
  if (invalid) return invalid;
  return refusalsAsOutcome(async () =>
    app.db.transaction(async (tx) => {
      // Lock the guarantee so a package registered or shipped concurrently is seen.
      const [current] = await tx
        .select()
        .from(guarantees)
        .where(eq(guarantees.id, guarantee.id))
        .for('update');
      if (!current) throw Refused.of('NOT_FOUND', 'no such guarantee', ['input', 'guaranteeId']);
      if (current.status === 'CANCELLED') {
        throw Refused.of('GUARANTEE_CANCELLED', 'the guarantee is already cancelled', [
          'input',
          'guaranteeId',
        ]);
      }
      // Any carrier event means the package left: a registered package has none.
      const shipped = await tx
        .select({ id: packages.id })
        .from(packages)
        .where(and(eq(packages.guaranteeId, guarantee.id), ne(packages.status, 'REGISTERED')))
        .limit(1);
      if (shipped.length > 0) {
        throw Refused.of(
          'PACKAGE_ALREADY_SHIPPED',
          'a package of this order has shipped: the guarantee can no longer be cancelled',
          ['input', 'guaranteeId'],
        );
      }
      const [updated] = await tx
        .update(guarantees)
        .set({
          status: 'CANCELLED',
          cancelledAt: now,
          cancelledBy: actorOf(viewer),
          cancelReason: reason ?? null,
        })
        .where(eq(guarantees.id, guarantee.id))
        .returning();
      if (!updated) throw new Error('cancelled guarantee vanished');
      await enqueueEvent(
        tx,
        {
          storefrontId: updated.storefrontId,
          type: 'guarantee.cancelled',
          aggregateId: updated.id,
          data: guaranteeJson(updated),
        },
        now,
      );
      return success(updated);
    }),
  );
}
