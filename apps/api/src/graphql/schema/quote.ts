import { storefrontOf } from '../../auth/viewer.js';
import { type IssuedQuote, issueQuote } from '../../services/quotes/issue-quote.js';
import { builder } from '../builder.js';
import { CurrencyCode, MoneyRef } from './money.js';
import { basisPointsToDecimal } from './rate.js';
import { payloadType, toPayload } from './user-error.js';

const QuoteRef = builder.objectRef<IssuedQuote>('Quote').implement({
  description: 'A signed offer of the guarantee for a cart. Not stored: the token is the quote.',
  fields: (t) => ({
    id: t.exposeID('id'),
    token: t.exposeString('token', {
      description: 'Pass to purchaseGuarantee. Tamper-proof: any change invalidates it.',
    }),
    // Exposed rather than resolved: graphql-jit reads an exposed field inline, without a
    // resolver call per field per request.
    productValue: t.expose('productValue', { type: MoneyRef }),
    fee: t.expose('fee', { type: MoneyRef }),
    feeRate: t.field({ type: 'Decimal', resolve: (q) => basisPointsToDecimal(q.feeRateBps) }),
    minimumFeeApplied: t.exposeBoolean('minimumFeeApplied'),
    policyVersion: t.exposeString('policyVersion'),
    expiresAt: t.field({ type: 'DateTime', resolve: (q) => q.expiresAt }),
    maxCompensationPerPackage: t.expose('maxCompensationPerPackage', {
      type: MoneyRef,
      description: 'The most the guarantee pays for one package (POLICY R9).',
    }),
  }),
});

const CartLineInput = builder.inputType('CartLineInput', {
  fields: (t) => ({
    sku: t.string(),
    title: t.string(),
    unitPrice: t.field({ type: 'Decimal', required: true }),
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
  fields: (t) => ({
    currencyCode: t.field({ type: CurrencyCode, required: true }),
    lines: t.field({ type: [CartLineInput], required: true, description: '1..100 lines' }),
    presentation: t.field({ type: PresentationInput }),
  }),
});

const QuoteGuaranteePayload = payloadType('QuoteGuaranteePayload', 'quote', QuoteRef);

builder.mutationField('quoteGuarantee', (t) =>
  t.field({
    type: QuoteGuaranteePayload,
    description: 'Prices the guarantee for a cart (POLICY R1, R3). Writes nothing.',
    authScopes: { storefrontKey: true },
    args: { input: t.arg({ type: QuoteGuaranteeInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      toPayload(
        issueQuote(
          ctx.app.signer,
          ctx.app.policies.current,
          storefrontOf(ctx.viewer) as string,
          {
            currencyCode: input.currencyCode,
            lines: input.lines,
            presentation: input.presentation,
          },
          ctx.now,
        ),
      ),
  }),
);
