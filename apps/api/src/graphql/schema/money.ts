import { formatDecimal, ISO_4217_CURRENCIES, type Money } from '@lg/domain';
import { builder } from '../builder.js';

export const CurrencyCode = builder.enumType('CurrencyCode', {
  description:
    'ISO 4217 currency code. Guarantees are sold in USD and in every currency with a fresh published exchange rate (Query.exchangeRates).',
  values: Object.fromEntries(
    Object.entries(ISO_4217_CURRENCIES).map(([code, info]) => [code, { description: info.name }]),
  ),
});

export const MoneyRef = builder.objectRef<Money>('Money').implement({
  description: 'An exact amount of money.',
  fields: (t) => ({
    amount: t.field({
      type: 'Decimal',
      description: 'The amount in major units with the currency\'s decimals, e.g. "45.68".',
      resolve: (money) => formatDecimal(money),
    }),
    currencyCode: t.field({
      type: CurrencyCode,
      description: 'The currency of the amount.',
      resolve: (money) => money.currency,
    }),
  }),
});

export const MoneyInput = builder.inputType('MoneyInput', {
  description: 'An exact amount of money, as sent to the API.',
  fields: (t) => ({
    amount: t.field({
      type: 'Decimal',
      required: true,
      description:
        'At most the currency\'s decimals (USD: 2) and at most 1,000,000,000.00, e.g. "45.68".',
    }),
    currencyCode: t.field({
      type: CurrencyCode,
      required: true,
      description: 'The currency of the amount.',
    }),
  }),
});
