import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { claimsMessagesFor } from './index.js';
import { zh } from './zh.js';

describe('claimsMessagesFor', () => {
  it.each(['zh', 'zh-CN', 'zh-Hans-CN', 'ZH_cn'])('reads %s as Simplified Chinese', (tag) => {
    expect(claimsMessagesFor(tag)).toBe(zh);
  });

  it.each(['en', 'en-GB', 'fr', '', 'not a locale'])('falls back to English for "%s"', (tag) => {
    expect(claimsMessagesFor(tag)).toBe(en);
  });

  it('has every message, status, type, document kind and reason in both catalogs', () => {
    const shape = (m: typeof en) =>
      Object.fromEntries(
        Object.entries(m).map(([key, value]) => [
          key,
          typeof value === 'object' ? Object.keys(value).sort() : typeof value,
        ]),
      );
    expect(shape(zh)).toEqual(shape(en));
    for (const status of ['NEEDS_DOCUMENTS', 'UNDER_REVIEW', 'APPROVED', 'REJECTED', 'PAID'])
      expect(en.status[status] && zh.status[status]).toBeTruthy();
    for (const m of [en, zh]) {
      expect(m.announce('M1+SO-1+Claim', m.status.PAID ?? '')).toContain('M1+SO-1+Claim');
      expect(m.timeLeft('1 hr', 'Dec 3')).toMatch(/1 hr.*Dec 3/);
      expect(m.maxPayable('$10.00')).toContain('$10.00');
      expect(m.uploading(42)).toContain('42');
    }
  });
});
