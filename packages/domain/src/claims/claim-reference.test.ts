import { describe, expect, it } from 'vitest';
import { claimReference } from './claim-reference.js';

describe('claimReference', () => {
  it('R20 formats "Member ID+Order Number+Claim"', () => {
    expect(claimReference('M1042', 'SO-88817')).toBe('M1042+SO-88817+Claim');
  });

  it('R20 trims stray whitespace around the parts', () => {
    expect(claimReference(' M1042 ', 'SO-88817\n')).toBe('M1042+SO-88817+Claim');
  });

  it('throws on a blank member id or order number', () => {
    expect(() => claimReference('', 'SO-1')).toThrow(TypeError);
    expect(() => claimReference('M1', '  ')).toThrow(TypeError);
  });
});
