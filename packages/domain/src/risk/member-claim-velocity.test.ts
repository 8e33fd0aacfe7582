import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../internal/time.js';
import { memberClaimVelocity } from './member-claim-velocity.js';

const filedAt = new Date('2026-11-30T12:00:00Z');
const ago = (ms: number) => new Date(filedAt.getTime() - ms);

describe('memberClaimVelocity', () => {
  it('fires on the third claim within 90 days, naming the other two', () => {
    const signal = memberClaimVelocity('M1', filedAt, [
      { reference: 'M1+SO-2+Claim', filedAt: ago(10 * DAY_MS) },
      { reference: 'M1+SO-1+Claim', filedAt: ago(90 * DAY_MS) },
    ]);
    expect(signal).toEqual({
      code: 'MEMBER_CLAIM_VELOCITY',
      detail:
        '3 claims by member M1 in the 90 days to 2026-11-30 12:00 UTC, this one included; the others: M1+SO-2+Claim (2026-11-20 12:00 UTC), M1+SO-1+Claim (2026-09-01 12:00 UTC)',
    });
  });

  it('names the latest ten others and counts the rest', () => {
    const others = Array.from({ length: 12 }, (_, i) => ({
      reference: `R${i}`,
      filedAt: ago((i + 1) * DAY_MS),
    }));
    const detail = memberClaimVelocity('M1', filedAt, others)?.detail ?? '';
    expect(detail).toMatch(/^13 claims by member M1 /);
    expect(detail).toContain('R0 (2026-11-29 12:00 UTC), R1 ');
    expect(detail).toMatch(/R9 \(2026-11-20 12:00 UTC\) and 2 earlier$/);
    expect(detail).not.toContain('R10');
  });

  it('does not fire when the oldest claim is 90 days and a millisecond old', () => {
    const signal = memberClaimVelocity('M1', filedAt, [
      { reference: 'a', filedAt: ago(10 * DAY_MS) },
      { reference: 'b', filedAt: ago(90 * DAY_MS + 1) },
    ]);
    expect(signal).toBeNull();
  });

  it('does not fire on a second claim, however close the first', () => {
    expect(memberClaimVelocity('M1', filedAt, [{ reference: 'a', filedAt: ago(1) }])).toBeNull();
  });

  it('ignores claims filed after this one (a later recomputation)', () => {
    const later = new Date(filedAt.getTime() + DAY_MS);
    const signal = memberClaimVelocity('M1', filedAt, [
      { reference: 'a', filedAt: ago(DAY_MS) },
      { reference: 'b', filedAt: later },
    ]);
    expect(signal).toBeNull();
  });
});
