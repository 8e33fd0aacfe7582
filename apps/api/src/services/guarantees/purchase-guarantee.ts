import { randomUUID } from 'node:crypto';
import type { GuaranteeRow, StoredQuote } from '@lg/db';
import { guarantees } from '@lg/db';
import { type Database, databaseErrorOf, type Queryable, rowsOf } from '@lg/db/client';
import { eq, sql, TransactionRollbackError } from 'drizzle-orm';
import type { App } from '../../app.js';
import { outboxWrite } from '../../outbox/enqueue.js';
import { claimIdempotencyKey, type IdempotencyScope, requestHash } from '../idempotency.js';
import { type MoneyInputShape, moneyInput } from '../money-input.js';
import { failure, type Outcome, Refused, refusalsAsOutcome, success } from '../outcome.js';
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

/**
 * POLICY R2-R4: records the guarantee the storefront charged with the order. One per order
 * and one per quote (unique constraints), replay-safe with an idempotency key.
 *
 * The quote token travels through the shopper's browser, so it proves only what was offered,
 * not for which order: the storefront's server states the order's product value, and a token
 * quoted for any other value is refused (QUOTE_MISMATCH). Otherwise a shopper could swap in a
 * token quoted for a $1 cart and buy $5,000 of cover for the $30 minimum.
 *
 * A purchase that goes through is one statement (BENCHMARKS.md, "Purchases"): the key, the
 * guarantee and its outbox event are written together or not at all. Anything else (a retried
 * key, a refused quote) then asks the key whether an earlier request already bought it.
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
  const quote = await acceptableQuote(app, input.quoteToken, declared.value, storefrontId, now);

  return refusalsAsOutcome(async () => {
    if (quote.ok) {
      const row = await recordPurchase(app.db, storefrontId, input, scope, quote.value, now);
      if (row) return success(row);
    }
    // Nothing written. A key used before answers with the guarantee it bought, as it is now
    // (it may have been cancelled since), even once the quote has expired; a key used with
    // another request is refused (IDEMPOTENCY_KEY_REUSED) before the quote is.
    if (scope) {
      const earlier = await earlierPurchase(app.db, scope);
      if (earlier) {
        const [row] = await app.db.select().from(guarantees).where(eq(guarantees.id, earlier));
        if (!row) throw new Error('purchased guarantee vanished');
        return success(row);
      }
    }
    if (!quote.ok) return quote;
    throw new Error('a purchase was neither recorded nor answered by its idempotency key');
  }).catch((error: unknown) => {
    // An order or a quote that already bought a guarantee, committed or racing this request:
    // the unique indexes decide, and the statement wrote nothing.
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

/** The quote token checked for this order: signature, expiry, storefront, value, policy. */
async function acceptableQuote(
  app: App,
  token: string,
  declared: { currency: string; minor: number },
  storefrontId: string,
  now: Date,
): Promise<Outcome<VerifiedQuote>> {
  const quote = verifyQuote(app.signer, token, storefrontId, now);
  if (!quote.ok) return quote;
  if (
    quote.value.currency !== declared.currency ||
    quote.value.productValueMinor !== declared.minor
  ) {
    return failure(
      'QUOTE_MISMATCH',
      "the quote was issued for another product value than this order's: quote the order's cart again",
      ['input', 'quoteToken'],
    );
  }
  const policy = await app.policies.get(quote.value.policyVersion);
  // A quote in another currency than its policy's carries the rate it was priced at.
  if (
    !policy ||
    (quote.value.currency !== policy.currency) !== (quote.value.exchangeRate !== null)
  ) {
    return failure('QUOTE_INVALID', 'the quote refers to an unknown policy version', [
      'input',
      'quoteToken',
    ]);
  }
  return quote;
}

/**
 * Writes the key (if any), the guarantee and its `guarantee.purchased` event in one statement,
 * atomic as any single statement is. The guarantee is written only if the key was free; an
 * order or quote already guaranteed fails the statement on its unique index, so nothing
 * (the key included) is kept. Returns null when the key was already used.
 */
async function recordPurchase(
  db: Queryable,
  storefrontId: string,
  input: PurchaseInput,
  scope: IdempotencyScope | null,
  quote: VerifiedQuote,
  now: Date,
): Promise<GuaranteeRow | null> {
  const row: GuaranteeRow = {
    id: randomUUID(),
    storefrontId,
    orderNumber: input.orderNumber,
    memberId: input.memberId,
    memberEmail: input.memberEmail,
    status: 'ACTIVE',
    currency: quote.currency,
    productValueMinor: quote.productValueMinor,
    feeMinor: quote.feeMinor,
    policyVersion: quote.policyVersion,
    quoteId: quote.id,
    quote: storedQuote(quote),
    fxPerUsd: quote.exchangeRate?.perUsd ?? null,
    fxAsOf: quote.exchangeRate?.asOf ?? null,
    fxSource: quote.exchangeRate?.source ?? null,
    purchasedAt: now,
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
    refundMinor: null,
  };
  const response: PurchaseResponse = { guaranteeId: row.id };
  const outbox = outboxWrite(
    {
      storefrontId,
      type: 'guarantee.purchased',
      aggregateId: row.id,
      data: guaranteeJson(row),
      memberEmail: row.memberEmail,
    },
    now,
    sql`exists (select 1 from guarantee)`,
  );
  const result = await db.execute(sql`
    with claimed as (
      insert into idempotency_keys (storefront_id, operation, key, request_hash, response)
      select ${storefrontId}::uuid, ${scope?.operation ?? null}::text, ${scope?.key ?? null}::text,
             ${scope?.hash ?? null}::text, ${JSON.stringify(response)}::jsonb
       where ${scope?.key ?? null}::text is not null
      on conflict do nothing
      returning 1
    ), guarantee as (
      insert into guarantees (id, storefront_id, order_number, member_id, member_email, status,
                              currency, product_value_minor, fee_minor, policy_version, quote_id,
                              quote, fx_per_usd, fx_as_of, fx_source, purchased_at)
      select ${row.id}::uuid, ${storefrontId}::uuid, ${row.orderNumber}::text,
             ${row.memberId}::text, ${row.memberEmail}::text, ${row.status}::text,
             ${row.currency}::text, ${row.productValueMinor}::bigint, ${row.feeMinor}::bigint,
             ${row.policyVersion}::text, ${row.quoteId}::text, ${JSON.stringify(row.quote)}::jsonb,
             ${row.fxPerUsd}::numeric, ${row.fxAsOf?.toISOString() ?? null}::timestamptz,
             ${row.fxSource}::text, ${now.toISOString()}::timestamptz
       where ${scope === null}::boolean or exists (select 1 from claimed)
      returning 1
    ), ${outbox.ctes}
    select (select count(*)::int from guarantee) as bought, ${outbox.notified} as notified
  `);
  const [written] = rowsOf<{ bought: number }>(result);
  return written && written.bought > 0 ? row : null;
}

/** What a purchase's idempotency key records: the guarantee it bought. */
interface PurchaseResponse {
  guaranteeId: string;
}

/**
 * The guarantee an earlier request with this key bought, or null if none did. The key is
 * claimed as a purchase would (waiting for a request holding it to commit, refusing it when
 * it was used with another request) in a transaction that is then rolled back, so a key no
 * request used stays unused.
 */
async function earlierPurchase(db: Database, scope: IdempotencyScope): Promise<string | null> {
  let earlier: string | null = null;
  try {
    await db.transaction(async (tx) => {
      const replay = await claimIdempotencyKey<PurchaseResponse>(tx, scope, {
        guaranteeId: randomUUID(),
      });
      earlier = replay?.guaranteeId ?? null;
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return earlier;
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
