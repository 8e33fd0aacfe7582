import type { Money } from '../../api-client.js';
import { en } from './en.js';
import type { Messages } from './messages.js';
import { zh } from './zh.js';

export type { Messages } from './messages.js';

/**
 * Catalogs by lowercase primary language subtag. To add a language, add a file beside
 * `en.ts` and list it here.
 */
const catalogs: Record<string, Messages> = { en, zh };

/** The catalog for a locale tag's language (`zh-Hans-CN`: `zh`), else English. */
export function messagesFor(locale: string): Messages {
  return catalogs[locale.toLowerCase().split(/[-_]/)[0] as string] ?? en;
}

/** A number for display, or undefined when `Intl` rejects the locale or the options. */
function format(value: string, locale: string, options: Intl.NumberFormatOptions) {
  try {
    return new Intl.NumberFormat(locale, options).format(+value);
  } catch {
    return undefined;
  }
}

/**
 * Money for display, with the currency's own decimals (JPY none, KWD three); a locale or
 * currency `Intl` rejects falls back to `12.34 USD`.
 */
export function formatMoney({ amount, currencyCode: currency }: Money, locale: string): string {
  return format(amount, locale, { style: 'currency', currency }) ?? `${amount} ${currency}`;
}

/** A share such as `"0.30"` as a percentage (`30%`); in English when `Intl` rejects the locale. */
export function formatShare(share: string, locale: string): string {
  return (format(share, locale, PERCENT) ?? format(share, 'en', PERCENT)) as string;
}

const PERCENT: Intl.NumberFormatOptions = { style: 'percent' };
