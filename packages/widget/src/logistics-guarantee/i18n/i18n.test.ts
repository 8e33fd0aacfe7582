import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { formatMoney, messagesFor } from './index.js';
import { zh } from './zh.js';

describe('messagesFor', () => {
  it.each(['zh', 'zh-CN', 'zh-Hans', 'zh-Hans-CN', 'ZH_cn', 'zh-SG'])(
    'reads %s as Simplified Chinese',
    (tag) => {
      expect(messagesFor(tag)).toBe(zh);
    },
  );

  it.each(['en', 'en-US', 'en-GB', 'fr-FR', 'de', '', 'not a locale'])(
    'falls back to English for "%s"',
    (tag) => {
      expect(messagesFor(tag)).toBe(en);
    },
  );

  it('has every message in every catalog, with the numbers it is given', () => {
    for (const m of [en, zh]) {
      expect(Object.keys(m).sort()).toEqual(Object.keys(en).sort());
      expect(m.covered('$5,000.00', 24)).toMatch(/\$5,000\.00.*24/);
      expect(m.claimWindow(24)).toContain('24');
      expect(m.unclaimed(30)).toContain('30');
      expect(m.response(7)).toContain('7');
    }
  });
});

describe('formatMoney', () => {
  it('formats a decimal amount for the locale and currency', () => {
    expect(formatMoney({ amount: '1234.5', currencyCode: 'USD' }, 'en-US')).toBe('$1,234.50');
    expect(formatMoney({ amount: '45.68', currencyCode: 'USD' }, 'zh-CN')).toBe(
      new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'USD' }).format(45.68),
    );
  });

  it('falls back to "amount CODE" for a locale or currency Intl rejects', () => {
    expect(formatMoney({ amount: '1.00', currencyCode: 'USD' }, 'not a locale!')).toBe('1.00 USD');
    expect(formatMoney({ amount: '1.00', currencyCode: 'DOLLARS' }, 'en')).toBe('1.00 DOLLARS');
  });
});
