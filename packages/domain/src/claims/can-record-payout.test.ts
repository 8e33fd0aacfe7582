import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { lossCompensation } from '../packages/loss-compensation.js';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import { type CanRecordPayoutInput, canRecordPayout } from './can-record-payout.js';
import { CLAIM_TYPES } from './claim-vocabulary.js';
import { decideClaim } from './decide-claim.js';

const usd = (minor: number) => money(minor, 'USD');
const P = POLICY_2026_11;
const bigPkg = { declaredValue: usd(800000), salePrice: usd(900000), shippingFee: usd(5000) };
const base: CanRecordPayoutInput = {
  status: 'APPROVED',
  payable: usd(10000),
  pkg: bigPkg,
  alreadyPaid: usd(0),
  policy: P,
};

describe('canRecordPayout', () => {
  it('R21 pays an approved claim within the cap', () => {
    expect(canRecordPayout(base)).toEqual({ ok: true, value: 'PAID' });
  });

  it('R9 pays up to exactly $5,000.00 in total on a package', () => {
    expect(canRecordPayout({ ...base, payable: usd(200000), alreadyPaid: usd(300000) }).ok).toBe(
      true,
    );
  });

  it('R9 refuses a payout one cent over $5,000.00 in total with CAP_REACHED', () => {
    expect(
      canRecordPayout({ ...base, payable: usd(200001), alreadyPaid: usd(300000) }),
    ).toMatchObject({ ok: false, code: 'CAP_REACHED' });
  });

  it('R9 checks against what was paid at payout time, not at approval', () => {
    expect(
      canRecordPayout({ ...base, payable: usd(10000), alreadyPaid: usd(495000) }),
    ).toMatchObject({ ok: false, code: 'CAP_REACHED' });
  });

  it('lifecycle refuses to pay a claim that is not APPROVED', () => {
    for (const status of ['NEEDS_DOCUMENTS', 'UNDER_REVIEW', 'REJECTED', 'PAID'] as const) {
      expect(canRecordPayout({ ...base, status })).toMatchObject({
        ok: false,
        code: 'INVALID_TRANSITION',
      });
    }
  });

  it('refuses a negative payable or one in another currency', () => {
    expect(canRecordPayout({ ...base, payable: usd(-1) })).toMatchObject({ code: 'INVALID_INPUT' });
    expect(canRecordPayout({ ...base, payable: money(1, 'EUR') })).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  const claim = fc.record({
    type: fc.constantFrom(...CLAIM_TYPES),
    outcome: fc.constantFrom('APPROVE' as const, 'REJECT' as const),
    audited: fc.option(fc.integer({ min: 0, max: 700_000 }), { nil: null }),
    // Payout recorded late: other claims may have been paid between approval and payout.
    paidBeforePayout: fc.boolean(),
  });

  it("a package's payouts never exceed the cap for any sequence of claims", () => {
    fc.assert(
      fc.property(
        fc.record({
          declared: fc.integer({ min: 0, max: 1_000_000 }),
          sale: fc.integer({ min: 0, max: 1_000_000 }),
          shipping: fc.integer({ min: 0, max: 50_000 }),
        }),
        fc.array(claim, { maxLength: 25 }),
        ({ declared, sale, shipping }, claims) => {
          const pkg = {
            declaredValue: usd(declared),
            salePrice: usd(sale),
            shippingFee: usd(shipping),
          };
          let paid = 0;
          for (const c of claims) {
            const decision = decideClaim({
              status: 'UNDER_REVIEW',
              type: c.type,
              outcome: c.outcome,
              auditedAmount: c.audited === null ? null : usd(c.audited),
              reasonCodes: c.outcome === 'REJECT' ? ['SUSPECTED_FRAUD'] : [],
              pkg,
              alreadyPaid: usd(paid),
              policy: P,
            });
            if (!decision.ok || decision.value.status !== 'APPROVED') continue;
            const payout = canRecordPayout({
              status: decision.value.status,
              payable: decision.value.payable,
              pkg,
              alreadyPaid: usd(paid),
              policy: P,
            });
            if (payout.ok) paid += decision.value.payable.minor;
            expect(paid).toBeLessThanOrEqual(P.maxCompensationPerPackageMinor);
            expect(paid).toBeLessThanOrEqual(lossCompensation(pkg, P).minor);
          }
        },
      ),
    );
  });

  it("a package's payouts never exceed the cap even when payouts are recorded out of order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 600_000 }), { maxLength: 20 }), (payables) => {
        let paid = 0;
        for (const payable of payables) {
          const result = canRecordPayout({
            ...base,
            payable: usd(payable),
            alreadyPaid: usd(paid),
          });
          if (result.ok) paid += payable;
          expect(paid).toBeLessThanOrEqual(P.maxCompensationPerPackageMinor);
        }
      }),
    );
  });
});
