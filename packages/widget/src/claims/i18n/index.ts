import { en } from './en.js';
import type { ClaimsMessages } from './messages.js';
import { zh } from './zh.js';

export type { ClaimsMessages } from './messages.js';

const catalogs: Record<string, ClaimsMessages> = { en, zh };

/** The catalog for a locale tag: `zh-Hans-CN` tries `zh-hans-cn`, `zh-hans`, `zh`, then English. */
export function claimsMessagesFor(locale: string): ClaimsMessages {
  const parts = locale.toLowerCase().split(/[-_]/);
  for (; parts.length; parts.pop()) {
    const messages = catalogs[parts.join('-')];
    if (messages) return messages;
  }
  return en;
}
