import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAIM_STATUSES, type ClaimStatus } from './claim-vocabulary.js';
import { CLAIM_ACTIONS, type ClaimAction, transitionClaim } from './transition-claim.js';

const allowed: [ClaimStatus, ClaimAction, ClaimStatus][] = [
  ['NEEDS_DOCUMENTS', 'COMPLETE_DOCUMENTS', 'UNDER_REVIEW'],
  ['NEEDS_DOCUMENTS', 'REJECT', 'REJECTED'],
  ['UNDER_REVIEW', 'APPROVE', 'APPROVED'],
  ['UNDER_REVIEW', 'REJECT', 'REJECTED'],
  ['APPROVED', 'PAY', 'PAID'],
  ['APPROVED', 'REJECT', 'REJECTED'],
];

describe('transitionClaim', () => {
  it.each(allowed)('lifecycle moves %s by %s to %s', (from, action, to) => {
    expect(transitionClaim(from, action)).toEqual({ ok: true, value: to });
  });

  it('refuses every other pair with INVALID_TRANSITION', () => {
    for (const from of CLAIM_STATUSES) {
      for (const action of CLAIM_ACTIONS) {
        if (allowed.some(([f, a]) => f === from && a === action)) continue;
        expect(transitionClaim(from, action)).toMatchObject({
          ok: false,
          code: 'INVALID_TRANSITION',
        });
      }
    }
  });

  it('lifecycle refuses to approve a claim still missing documents', () => {
    expect(transitionClaim('NEEDS_DOCUMENTS', 'APPROVE')).toMatchObject({ ok: false });
  });

  it('lifecycle refuses to pay a claim that was not approved', () => {
    expect(transitionClaim('UNDER_REVIEW', 'PAY')).toMatchObject({ ok: false });
  });

  it('lifecycle refuses to reject a claim twice', () => {
    expect(transitionClaim('REJECTED', 'REJECT')).toMatchObject({ code: 'INVALID_TRANSITION' });
  });

  it('no transition leaves PAID or REJECTED', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<ClaimStatus>('PAID', 'REJECTED'),
        fc.array(fc.constantFrom(...CLAIM_ACTIONS)),
        (terminal, actions) => {
          for (const action of actions) expect(transitionClaim(terminal, action).ok).toBe(false);
        },
      ),
    );
  });

  it('every sequence of actions from filing ends in a status the lifecycle allows', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CLAIM_ACTIONS), { maxLength: 10 }), (actions) => {
        let status: ClaimStatus = 'NEEDS_DOCUMENTS';
        const seen: ClaimStatus[] = [status];
        for (const action of actions) {
          const next = transitionClaim(status, action);
          if (next.ok) {
            status = next.value;
            seen.push(status);
          }
        }
        // PAID is only ever reached through APPROVED.
        if (seen.includes('PAID')) expect(seen).toContain('APPROVED');
      }),
    );
  });
});
