// Quotes are signed, not stored (DESIGN.md): the widget asks for one on every cart view, so
// this path does no database I/O. The token carries everything purchaseGuarantee needs.
import { randomFillSync } from 'node:crypto';
import { type CartLine, type FeeQuote, money, quoteFee, sumProductValue } from '@lg/domain';
import type { TokenSigner } from '../auth/signed-token.js';
import {
  failure,
  type Outcome,
  success,
  type UserErrorShape,
} from '../graphql/schema/user-error.js';
import type { PolicyStore } from '../policies.js';
import { moneyFromInput } from './money-input.js';

export interface QuoteInput {
  currencyCode: string;
  lines: readonly {
    sku?: string | null;
    title?: string | null;
    unitPrice: string;
    quantity: number;
  }[];
}

export interface IssuedQuote extends FeeQuote {
  id: string;
  token: string;
  expiresAt: Date;
}

/** What the signed token says. Short keys: it travels in every checkout form. */
interface QuotePayload {
  exp: number;
  id: string;
  sf: string;
  cur: string;
  pv: number;
  fee: number;
  pol: string;
}

export interface VerifiedQuote {
  id: string;
  storefrontId: string;
  currency: string;
  productValueMinor: number;
  feeMinor: number;
  policyVersion: string;
  expiresAt: Date;
}

const MAX_LINES = 100;

// Quote ids come from a pool of random bytes filled 512 ids at a time: one call into the
// CSPRNG instead of one per quote. Each byte is used once.
const ID_BYTES = 12;
const idPool = Buffer.alloc(ID_BYTES * 512);
let idOffset = idPool.length;

function newQuoteId(): string {
  if (idOffset >= idPool.length) {
    randomFillSync(idPool);
    idOffset = 0;
  }
  const id = `qt_${idPool.toString('base64url', idOffset, idOffset + ID_BYTES)}`;
  idOffset += ID_BYTES;
  return id;
}

export function issueQuote(
  signer: TokenSigner,
  policies: PolicyStore,
  storefrontId: string,
  input: QuoteInput,
  now: Date,
): Outcome<IssuedQuote> {
  const policy = policies.current;
  if (input.currencyCode !== policy.currency) {
    return failure('UNSUPPORTED_CURRENCY', `only ${policy.currency} is supported for now`, [
      'input',
      'currencyCode',
    ]);
  }
  if (input.lines.length < 1 || input.lines.length > MAX_LINES) {
    return failure('INVALID_INPUT', `lines must hold 1 to ${MAX_LINES} items`, ['input', 'lines']);
  }
  const lines: CartLine[] = [];
  const errors: UserErrorShape[] = [];
  input.lines.forEach((line, index) => {
    const field = ['input', 'lines', String(index)];
    const price = moneyFromInput(line.unitPrice, input.currencyCode, [...field, 'unitPrice']);
    if (!price.ok) errors.push(...price.errors);
    else lines.push({ unitPrice: price.value, quantity: line.quantity });
    for (const [name, value] of [
      ['sku', line.sku],
      ['title', line.title],
    ] as const) {
      if (value && value.length > 500) {
        errors.push({
          code: 'INVALID_INPUT',
          message: `${name} is longer than 500 characters`,
          field: [...field, name],
        });
      }
    }
  });
  if (errors.length > 0) return { ok: false, errors };

  const total = sumProductValue(lines);
  if (!total.ok)
    return failure(total.code, total.message, ['input', ...(total.field ?? ['lines'])]);
  const fee = quoteFee(total.value, policy);
  if (!fee.ok) return failure(fee.code, fee.message, ['input', ...(fee.field ?? ['lines'])]);

  const expiresAt = new Date(now.getTime() + policy.quoteLifetimeMinutes * 60_000);
  const id = newQuoteId();
  const token = signer.sign<QuotePayload>('q', {
    exp: expiresAt.getTime(),
    id,
    sf: storefrontId,
    cur: fee.value.productValue.currency,
    pv: fee.value.productValue.minor,
    fee: fee.value.fee.minor,
    pol: policy.version,
  });
  return success({ ...fee.value, id, token, expiresAt });
}

/** Checks a quote token for a purchase: signature, expiry, storefront. */
export function verifyQuote(
  signer: TokenSigner,
  token: string,
  storefrontId: string,
  now: Date,
): Outcome<VerifiedQuote> {
  const field = ['input', 'quoteToken'];
  const result = signer.verify<QuotePayload>('q', token, now);
  if (!result.ok) {
    return result.reason === 'EXPIRED'
      ? failure('QUOTE_EXPIRED', 'the quote has expired: ask for a new one', field)
      : failure('QUOTE_INVALID', 'the quote token is not one this service issued', field);
  }
  const q = result.payload;
  if (q.sf !== storefrontId) {
    return failure('QUOTE_INVALID', 'the quote was issued for another storefront', field);
  }
  // Re-check the amounts through the domain: a valid signature over nonsense is still nonsense.
  try {
    money(q.pv, q.cur);
    money(q.fee, q.cur);
  } catch {
    return failure('QUOTE_INVALID', 'the quote token is not one this service issued', field);
  }
  return success({
    id: q.id,
    storefrontId: q.sf,
    currency: q.cur,
    productValueMinor: q.pv,
    feeMinor: q.fee,
    policyVersion: q.pol,
    expiresAt: new Date(q.exp),
  });
}
