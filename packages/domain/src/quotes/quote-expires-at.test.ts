import { describe, expect, it } from 'vitest';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import { quoteExpiresAt } from './quote-expires-at.js';

describe('quoteExpiresAt', () => {
  it('R3 expires a quote 30 minutes after it was issued', () => {
    expect(quoteExpiresAt(new Date('2026-11-01T10:00:00.000Z'), POLICY_2026_11)).toEqual(
      new Date('2026-11-01T10:30:00.000Z'),
    );
  });

  it('throws on an invalid date', () => {
    expect(() => quoteExpiresAt(new Date('nope'), POLICY_2026_11)).toThrow(TypeError);
  });
});
