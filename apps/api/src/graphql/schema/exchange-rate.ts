// Exchange rates: published by operators, read by anyone, and the snapshot a quote and its
// guarantee were priced at (exchange-rates.ts).
import type { ExchangeRate } from '@lg/domain';
import { actorOf } from '../../auth/viewer.js';
import { MAX_RATES_PER_PUBLICATION } from '../../exchange-rates.js';
import { builder } from '../builder.js';
import { CurrencyCode } from './money.js';
import { type Payload, toPayload, USER_ERRORS_DESCRIPTION, UserErrorRef } from './user-error.js';

export const ExchangeRateRef = builder.objectRef<ExchangeRate>('ExchangeRate').implement({
  description:
    "A published exchange rate: 1 USD = perUsd units of the currency. The terms' USD amounts (minimum fee, damage cap, per-package cap) are converted with it.",
  fields: (t) => ({
    currencyCode: t.field({
      type: CurrencyCode,
      description: 'The currency the rate converts USD into.',
      resolve: (rate) => rate.currency,
    }),
    perUsd: t.field({
      type: 'Decimal',
      description: 'Units of the currency per US dollar, e.g. "0.92" (at most 10 decimals).',
      resolve: (rate) => rate.perUsd,
    }),
    asOf: t.field({
      type: 'DateTime',
      description:
        'When the rate was set by its source (a rate older than LG_FX_MAX_AGE_HOURS prices no quote).',
      resolve: (rate) => rate.asOf,
    }),
    source: t.exposeString('source', { description: 'Who set the rate, e.g. "ECB".' }),
  }),
});

const ExchangeRateInput = builder.inputType('ExchangeRateInput', {
  description: 'One rate of a publication.',
  fields: (t) => ({
    currencyCode: t.field({
      type: CurrencyCode,
      required: true,
      description: 'Any ISO 4217 currency but USD.',
    }),
    perUsd: t.field({
      type: 'Decimal',
      required: true,
      description:
        'Units of the currency per US dollar: above zero, at most 7 integer digits and 10 decimals.',
    }),
  }),
});

const PublishExchangeRatesInput = builder.inputType('PublishExchangeRatesInput', {
  description: 'A table of rates from one source as of one moment.',
  fields: (t) => ({
    source: t.string({
      required: true,
      description: 'Who set the rates, e.g. "ECB"; 1..64 characters.',
    }),
    asOf: t.field({
      type: 'DateTime',
      required: true,
      description: 'When the source set them; not in the future.',
    }),
    rates: t.field({
      type: [ExchangeRateInput],
      required: true,
      description: `1..${MAX_RATES_PER_PUBLICATION} rates, one per currency.`,
    }),
  }),
});

const PublishExchangeRatesPayload = builder
  .objectRef<Payload<ExchangeRate[]>>('PublishExchangeRatesPayload')
  .implement({
    description: 'The result of publishExchangeRates.',
    fields: (t) => ({
      rates: t.expose('value', {
        type: [ExchangeRateRef],
        nullable: true,
        description: 'The rates as kept; null when refused.',
      }),
      userErrors: t.expose('userErrors', {
        type: [UserErrorRef],
        description: USER_ERRORS_DESCRIPTION,
      }),
    }),
  });

builder.queryField('exchangeRates', (t) =>
  t.field({
    type: [ExchangeRateRef],
    description:
      'The newest published rate of each currency, fresh or not (compare asOf with the maximum age). Readable without a credential.',
    resolve: (_root, _args, ctx) => ctx.app.exchangeRates.newest(),
  }),
);

builder.mutationField('publishExchangeRates', (t) =>
  t.field({
    type: PublishExchangeRatesPayload,
    description:
      'Publishes exchange rates (operators). New quotes in those currencies use the newest fresh rate; guarantees already bought keep theirs. All or nothing; publishing the same table again changes nothing, and a published rate is never changed.',
    authScopes: { operator: true },
    args: {
      input: t.arg({ type: PublishExchangeRatesInput, required: true, description: 'The rates.' }),
    },
    resolve: async (_root, { input }, ctx) =>
      toPayload(
        await ctx.app.exchangeRates.publish(
          { source: input.source, asOf: input.asOf, rates: input.rates },
          ctx.app.policies.current,
          actorOf(ctx.viewer),
          ctx.now,
        ),
      ),
  }),
);
