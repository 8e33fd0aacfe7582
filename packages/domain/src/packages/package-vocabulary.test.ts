import { describe, expect, it } from 'vitest';
import { PACKAGE_EVENT_TYPES, PACKAGE_FLAGS, PACKAGE_STATUSES } from './package-vocabulary.js';

describe('package vocabulary', () => {
  it('lists the values the API publishes, in its order', () => {
    expect(PACKAGE_EVENT_TYPES).toEqual(['SHIPPED', 'ARRIVED_AT_DESTINATION', 'DELIVERED', 'LOST']);
    expect(PACKAGE_STATUSES).toEqual([
      'REGISTERED',
      'SHIPPED',
      'ARRIVED_AT_DESTINATION',
      'DELIVERED',
      'LOST',
    ]);
    expect(PACKAGE_FLAGS).toEqual([
      'NO_SIGNATURE',
      'ADDRESS_MISMATCH',
      'WEIGHT_SHORTFALL',
      'SHIPPED_BEFORE_PURCHASE',
    ]);
  });

  it('is frozen so no caller can change the vocabulary', () => {
    for (const list of [PACKAGE_EVENT_TYPES, PACKAGE_STATUSES, PACKAGE_FLAGS]) {
      expect(Object.isFrozen(list)).toBe(true);
    }
  });
});
