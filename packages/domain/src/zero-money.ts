import { type Money, money } from './money.js';

/** Zero in the given currency (throws on an unknown currency, like `money`). */
export function zeroMoney(currency: string): Money {
  return money(0, currency);
}
