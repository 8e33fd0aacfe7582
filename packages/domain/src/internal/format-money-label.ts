import { formatDecimal } from '../money/format-decimal.js';
import type { Money } from '../money/money.js';

const SYMBOLS: Readonly<Record<string, string>> = { USD: '$' };

/**
 * A human amount for breakdown labels ("$5,000.00", "1,000.00 EUR"). Done by hand rather
 * than with Intl so a label is identical on every machine whatever its ICU data.
 */
export function formatMoneyLabel(m: Money): string {
  const decimal = formatDecimal(m);
  const negative = decimal.startsWith('-');
  const [whole = '', fraction] = (negative ? decimal.slice(1) : decimal).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const amount = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  const symbol = Object.hasOwn(SYMBOLS, m.currency) ? SYMBOLS[m.currency] : undefined;
  const sign = negative ? '-' : '';
  return symbol === undefined ? `${sign}${amount} ${m.currency}` : `${sign}${symbol}${amount}`;
}

/** Basis points as a percentage for labels: 10000 → "100%", 1250 → "12.5%". */
export function formatBasisPoints(basisPoints: number): string {
  return `${basisPoints / 100}%`;
}
