import { randomUUID } from 'node:crypto';
import type { GuaranteeRow, StoredQuote } from '@lg/db';
import { guarantees } from '@lg/db';
import { databaseErrorOf, type Transaction } from '@lg/db/client';
import { and, eq } from 'drizzle-orm';
import type { App } from '../../app.js';
import { enqueueEvent } from '../../outbox/enqueue.js';
import { claimIdempotencyKey, type IdempotencyScope, requestHash } from '../idempotency.js';
import { type MoneyInputShape, moneyInput } from '../money-input.js';
import { type Outcome, Refused, refusalsAsOutcome, success } from '../outcome.js';
import { type VerifiedQuote, verifyQuote } from '../quotes/verify-quote.js';
import { guaranteeJson } from '../serialize.js';
import { checkEmail, checkIdentifier, checkText, firstErrors } from '../validate.js';

export interface PurchaseInput {
  quoteToken: string;
  orderNumber: string;
  memberId: string;
  memberEmail: string;
  /** The order's product value as the storefront's server computed it, not the page. */
  productValue: MoneyInputShape;
  idempotencyKey?: string | null | undefined;
}

/** A new guarantee, or the id of the one an earlier request with the same key bought. */
type Purchased = { row: GuaranteeRow } | { replayOf: string };

/**
 * POLICY R2-R4: records the guarantee the storefront charged with the order. One per order
 * and one per quote (unique constraints), replay-safe with an idempotency key.
 *
 * The quote token travels through the shopper's browser, so it proves only what was offered,
 * not for which order: the storefront's server states the order's product value, and a token
 * quoted for any other value is refused (QUOTE_MISMATCH). Otherwise a shopper could swap in a
 * token quoted for a $1 cart and buy $5,000 of cover for the $30 minimum.
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
  const declared = moneyInput(input.productValue, ['input', 'productValue']);
  if (!declared.ok) return declared;

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
      if (
        quote.value.currency !== declared.value.currency ||
        quote.value.productValueMinor !== declared.value.minor
      ) {
        throw Refused.of(
          'QUOTE_MISMATCH',
          "the quote was issued for another product value than this order's: quote the order's cart again",
          ['input', 'quoteToken'],
        );
      }
      const policy = await app.policies.get(quote.value.policyVersion, tx);
      // A quote in another currency than its policy's carries the rate it was priced at.
      if (
        !policy ||
        (quote.value.currency !== policy.currency) !== (quote.value.exchangeRate !== null)
      ) {
        throw Refused.of('QUOTE_INVALID', 'the quote refers to an unknown policy version', [
          'input',
          'quoteToken',
        ]);
      }
      const rate = quote.value.exchangeRate;
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
          quote: storedQuote(quote.value),
          fxPerUsd: rate?.perUsd ?? null,
          fxAsOf: rate?.asOf ?? null,
          fxSource: rate?.source ?? null,
          purchasedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      const row = inserted[0];
      if (!row) throw await whichConflict(tx, storefrontId, input.orderNumber);
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
    // Two requests racing for one order or one quote: the unique indexes decide.
    const constraint = databaseErrorOf(error).constraint;
    if (constraint === 'guarantees_storefront_order_unique') {
      return { ok: false, errors: orderAlreadyGuaranteed().errors };
    }
    if (constraint === 'guarantees_storefront_quote_unique') {
      return { ok: false, errors: quoteAlreadyUsed().errors };
    }
    throw error;
  });
}

function orderAlreadyGuaranteed(): Refused {
  return Refused.of('ORDER_ALREADY_GUARANTEED', 'this order already has a guarantee', [
    'input',
    'orderNumber',
  ]);
}

function quoteAlreadyUsed(): Refused {
  return Refused.of(
    'QUOTE_ALREADY_USED',
    'this quote already bought a guarantee: a quote token buys one',
    ['input', 'quoteToken'],
  );
}

/** The insert met a committed guarantee for this order or for this quote: which one. */
async function whichConflict(
  tx: Transaction,
  storefrontId: string,
  orderNumber: string,
): Promise<Refused> {
  const [order] = await tx
    .select({ id: guarantees.id })
    .from(guarantees)
    .where(and(eq(guarantees.storefrontId, storefrontId), eq(guarantees.orderNumber, orderNumber)));
  return order ? orderAlreadyGuaranteed() : quoteAlreadyUsed();
}

/** The accepted quote as kept with the guarantee: the offer and the shopper's consent. */
function storedQuote(quote: VerifiedQuote): StoredQuote {
  return {
    id: quote.id,
    storefrontId: quote.storefrontId,
    currency: quote.currency,
    productValueMinor: quote.productValueMinor,
    feeMinor: quote.feeMinor,
    policyVersion: quote.policyVersion,
    expiresAt: quote.expiresAt.toISOString(),
    quotedAt: quote.consent.quotedAt.toISOString(),
    locale: quote.consent.locale,
    preselected: quote.consent.preselected,
    surface: quote.consent.surface,
    ...(quote.exchangeRate
      ? {
          exchangeRate: {
            currency: quote.exchangeRate.currency,
            perUsd: quote.exchangeRate.perUsd,
            asOf: quote.exchangeRate.asOf.toISOString(),
            source: quote.exchangeRate.source,
          },
        }
      : {}),
  };
}
