import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import { CLAIM_REASON_CODES, type ClaimReasonCode, type ClaimStatus } from './claim-vocabulary.js';
import { type DecideClaimInput, decideClaim } from './decide-claim.js';

const usd = (minor: number) => money(minor, 'USD');
const base: DecideClaimInput = {
  status: 'UNDER_REVIEW',
  type: 'DAMAGE',
  outcome: 'APPROVE',
  auditedAmount: usd(8000),
  pkg: { declaredValue: usd(20000), salePrice: usd(18000), shippingFee: usd(1500) },
  alreadyPaid: usd(0),
  policy: POLICY_2026_11,
};
const reject = (
  reasonCodes: readonly ClaimReasonCode[] | null,
  status: ClaimStatus = 'UNDER_REVIEW',
) => decideClaim({ ...base, outcome: 'REJECT', status, reasonCodes });

describe('decideClaim', () => {
  describe('APPROVE', () => {
    it('R8 approves a damage claim under review with its payable and breakdown', () => {
      expect(decideClaim(base)).toEqual({
        ok: true,
        value: {
          outcome: 'APPROVE',
          status: 'APPROVED',
          payable: usd(8000),
          reasonCodes: [],
          breakdown: [{ label: 'Audited damage', amount: usd(8000), rule: 'R8' }],
        },
      });
    });

    it('R5 approves a loss claim by formula', () => {
      const result = decideClaim({ ...base, type: 'LOSS', auditedAmount: null });
      expect(result.ok && result.value.payable).toEqual(usd(19500));
    });

    it('lifecycle refuses to approve a claim that is not under review', () => {
      for (const status of ['NEEDS_DOCUMENTS', 'APPROVED', 'REJECTED', 'PAID'] as const) {
        expect(decideClaim({ ...base, status })).toMatchObject({
          ok: false,
          code: 'INVALID_TRANSITION',
        });
      }
    });

    it('R7/R8 refuses to approve a partial loss or damage without an audited amount', () => {
      for (const type of ['PARTIAL_LOSS', 'DAMAGE'] as const) {
        expect(decideClaim({ ...base, type, auditedAmount: null })).toMatchObject({
          ok: false,
          code: 'AMOUNT_REQUIRED',
        });
      }
    });

    it('R9 refuses to approve when the package was already paid its limit', () => {
      expect(decideClaim({ ...base, alreadyPaid: usd(19500) })).toMatchObject({
        ok: false,
        code: 'CAP_REACHED',
      });
    });

    it('refuses reason codes on an approval rather than drop them silently', () => {
      expect(decideClaim({ ...base, reasonCodes: ['SANCTIONS'] })).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        field: ['reasonCodes'],
      });
      expect(decideClaim({ ...base, reasonCodes: [] }).ok).toBe(true);
    });
  });

  describe('REJECT', () => {
    it('R11 rejects with a reason code, paying zero with an empty breakdown', () => {
      expect(reject(['NATURAL_DISASTER'])).toEqual({
        ok: true,
        value: {
          outcome: 'REJECT',
          status: 'REJECTED',
          payable: usd(0),
          reasonCodes: ['NATURAL_DISASTER'],
          breakdown: [],
        },
      });
    });

    it('R11 accepts every exclusion code as a rejection reason', () => {
      for (const code of CLAIM_REASON_CODES) {
        expect(reject([code])).toMatchObject({ ok: true, value: { reasonCodes: [code] } });
      }
    });

    it('R10 rejects a claim whose contents were not damaged with CONTENTS_UNDAMAGED', () => {
      expect(reject(['CONTENTS_UNDAMAGED'])).toMatchObject({
        ok: true,
        value: { status: 'REJECTED' },
      });
    });

    it('R13 rejects a claim still missing documents with MISSING_DOCUMENTS', () => {
      expect(reject(['MISSING_DOCUMENTS'], 'NEEDS_DOCUMENTS')).toMatchObject({
        ok: true,
        value: { status: 'REJECTED', reasonCodes: ['MISSING_DOCUMENTS'] },
      });
    });

    it('R11 removes duplicate reason codes, keeping their first order', () => {
      expect(reject(['SANCTIONS', 'NO_SIGNATURE', 'SANCTIONS'])).toMatchObject({
        value: { reasonCodes: ['SANCTIONS', 'NO_SIGNATURE'] },
      });
    });

    it('R11 refuses a rejection without a reason (REASON_REQUIRED)', () => {
      expect(reject([])).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
      expect(reject(null)).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    });

    it('R11 refuses an unknown reason code with its position', () => {
      expect(reject(['SANCTIONS', 'ALIENS' as ClaimReasonCode])).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        field: ['reasonCodes', '1'],
      });
    });

    it('lifecycle rejects from NEEDS_DOCUMENTS, UNDER_REVIEW and APPROVED', () => {
      for (const status of ['NEEDS_DOCUMENTS', 'UNDER_REVIEW', 'APPROVED'] as const) {
        expect(reject(['SUSPECTED_FRAUD'], status).ok).toBe(true);
      }
    });

    it('lifecycle refuses to reject a claim that is PAID or already REJECTED', () => {
      for (const status of ['PAID', 'REJECTED'] as const) {
        expect(reject(['SUSPECTED_FRAUD'], status)).toMatchObject({
          ok: false,
          code: 'INVALID_TRANSITION',
        });
      }
    });

    it('rejects without needing an audited amount, even once the cap is reached', () => {
      expect(
        decideClaim({
          ...base,
          outcome: 'REJECT',
          auditedAmount: null,
          alreadyPaid: usd(500000),
          reasonCodes: ['SANCTIONS'],
        }).ok,
      ).toBe(true);
    });
  });
});
