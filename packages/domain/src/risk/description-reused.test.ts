import { describe, expect, it } from 'vitest';
import { descriptionReused } from './description-reused.js';

describe('descriptionReused', () => {
  it('fires when one other claim has the description, naming it', () => {
    expect(descriptionReused(['M2+SO-9+Claim'])).toEqual({
      code: 'DESCRIPTION_REUSED',
      detail: 'the same description, word for word, is on 1 other claim: M2+SO-9+Claim',
    });
  });

  it('says how many more there are than it names', () => {
    expect(descriptionReused(['a', 'b'], 5)?.detail).toBe(
      'the same description, word for word, is on 5 other claims: a, b and 3 more',
    );
  });

  it('does not fire when no other claim has it', () => {
    expect(descriptionReused([])).toBeNull();
  });
});
