import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { formatMoney, formatShare, messagesFor } from './index.js';
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
      expect(m.loss('$5,000.00', '100%')).toMatch(/100%.*\$5,000\.00/);
      expect(m.damage('30%', '$100.00')).toMatch(/30%.*\$100\.00/);
      expect(m.minimumFee('$30.00')).toContain('$30.00');
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

  it('shows each currency with its own decimals: EUR two, JPY none, KWD three', () => {
    const plain = (text: string) => text.replace(/\s/g, ' ');
    expect(formatMoney({ amount: '4600.00', currencyCode: 'EUR' }, 'en-US')).toBe('€4,600.00');
    expect(formatMoney({ amount: '751250', currencyCode: 'JPY' }, 'en-US')).toBe('¥751,250');
    expect(plain(formatMoney({ amount: '1535.600', currencyCode: 'KWD' }, 'en-US'))).toBe(
      'KWD 1,535.600',
    );
    expect(plain(formatMoney({ amount: '27.60', currencyCode: 'EUR' }, 'de-DE'))).toBe('27,60 €');
  });

  it('falls back to "amount CODE" for a locale or currency Intl rejects', () => {
    expect(formatMoney({ amount: '1.00', currencyCode: 'USD' }, 'not a locale!')).toBe('1.00 USD');
    expect(formatMoney({ amount: '1.00', currencyCode: 'DOLLARS' }, 'en')).toBe('1.00 DOLLARS');
  });
});

describe('formatShare', () => {
  it('shows a share of the shipping fee as a percentage', () => {
    expect(formatShare('0.30', 'en-US')).toBe('30%');
    expect(formatShare('1.00', 'zh-CN')).toBe('100%');
  });

  it('falls back to English for a locale Intl rejects', () => {
    expect(formatShare('0.30', 'not a locale!')).toBe('30%');
  });
});
