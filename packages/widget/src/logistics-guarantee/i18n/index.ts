import type { Money } from '../../api-client.js';
import { en } from './en.js';
import type { Messages } from './messages.js';
import { zh } from './zh.js';

export type { Messages } from './messages.js';

/**
 * Catalogs by lowercase BCP 47 prefix. To add a locale, add a file beside `en.ts` and list
 * it here; a more specific tag (`zh-hant`) wins over a shorter one (`zh`).
 */
const catalogs: Record<string, Messages> = { en, zh };

/** The catalog for a locale tag: `zh-Hans-CN` tries `zh-hans-cn`, `zh-hans`, `zh`, then English. */
export function messagesFor(locale: string): Messages {
  const parts = locale.toLowerCase().split(/[-_]/);
  for (; parts.length; parts.pop()) {
    const messages = catalogs[parts.join('-')];
    if (messages) return messages;
  }
  return en;
}

/** Money for display; a locale or currency `Intl` rejects falls back to `12.34 USD`. */
export function formatMoney({ amount, currencyCode }: Money, locale: string): string {
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currencyCode }).format(
      Number(amount),
    );
  } catch {
    return `${amount} ${currencyCode}`;
  }
}
