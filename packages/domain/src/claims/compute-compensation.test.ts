import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { maxCompensation } from '../packages/max-compensation.js';
import type { PackageMoney } from '../packages/package-money.js';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import { CLAIM_TYPES } from './claim-vocabulary.js';
import { computeCompensation } from './compute-compensation.js';

const usd = (minor: number) => money(minor, 'USD');
const P = POLICY_2026_11;
const pkg: PackageMoney = {
  declaredValue: usd(20000),
  salePrice: usd(18000),
  shippingFee: usd(1500),
};
const bigPkg: PackageMoney = {
  declaredValue: usd(600000),
  salePrice: usd(700000),
  shippingFee: usd(2000),
};
const none = usd(0);

describe('computeCompensation', () => {
  describe('LOSS', () => {
    it('R5/R6 pays the lower of value and sale price plus 100% of shipping, line by line', () => {
      expect(computeCompensation({ type: 'LOSS', pkg, alreadyPaid: none, policy: P })).toEqual({
        ok: true,
        value: {
          payable: usd(19500),
          breakdown: [
            {
              label: 'Package value or sale price, whichever is lower',
              amount: usd(18000),
              rule: 'R6',
            },
            { label: 'Shipping fee (100%)', amount: usd(1500), rule: 'R5' },
          ],
        },
      });
    });

    it('R9 caps a complete loss at $5,000.00 with a negative line', () => {
      const result = computeCompensation({
        type: 'LOSS',
        pkg: bigPkg,
        alreadyPaid: none,
        policy: P,
      });
      expect(result).toEqual({
        ok: true,
        value: {
          payable: usd(500000),
          breakdown: [
            {
              label: 'Package value or sale price, whichever is lower',
              amount: usd(600000),
              rule: 'R6',
            },
            { label: 'Shipping fee (100%)', amount: usd(2000), rule: 'R5' },
            { label: 'Capped at $5,000.00 per package', amount: usd(-102000), rule: 'R9' },
          ],
        },
      });
    });

    it('R9 across claims: deducts what earlier claims on the package were paid', () => {
      const result = computeCompensation({
        type: 'LOSS',
        pkg: bigPkg,
        alreadyPaid: usd(300000),
        policy: P,
      });
      expect(result.ok && result.value.payable).toEqual(usd(200000));
      expect(result.ok && result.value.breakdown.slice(2)).toEqual([
        { label: 'Capped at $5,000.00 per package', amount: usd(-102000), rule: 'R9' },
        { label: 'Less already paid on this package', amount: usd(-300000), rule: 'R9' },
      ]);
    });

    it('R5/R9 across claims: a package is never paid more in total than its loss amount', () => {
      const result = computeCompensation({ type: 'LOSS', pkg, alreadyPaid: usd(10000), policy: P });
      expect(result.ok && result.value.payable).toEqual(usd(9500));
      expect(result.ok && result.value.breakdown.at(-1)).toEqual({
        label: 'Less already paid on this package',
        amount: usd(-10000),
        rule: 'R9',
      });
    });

    it('ignores an audited amount: a complete loss is paid by formula', () => {
      const result = computeCompensation({
        type: 'LOSS',
        pkg,
        auditedAmount: usd(1),
        alreadyPaid: none,
        policy: P,
      });
      expect(result.ok && result.value.payable).toEqual(usd(19500));
    });
  });

  describe('PARTIAL_LOSS', () => {
    it('R7 pays the audited value of what is missing', () => {
      expect(
        computeCompensation({
          type: 'PARTIAL_LOSS',
          pkg,
          auditedAmount: usd(5000),
          alreadyPaid: none,
          policy: P,
        }),
      ).toEqual({
        ok: true,
        value: {
          payable: usd(5000),
          breakdown: [
            { label: 'Audited value of the missing items', amount: usd(5000), rule: 'R7' },
          ],
        },
      });
    });

    it('R7 limits the audited value to the R5 amount with an adjustment line', () => {
      const result = computeCompensation({
        type: 'PARTIAL_LOSS',
        pkg,
        auditedAmount: usd(25000),
        alreadyPaid: none,
        policy: P,
      });
      expect(result.ok && result.value).toEqual({
        payable: usd(19500),
        breakdown: [
          { label: 'Audited value of the missing items', amount: usd(25000), rule: 'R7' },
          {
            label: 'Limited to the package value or sale price (whichever is lower) plus shipping',
            amount: usd(-5500),
            rule: 'R7',
          },
        ],
      });
    });

    it('R7 then R9: a large partial loss is capped at $5,000.00', () => {
      const result = computeCompensation({
        type: 'PARTIAL_LOSS',
        pkg: bigPkg,
        auditedAmount: usd(550000),
        alreadyPaid: none,
        policy: P,
      });
      expect(result.ok && result.value.payable).toEqual(usd(500000));
      expect(result.ok && result.value.breakdown.map((l) => l.rule)).toEqual(['R7', 'R9']);
    });

    it('R7 refuses to approve without an audited amount (AMOUNT_REQUIRED)', () => {
      for (const auditedAmount of [null, undefined]) {
        expect(
          computeCompensation({
            type: 'PARTIAL_LOSS',
            pkg,
            auditedAmount,
            alreadyPaid: none,
            policy: P,
          }),
        ).toMatchObject({ ok: false, code: 'AMOUNT_REQUIRED', field: ['auditedAmount'] });
      }
    });
  });

  describe('DAMAGE', () => {
    it('R8 pays an audited amount below 30% of shipping + $100.00', () => {
      const result = computeCompensation({
        type: 'DAMAGE',
        pkg,
        auditedAmount: usd(8000),
        alreadyPaid: none,
        policy: P,
      });
      expect(result.ok && result.value).toEqual({
        payable: usd(8000),
        breakdown: [{ label: 'Audited damage', amount: usd(8000), rule: 'R8' }],
      });
    });

    it('R8 limits damage to 30% of a $15.00 shipping fee + $100.00 = $104.50', () => {
      const result = computeCompensation({
        type: 'DAMAGE',
        pkg,
        auditedAmount: usd(20000),
        alreadyPaid: none,
        policy: P,
      });
      expect(result.ok && result.value).toEqual({
        payable: usd(10450),
        breakdown: [
          { label: 'Audited damage', amount: usd(20000), rule: 'R8' },
          {
            label: 'Limited to 30% of the shipping fee plus $100.00',
            amount: usd(-9550),
            rule: 'R8',
          },
        ],
      });
    });

    it('R8 pays an audited amount of exactly the limit without an adjustment', () => {
      const result = computeCompensation({
        type: 'DAMAGE',
        pkg,
        auditedAmount: usd(10450),
        alreadyPaid: none,
        policy: P,
      });
      expect(result.ok && result.value.breakdown).toHaveLength(1);
      expect(result.ok && result.value.payable).toEqual(usd(10450));
    });

    it('R8 rounds 30% of shipping half-up once: $10.05 shipping gives a $103.02 limit', () => {
      const result = computeCompensation({
        type: 'DAMAGE',
        pkg: { ...pkg, shippingFee: usd(1005) },
        auditedAmount: usd(50000),
        alreadyPaid: none,
        policy: P,
      });
      expect(result.ok && result.value.payable).toEqual(usd(10302));
    });

    it('R8 also limits damage to the R5 amount when the package is worth less', () => {
      const cheap = { declaredValue: usd(5000), salePrice: usd(6000), shippingFee: usd(1000) };
      const result = computeCompensation({
        type: 'DAMAGE',
        pkg: cheap,
        auditedAmount: usd(9000),
        alreadyPaid: none,
        policy: P,
      });
      expect(result.ok && result.value).toEqual({
        payable: usd(6000),
        breakdown: [
          { label: 'Audited damage', amount: usd(9000), rule: 'R8' },
          {
            label: 'Limited to the package value or sale price (whichever is lower) plus shipping',
            amount: usd(-3000),
            rule: 'R8',
          },
        ],
      });
    });

    it('R8 then R9: deducts earlier payouts when the package limit is nearly used up', () => {
      const result = computeCompensation({
        type: 'DAMAGE',
        pkg: bigPkg,
        auditedAmount: usd(10000),
        alreadyPaid: usd(495000),
        policy: P,
      });
      expect(result.ok && result.value.payable).toEqual(usd(5000));
      expect(result.ok && result.value.breakdown.at(-1)).toEqual({
        label: 'Less already paid on this package',
        amount: usd(-5000),
        rule: 'R9',
      });
    });

    it('R8 refuses to approve without an audited amount (AMOUNT_REQUIRED)', () => {
      expect(
        computeCompensation({ type: 'DAMAGE', pkg, alreadyPaid: none, policy: P }),
      ).toMatchObject({ ok: false, code: 'AMOUNT_REQUIRED' });
    });
  });

  it('R9 refuses with CAP_REACHED once $5,000.00 has been paid on the package', () => {
    expect(
      computeCompensation({ type: 'LOSS', pkg: bigPkg, alreadyPaid: usd(500000), policy: P }),
    ).toMatchObject({ ok: false, code: 'CAP_REACHED' });
  });

  it('R9 refuses with CAP_REACHED once the package was paid its whole loss amount', () => {
    expect(
      computeCompensation({
        type: 'DAMAGE',
        pkg,
        auditedAmount: usd(100),
        alreadyPaid: usd(19500),
        policy: P,
      }),
    ).toMatchObject({ ok: false, code: 'CAP_REACHED' });
  });

  it('refuses a negative audited amount with INVALID_INPUT', () => {
    expect(
      computeCompensation({
        type: 'DAMAGE',
        pkg,
        auditedAmount: usd(-1),
        alreadyPaid: none,
        policy: P,
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: ['auditedAmount'] });
  });

  it('refuses amounts in another currency than the policy with INVALID_INPUT', () => {
    expect(
      computeCompensation({
        type: 'DAMAGE',
        pkg,
        auditedAmount: money(100, 'EUR'),
        alreadyPaid: none,
        policy: P,
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: ['auditedAmount'] });
    expect(
      computeCompensation({
        type: 'LOSS',
        pkg: { ...pkg, shippingFee: money(100, 'EUR') },
        alreadyPaid: none,
        policy: P,
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: ['pkg', 'shippingFee'] });
  });

  it('refuses a negative paid total with INVALID_INPUT', () => {
    expect(
      computeCompensation({ type: 'LOSS', pkg, alreadyPaid: usd(-1), policy: P }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT', field: ['alreadyPaid'] });
  });

  const amount = fc.integer({ min: 0, max: 1_000_000 });

  it('breakdown always sums to payable, and payable stays within what the package can be paid', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CLAIM_TYPES),
        amount,
        amount,
        fc.integer({ min: 0, max: 100_000 }),
        amount,
        fc.integer({ min: 0, max: 600_000 }),
        (type, declared, sale, shipping, audited, paid) => {
          const p = {
            declaredValue: usd(declared),
            salePrice: usd(sale),
            shippingFee: usd(shipping),
          };
          const result = computeCompensation({
            type,
            pkg: p,
            auditedAmount: usd(audited),
            alreadyPaid: usd(paid),
            policy: P,
          });
          const room = maxCompensation(p, usd(paid), P).minor;
          if (!result.ok) {
            expect(result.code).toBe('CAP_REACHED');
            expect(room).toBe(0);
            return;
          }
          const { payable, breakdown } = result.value;
          expect(breakdown.reduce((sum, line) => sum + line.amount.minor, 0)).toBe(payable.minor);
          expect(payable.minor).toBeGreaterThanOrEqual(0);
          expect(payable.minor).toBeLessThanOrEqual(room);
          expect(paid + payable.minor).toBeLessThanOrEqual(P.maxCompensationPerPackageMinor);
          if (type === 'DAMAGE') {
            expect(payable.minor).toBeLessThanOrEqual(Math.round(shipping * 0.3 + 0.001) + 10000);
          }
        },
      ),
    );
  });
});
