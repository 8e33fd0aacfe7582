import { formatDecimal, ISO_4217_CURRENCIES, type Money } from '@lg/domain';
import { builder } from '../builder.js';

export const CurrencyCode = builder.enumType('CurrencyCode', {
  description: 'ISO 4217 currency code. Until multi-currency ships, only USD is accepted.',
  values: Object.fromEntries(
    Object.entries(ISO_4217_CURRENCIES).map(([code, info]) => [code, { description: info.name }]),
  ),
});

export const MoneyRef = builder.objectRef<Money>('Money').implement({
  description: 'An exact amount of money.',
  fields: (t) => ({
    amount: t.field({ type: 'Decimal', resolve: (money) => formatDecimal(money) }),
    currencyCode: t.field({ type: CurrencyCode, resolve: (money) => money.currency }),
  }),
});

export const MoneyInput = builder.inputType('MoneyInput', {
  fields: (t) => ({
    amount: t.field({ type: 'Decimal', required: true }),
    currencyCode: t.field({ type: CurrencyCode, required: true }),
  }),
});
