// A quote token presented for a purchase: checked for signature, expiry and storefront, and
// its amounts re-checked by the domain.
import { type ExchangeRate, money, parseRate } from '@lg/domain';
import type { TokenSigner } from '../../auth/signed-token.js';
import { failure, type Outcome, success } from '../outcome.js';
import type { QuoteConsent, QuotePayload } from './quote-token.js';

export interface VerifiedQuote {
  id: string;
  storefrontId: string;
  currency: string;
  productValueMinor: number;
  feeMinor: number;
  policyVersion: string;
  expiresAt: Date;
  consent: QuoteConsent;
  /** The rate the quote was priced at; null in the policy's currency. */
  exchangeRate: ExchangeRate | null;
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
  // Tokens signed before the consent record existed carry no presentation: they expire within
  // minutes of a deploy, so they are refused rather than given an invented consent.
  if (typeof q.iat !== 'number' || typeof q.srf !== 'string') {
    return failure('QUOTE_EXPIRED', 'the quote has expired: ask for a new one', field);
  }
  let exchangeRate: ExchangeRate | null = null;
  if (q.fx !== undefined) {
    const [perUsd, asOf, source] = q.fx;
    if (
      typeof perUsd !== 'string' ||
      !parseRate(perUsd).ok ||
      typeof asOf !== 'number' ||
      typeof source !== 'string'
    ) {
      return failure('QUOTE_INVALID', 'the quote token is not one this service issued', field);
    }
    exchangeRate = { currency: q.cur, perUsd, asOf: new Date(asOf), source };
  }
  return success({
    id: q.id,
    exchangeRate,
    storefrontId: q.sf,
    currency: q.cur,
    productValueMinor: q.pv,
    feeMinor: q.fee,
    policyVersion: q.pol,
    expiresAt: new Date(q.exp),
    consent: {
      quotedAt: new Date(q.iat),
      locale: q.loc ?? null,
      preselected: q.pre === 1,
      surface: q.srf,
    },
  });
}
