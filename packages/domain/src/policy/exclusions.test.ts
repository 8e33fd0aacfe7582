import { describe, expect, it } from 'vitest';
import { CLAIM_REASON_CODES } from '../claims/claim-vocabulary.js';
import { EXCLUSIONS_2026_11 } from './exclusions.js';

describe('EXCLUSIONS_2026_11', () => {
  it('R11 describes every rejection reason code exactly once, in POLICY.md order', () => {
    expect(EXCLUSIONS_2026_11.map((e) => e.code)).toEqual(CLAIM_REASON_CODES);
  });

  it('R11 gives each a short title and a plain description', () => {
    for (const exclusion of EXCLUSIONS_2026_11) {
      expect(exclusion.title.length).toBeGreaterThan(0);
      expect(exclusion.title.length).toBeLessThanOrEqual(40);
      expect(exclusion.description).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('R11 spells out what a natural disaster covers, from the terms', () => {
    const disaster = EXCLUSIONS_2026_11.find((e) => e.code === 'NATURAL_DISASTER');
    expect(disaster?.title).toBe('Natural disaster');
    for (const word of ['lightning', 'tsunamis', 'earthquakes', 'floods', 'tornadoes', 'frost']) {
      expect(disaster?.description).toContain(word);
    }
  });

  it('R10 explains that twisted packaging with intact contents is not covered', () => {
    const undamaged = EXCLUSIONS_2026_11.find((e) => e.code === 'CONTENTS_UNDAMAGED');
    expect(undamaged?.description).toContain('outer packaging');
  });
});

describe('EXCLUSIONS_2026_11 kinds and languages', () => {
  it('R10-R11 lists what the guarantee excludes before how a claim can fail', () => {
    const kinds = EXCLUSIONS_2026_11.map((e) => e.kind);
    const firstCondition = kinds.indexOf('CLAIM_CONDITION');
    expect(kinds.slice(0, firstCondition).every((kind) => kind === 'EXCLUSION')).toBe(true);
    expect(kinds.slice(firstCondition).every((kind) => kind === 'CLAIM_CONDITION')).toBe(true);
    expect(
      EXCLUSIONS_2026_11.filter((e) => e.kind === 'CLAIM_CONDITION').map((e) => e.code),
    ).toEqual(['MISSING_DOCUMENTS', 'CLAIM_WINDOW_EXPIRED', 'PACKAGE_UNCLAIMED', 'NOT_COVERED']);
  });

  it('R11 words every reason in Simplified Chinese as well, with no English left in it', () => {
    for (const exclusion of EXCLUSIONS_2026_11) {
      const zh = exclusion.translations['zh-CN'];
      expect(zh?.title.length).toBeGreaterThan(0);
      expect(zh?.description).toMatch(/。$/);
      expect(`${zh?.title}${zh?.description}`).not.toMatch(/[A-Za-z]/);
    }
  });
});
