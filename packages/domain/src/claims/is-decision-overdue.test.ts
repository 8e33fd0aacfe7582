import { describe, expect, it } from 'vitest';
import { isDecisionOverdue } from './is-decision-overdue.js';

const due = new Date('2026-11-10T09:15:00.000Z');

describe('isDecisionOverdue', () => {
  it('R17 is on time up to and including the due instant', () => {
    expect(isDecisionOverdue(due, new Date(due.getTime() - 1))).toBe(false);
    expect(isDecisionOverdue(due, due)).toBe(false);
  });

  it('R17 is overdue 1ms after the due instant', () => {
    expect(isDecisionOverdue(due, new Date(due.getTime() + 1))).toBe(true);
  });

  it('R17 is never overdue while documents are incomplete (no due time)', () => {
    expect(isDecisionOverdue(null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
