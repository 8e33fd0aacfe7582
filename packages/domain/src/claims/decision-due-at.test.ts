import { describe, expect, it } from 'vitest';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import { decisionDueAt } from './decision-due-at.js';

describe('decisionDueAt', () => {
  it('R17 makes a decision due 7 days after the documents are complete', () => {
    expect(decisionDueAt(new Date('2026-11-03T09:15:00.000Z'), POLICY_2026_11)).toEqual(
      new Date('2026-11-10T09:15:00.000Z'),
    );
  });

  it('R17 counts days as 24 hours, unaffected by daylight saving', () => {
    expect(decisionDueAt(new Date('2026-10-29T12:00:00.000Z'), POLICY_2026_11)).toEqual(
      new Date('2026-11-05T12:00:00.000Z'),
    );
  });

  it('throws on an invalid date', () => {
    expect(() => decisionDueAt(new Date(Number.NaN), POLICY_2026_11)).toThrow(TypeError);
  });
});
