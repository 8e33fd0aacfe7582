import { storefrontOf } from '../../auth/viewer.js';
import type { PricedPolicy } from '../../exchange-rates.js';
import type { Outcome } from '../../services/outcome.js';
import { type IssuedQuote, issueQuote } from '../../services/quotes/issue-quote.js';
import { builder } from '../builder.js';
import { ExchangeRateRef } from './exchange-rate.js';
import { CurrencyCode, MoneyRef } from './money.js';
import { PolicyRef } from './policy.js';
import { basisPointsToDecimal } from './rate.js';
import { payloadType, toPayload } from './user-error.js';

const QuoteRef = builder.objectRef<IssuedQuote>('Quote').implement({
  description: 'A signed offer of the guarantee for a cart. Not stored: the token is the quote.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'The quote\'s id ("qt_..."), inside its token too; one guarantee per quote.',
    }),
    token: t.exposeString('token', {
      description: 'Pass to purchaseGuarantee. Tamper-proof: any change invalidates it.',
    }),
    // Exposed rather than resolved: graphql-jit reads an exposed field inline, without a
    // resolver call per field per request.
    productValue: t.expose('productValue', {
      type: MoneyRef,
      description: "The cart's product value: the lines' unit price times quantity (POLICY R1).",
    }),
    fee: t.expose('fee', {
      type: MoneyRef,
      description: 'What the guarantee costs the shopper, charged with the order (R1, R2).',
    }),
    feeRate: t.field({
      type: 'Decimal',
      description: 'The share of the product value the fee is, e.g. "0.10" for 10% (R1).',
      resolve: (q) => basisPointsToDecimal(q.feeRateBps),
    }),
    minimumFeeApplied: t.exposeBoolean('minimumFeeApplied', {
      description: 'True when the rate gave less than the minimum fee, so the minimum is charged.',
    }),
    policyVersion: t.exposeString('policyVersion', {
      description: 'The policy version the guarantee bought with this quote keeps for life.',
    }),
    expiresAt: t.field({
      type: 'DateTime',
      description: 'After this, purchaseGuarantee refuses the token (QUOTE_EXPIRED, R3).',
      resolve: (q) => q.expiresAt,
    }),
    maxCompensationPerPackage: t.expose('maxCompensationPerPackage', {
      type: MoneyRef,
      description: 'The most the guarantee pays for one package (POLICY R9).',
    }),
    exchangeRate: t.expose('exchangeRate', {
      type: ExchangeRateRef,
      nullable: true,
      description:
        "The rate the policy's USD amounts were converted at for this quote's currency; the guarantee keeps it for life. Null in USD.",
    }),
    policy: t.expose('policy', {
      type: PolicyRef,
      description:
        "The policy the quote is issued under, its amounts (minimum fee, damage cap, per-package cap) in the quote's currency at the quote's rate.",
    }),
  }),
});

const CartLineInput = builder.inputType('CartLineInput', {
  description: 'One line of the cart: a product, its price and how many.',
  fields: (t) => ({
    sku: t.string({ description: "The storefront's product code; at most 500 characters." }),
    title: t.string({ description: 'The product name; at most 500 characters.' }),
    unitPrice: t.field({
      type: 'Decimal',
      required: true,
      description: "One item's price in the quote's currency, without shipping or taxes.",
    }),
    quantity: t.int({ required: true, description: '1..10000' }),
  }),
});

const PresentationInput = builder.inputType('PresentationInput', {
  description:
    'What the shopper is shown, so the purchase keeps a record of their consent (Guarantee.consent).',
  fields: (t) => ({
    locale: t.string({ description: 'The language the offer was rendered in, e.g. "zh-CN".' }),
    preselected: t.boolean({
      description: 'True if the box was ticked before the shopper acted. Default false.',
    }),
    surface: t.string({ description: 'Where it was shown, e.g. "widget@0.1.0". Default "api".' }),
  }),
});

const QuoteGuaranteeInput = builder.inputType('QuoteGuaranteeInput', {
  description: 'The cart to price.',
  fields: (t) => ({
    currencyCode: t.field({
      type: CurrencyCode,
      required: true,
      description:
        "The cart's currency: USD, or one with a published exchange rate no older than LG_FX_MAX_AGE_HOURS (else UNSUPPORTED_CURRENCY).",
    }),
    lines: t.field({ type: [CartLineInput], required: true, description: '1..100 lines' }),
    presentation: t.field({
      type: PresentationInput,
      description: 'How the offer is shown, recorded as the consent of the guarantee bought.',
    }),
  }),
});

const QuoteGuaranteePayload = payloadType('QuoteGuaranteePayload', 'quote', QuoteRef, {
  payload: 'The result of quoteGuarantee.',
  value: 'The quote; null when refused.',
});

builder.mutationField('quoteGuarantee', (t) =>
  t.field({
    type: QuoteGuaranteePayload,
    description: 'Prices the guarantee for a cart (POLICY R1, R3). Writes nothing.',
    authScopes: { storefrontKey: true },
    args: {
      input: t.arg({ type: QuoteGuaranteeInput, required: true, description: 'The cart.' }),
    },
    resolve: (_root, { input }, ctx) => {
      const answer = (priced: Outcome<PricedPolicy>) =>
        toPayload(
          priced.ok
            ? issueQuote(
                ctx.app.signer,
                priced.value,
                storefrontOf(ctx.viewer) as string,
                {
                  currencyCode: input.currencyCode,
                  lines: input.lines,
                  presentation: input.presentation,
                },
                ctx.now,
              )
            : priced,
        );
      // USD answers without a promise: the quote is the API's hottest path.
      const priced = ctx.app.exchangeRates.price(
        ctx.app.policies.current,
        input.currencyCode,
        ctx.now,
      );
      return priced instanceof Promise ? priced.then(answer) : answer(priced);
    },
  }),
);
