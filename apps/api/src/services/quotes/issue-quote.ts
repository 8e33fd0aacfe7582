// Quotes are signed, not stored (docs/architecture.md): the widget asks for one on every cart view, so
// this path does no database I/O. The token carries everything purchaseGuarantee needs.
import { randomFillSync } from 'node:crypto';
import {
  type CartLine,
  type ExchangeRate,
  type FeeQuote,
  MAX_CART_LINES,
  type PolicyVersion,
  parseMoney,
  quoteExpiresAt,
  quoteFee,
  sumProductValue,
} from '@lg/domain';
import type { TokenSigner } from '../../auth/signed-token.js';
import type { PricedPolicy } from '../../exchange-rates.js';
import { moneyRefusal } from '../money-input.js';
import { failure, type Outcome, success, type UserErrorShape } from '../outcome.js';
import type { QuotePayload } from './quote-token.js';

/** What the shopper was shown, as the widget (or another surface) reports it. */
export interface PresentationInput {
  locale?: string | null | undefined;
  preselected?: boolean | null | undefined;
  surface?: string | null | undefined;
}

export interface QuoteInput {
  currencyCode: string;
  lines: readonly {
    sku?: string | null;
    title?: string | null;
    unitPrice: string;
    quantity: number;
  }[];
  presentation?: PresentationInput | null | undefined;
}

export interface IssuedQuote extends FeeQuote {
  id: string;
  token: string;
  expiresAt: Date;
  /** The rate the policy's USD amounts were converted at; null in the policy's currency. */
  exchangeRate: ExchangeRate | null;
  /** The policy the quote was issued under, its amounts in the quote's currency. */
  policy: PolicyVersion;
}

/** Quotes asked for without a presentation came straight through the API. */
const API_SURFACE = 'api';
/** Longest locale tag (BCP 47 allows 35 characters) and surface label kept. */
const MAX_LOCALE = 35;
const MAX_SURFACE = 64;
const LOCALE = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;
const SURFACE = new RegExp(`^[!-~]{1,${MAX_SURFACE}}$`);

/** Longest sku or title kept from a cart line. */
const MAX_LINE_TEXT = 500;

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

// The widget asks for a quote on every cart view, so this is the API's hottest path: one pass
// over the lines, and field paths built only for the lines that are refused. `priced` is the
// policy in the cart's currency (ExchangeRateStore.price): the rate is signed into the token,
// and the guarantee bought with it keeps that rate for life.
export function issueQuote(
  signer: TokenSigner,
  priced: PricedPolicy,
  storefrontId: string,
  input: QuoteInput,
  now: Date,
): Outcome<IssuedQuote> {
  const { policy, rate } = priced;
  if (input.currencyCode !== policy.currency) {
    return failure('UNSUPPORTED_CURRENCY', `the policy is priced in ${policy.currency}`, [
      'input',
      'currencyCode',
    ]);
  }
  const count = input.lines.length;
  if (count < 1 || count > MAX_CART_LINES) {
    return failure('INVALID_INPUT', `lines must hold 1 to ${MAX_CART_LINES} items`, [
      'input',
      'lines',
    ]);
  }
  const lines: CartLine[] = [];
  const errors: UserErrorShape[] = [];
  for (let index = 0; index < count; index += 1) {
    const line = input.lines[index] as QuoteInput['lines'][number];
    const price = parseMoney(line.unitPrice, input.currencyCode);
    if (price.ok) lines.push({ unitPrice: price.value, quantity: line.quantity });
    else errors.push(moneyRefusal(price.code, lineField(index, 'unitPrice')));
    if (line.sku && line.sku.length > MAX_LINE_TEXT) {
      errors.push(lineTextTooLong(index, 'sku'));
    }
    if (line.title && line.title.length > MAX_LINE_TEXT) {
      errors.push(lineTextTooLong(index, 'title'));
    }
  }
  const presentation = input.presentation;
  if (presentation) {
    const { locale, surface } = presentation;
    if (locale !== null && locale !== undefined) {
      if (locale.length > MAX_LOCALE || !LOCALE.test(locale)) {
        errors.push({
          code: 'INVALID_INPUT',
          message: 'locale is not a language tag such as "en" or "zh-CN"',
          field: ['input', 'presentation', 'locale'],
        });
      }
    }
    if (surface !== null && surface !== undefined) {
      if (!SURFACE.test(surface)) {
        errors.push({
          code: 'INVALID_INPUT',
          message: `surface must be 1 to ${MAX_SURFACE} visible ASCII characters, e.g. "widget@1.2.0"`,
          field: ['input', 'presentation', 'surface'],
        });
      }
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const total = sumProductValue(lines);
  if (!total.ok)
    return failure(total.code, total.message, ['input', ...(total.field ?? ['lines'])]);
  const fee = quoteFee(total.value, policy);
  if (!fee.ok) return failure(fee.code, fee.message, ['input', ...(fee.field ?? ['lines'])]);

  const expiresAt = quoteExpiresAt(now, policy);
  const id = newQuoteId();
  const token = signer.sign<QuotePayload>('q', {
    exp: expiresAt.getTime(),
    id,
    sf: storefrontId,
    cur: fee.value.productValue.currency,
    pv: fee.value.productValue.minor,
    fee: fee.value.fee.minor,
    pol: policy.version,
    iat: now.getTime(),
    ...(presentation?.locale ? { loc: presentation.locale } : {}),
    pre: presentation?.preselected ? 1 : 0,
    srf: presentation?.surface ?? API_SURFACE,
    ...(rate ? { fx: [rate.perUsd, rate.asOf.getTime(), rate.source] as const } : {}),
  });
  // Listed rather than spread: V8 copies a spread object from another function's literal
  // through a slow path, and this line was the costliest of the quote (BENCHMARKS.md).
  const offer = fee.value;
  return success({
    id,
    token,
    expiresAt,
    productValue: offer.productValue,
    fee: offer.fee,
    feeRateBps: offer.feeRateBps,
    minimumFeeApplied: offer.minimumFeeApplied,
    maxCompensationPerPackage: offer.maxCompensationPerPackage,
    policyVersion: offer.policyVersion,
    exchangeRate: rate,
    policy,
  });
}

function lineField(index: number, name: string): string[] {
  return ['input', 'lines', String(index), name];
}

function lineTextTooLong(index: number, name: 'sku' | 'title'): UserErrorShape {
  return {
    code: 'INVALID_INPUT',
    message: `${name} is longer than ${MAX_LINE_TEXT} characters`,
    field: lineField(index, name),
  };
}
