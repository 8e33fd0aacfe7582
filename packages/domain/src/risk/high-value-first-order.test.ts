import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import { highValueFirstOrder } from './high-value-first-order.js';

describe('highValueFirstOrder', () => {
  it('fires on a first order worth exactly 20% of the R9 cap ($1,000.00 of $5,000.00)', () => {
    expect(highValueFirstOrder(money(100_000, 'USD'), 0, POLICY_2026_11)).toEqual({
      code: 'HIGH_VALUE_FIRST_ORDER',
      detail:
        "the member's first guaranteed order here, worth $1,000.00 (at least $1,000.00 raises this signal)",
    });
  });

  it('does not fire a cent below', () => {
    expect(highValueFirstOrder(money(99_999, 'USD'), 0, POLICY_2026_11)).toBeNull();
  });

  it('does not fire on a later order, however valuable', () => {
    expect(highValueFirstOrder(money(400_000, 'USD'), 1, POLICY_2026_11)).toBeNull();
  });

  it("does not compare a value in another currency with the policy's cap", () => {
    expect(highValueFirstOrder(money(400_000, 'EUR'), 0, POLICY_2026_11)).toBeNull();
  });
});
