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
