import { describe, expect, it } from 'vitest';
import { GUARANTEE_STATUSES } from './guarantee-vocabulary.js';

describe('guarantee vocabulary', () => {
  it('lists the values the API publishes, in its order', () => {
    expect(GUARANTEE_STATUSES).toEqual(['ACTIVE', 'CANCELLED']);
  });

  it('is frozen so no caller can change the vocabulary', () => {
    expect(Object.isFrozen(GUARANTEE_STATUSES)).toBe(true);
  });
});
