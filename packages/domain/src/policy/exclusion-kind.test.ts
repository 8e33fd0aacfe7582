import { describe, expect, it } from 'vitest';
import { CLAIM_REASON_CODES } from '../claims/claim-vocabulary.js';
import { exclusionKind } from './exclusion-kind.js';

describe('exclusionKind', () => {
  it('R13-R15: missing documents, a late claim and an unclaimed package are claim conditions', () => {
    expect(exclusionKind('MISSING_DOCUMENTS')).toBe('CLAIM_CONDITION');
    expect(exclusionKind('CLAIM_WINDOW_EXPIRED')).toBe('CLAIM_CONDITION');
    expect(exclusionKind('PACKAGE_UNCLAIMED')).toBe('CLAIM_CONDITION');
  });

  it('an order without the guarantee is a claim condition, not something the guarantee excludes', () => {
    expect(exclusionKind('NOT_COVERED')).toBe('CLAIM_CONDITION');
  });

  it('R10-R11: every other reason is a circumstance the guarantee excludes', () => {
    const exclusions = CLAIM_REASON_CODES.filter((code) => exclusionKind(code) === 'EXCLUSION');
    expect(exclusions).toHaveLength(CLAIM_REASON_CODES.length - 4);
    for (const code of [
      'NATURAL_DISASTER',
      'SANCTIONS',
      'CONTENTS_UNDAMAGED',
      'TRADE_RESTRICTION',
    ] as const) {
      expect(exclusions).toContain(code);
    }
  });
});
