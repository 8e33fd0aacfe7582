import { describe, expect, it } from 'vitest';
import { money } from '../money/money.js';
import { type PackageEvent, trackPackage } from '../packages/track-package.js';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import {
  type AssessClaimEligibilityInput,
  assessClaimEligibility,
} from './assess-claim-eligibility.js';
import type { ClaimType } from './claim-vocabulary.js';

const usd = (minor: number) => money(minor, 'USD');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const shipped = new Date('2026-11-02T00:00:00.000Z');
const arrived = new Date('2026-11-06T00:00:00.000Z');
const delivered = new Date('2026-11-07T12:00:00.000Z');
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);

const SHIPPED: PackageEvent = { type: 'SHIPPED', occurredAt: shipped };
const ARRIVED: PackageEvent = { type: 'ARRIVED_AT_DESTINATION', occurredAt: arrived };
const DELIVERED: PackageEvent = { type: 'DELIVERED', occurredAt: delivered, signedBy: 'Ann' };

function assess(
  type: ClaimType,
  now: Date,
  events: PackageEvent[],
  overrides: Partial<AssessClaimEligibilityInput> = {},
) {
  return assessClaimEligibility({
    type,
    now,
    guaranteeStatus: 'ACTIVE',
    tracking: trackPackage(events),
    pkg: { declaredValue: usd(20000), salePrice: usd(18000), shippingFee: usd(1500) },
    alreadyPaid: usd(0),
    policy: POLICY_2026_11,
    ...overrides,
  });
}

describe('assessClaimEligibility', () => {
  describe('damage and partial loss (R14)', () => {
    it('R14 accepts a damage claim within 24 hours of delivery, with the deadline and what is payable', () => {
      expect(assess('DAMAGE', plus(delivered, HOUR), [SHIPPED, ARRIVED, DELIVERED])).toEqual({
        eligible: true,
        reasons: [],
        deadline: plus(delivered, 24 * HOUR),
        claimableFrom: delivered,
        // R8: 30% of the $15.00 shipping + $100.00, not the $195.00 a loss would pay.
        maxPayable: usd(10450),
      });
    });

    it('R8 holds a damage claim to 30% of shipping + $100; a partial loss and a loss to R5', () => {
      const pkg = { declaredValue: usd(18000), salePrice: usd(18000), shippingFee: usd(4000) };
      const now = plus(delivered, HOUR);
      const events = [SHIPPED, ARRIVED, DELIVERED];
      expect(assess('DAMAGE', now, events, { pkg }).maxPayable).toEqual(usd(11200));
      expect(assess('PARTIAL_LOSS', now, events, { pkg }).maxPayable).toEqual(usd(22000));
      const lost = [SHIPPED, { type: 'LOST' as const, occurredAt: plus(shipped, DAY) }];
      expect(assess('LOSS', plus(shipped, 2 * DAY), lost, { pkg }).maxPayable).toEqual(usd(22000));
    });

    it('R8 and R9 together: after $112.00 was paid, any claim can pay at most what is left', () => {
      const pkg = { declaredValue: usd(18000), salePrice: usd(18000), shippingFee: usd(4000) };
      const now = plus(delivered, HOUR);
      const paid = { pkg, alreadyPaid: usd(11200) };
      expect(assess('DAMAGE', now, [SHIPPED, DELIVERED], paid).maxPayable).toEqual(usd(10800));
      expect(assess('PARTIAL_LOSS', now, [SHIPPED, DELIVERED], paid).maxPayable).toEqual(
        usd(10800),
      );
    });

    it('R14 accepts a damage claim filed exactly 24h after delivery', () => {
      expect(assess('DAMAGE', plus(delivered, 24 * HOUR), [SHIPPED, DELIVERED]).eligible).toBe(
        true,
      );
    });

    it('R14 refuses a damage claim filed 24h + 1ms after delivery', () => {
      const result = assess('DAMAGE', plus(delivered, 24 * HOUR + 1), [SHIPPED, DELIVERED]);
      expect(result.eligible).toBe(false);
      expect(result.reasons).toEqual(['CLAIM_WINDOW_EXPIRED']);
      expect(result.deadline).toEqual(plus(delivered, 24 * HOUR));
    });

    it('R14 refuses a partial-loss claim filed 24h + 1ms after delivery', () => {
      expect(assess('PARTIAL_LOSS', plus(delivered, 24 * HOUR + 1), [DELIVERED]).reasons).toEqual([
        'CLAIM_WINDOW_EXPIRED',
      ]);
    });

    it('R14 refuses damage before delivery as NOT_DELIVERED, with no deadline yet', () => {
      const result = assess('DAMAGE', plus(arrived, HOUR), [SHIPPED, ARRIVED]);
      expect(result.reasons).toEqual(['NOT_DELIVERED']);
      expect(result.deadline).toBeNull();
      expect(result.claimableFrom).toBeNull();
    });

    it('R14 counts the window from the carrier time of delivery, not when it was reported', () => {
      // A delivery reported two days late: the window closed before the report arrived.
      expect(assess('DAMAGE', plus(delivered, 2 * DAY), [DELIVERED]).reasons).toEqual([
        'CLAIM_WINDOW_EXPIRED',
      ]);
    });

    it('R14 uses the window of the policy the guarantee was bought under', () => {
      const policy = { ...POLICY_2026_11, claimWindowHours: 48 };
      expect(assess('DAMAGE', plus(delivered, 47 * HOUR), [DELIVERED], { policy }).eligible).toBe(
        true,
      );
    });
  });

  describe('complete loss (R16)', () => {
    it('R16 accepts a loss claim once the carrier reports the package lost', () => {
      const lost: PackageEvent = { type: 'LOST', occurredAt: plus(shipped, 3 * DAY) };
      const result = assess('LOSS', plus(shipped, 4 * DAY), [SHIPPED, lost]);
      expect(result).toMatchObject({ eligible: true, reasons: [], deadline: null });
      expect(result.claimableFrom).toEqual(plus(shipped, 3 * DAY));
    });

    it('R16 refuses a loss claim 30 days - 1ms after shipping as LOSS_NOT_YET_CLAIMABLE', () => {
      const result = assess('LOSS', plus(shipped, 30 * DAY - 1), [SHIPPED]);
      expect(result.reasons).toEqual(['LOSS_NOT_YET_CLAIMABLE']);
      expect(result.claimableFrom).toEqual(plus(shipped, 30 * DAY));
      expect(result.deadline).toBeNull();
    });

    it('R16 accepts a loss claim on an undelivered package exactly 30 days after shipping', () => {
      expect(assess('LOSS', plus(shipped, 30 * DAY), [SHIPPED]).eligible).toBe(true);
    });

    it('R16 refuses a loss claim on a package that has not shipped', () => {
      const result = assess('LOSS', shipped, []);
      expect(result.reasons).toEqual(['LOSS_NOT_YET_CLAIMABLE']);
      expect(result.claimableFrom).toBeNull();
    });

    it('R16 refuses a loss claim on a delivered package as ALREADY_DELIVERED', () => {
      const result = assess('LOSS', plus(delivered, HOUR), [SHIPPED, DELIVERED]);
      expect(result.reasons).toEqual(['ALREADY_DELIVERED']);
      expect(result.claimableFrom).toBeNull();
    });

    it('R16 refuses a loss claim on a package reported lost and then delivered', () => {
      const lost: PackageEvent = { type: 'LOST', occurredAt: plus(shipped, DAY) };
      expect(assess('LOSS', plus(delivered, HOUR), [SHIPPED, lost, DELIVERED]).reasons).toEqual([
        'ALREADY_DELIVERED',
      ]);
    });

    it('R15 gives a loss claim on a package waiting at the destination a deadline of arrival + 30 days', () => {
      const result = assess('LOSS', plus(arrived, 27 * DAY), [SHIPPED, ARRIVED]);
      expect(result.deadline).toEqual(plus(arrived, 30 * DAY));
    });
  });

  describe('unclaimed packages (R15)', () => {
    it('R15 accepts a claim on a package delivered exactly 30 days after arriving', () => {
      const late: PackageEvent = { type: 'DELIVERED', occurredAt: plus(arrived, 30 * DAY) };
      expect(assess('DAMAGE', plus(arrived, 30 * DAY + HOUR), [ARRIVED, late]).eligible).toBe(true);
    });

    it('R15 refuses a claim on a package delivered 30 days + 1ms after arriving, whether or not collected later', () => {
      const late: PackageEvent = { type: 'DELIVERED', occurredAt: plus(arrived, 30 * DAY + 1) };
      expect(assess('DAMAGE', plus(arrived, 30 * DAY + HOUR), [ARRIVED, late]).reasons).toEqual([
        'PACKAGE_UNCLAIMED',
      ]);
    });

    it('R15 refuses a loss claim on a package uncollected 30 days + 1ms after arriving', () => {
      const result = assess('LOSS', plus(arrived, 30 * DAY + 1), [SHIPPED, ARRIVED]);
      expect(result.reasons).toEqual(['PACKAGE_UNCLAIMED']);
    });

    it('R15 still accepts a loss claim exactly 30 days after arrival', () => {
      expect(assess('LOSS', plus(arrived, 30 * DAY), [SHIPPED, ARRIVED]).eligible).toBe(true);
    });

    it('R15 applies to every claim type, before the R14 window', () => {
      const late: PackageEvent = { type: 'DELIVERED', occurredAt: plus(arrived, 40 * DAY) };
      expect(assess('PARTIAL_LOSS', plus(arrived, 45 * DAY), [ARRIVED, late]).reasons).toEqual([
        'PACKAGE_UNCLAIMED',
        'CLAIM_WINDOW_EXPIRED',
      ]);
    });
  });

  describe('coverage and cap', () => {
    it('refuses any claim under a cancelled guarantee as GUARANTEE_CANCELLED, first', () => {
      const result = assess('DAMAGE', plus(delivered, 25 * HOUR), [DELIVERED], {
        guaranteeStatus: 'CANCELLED',
      });
      expect(result.reasons).toEqual(['GUARANTEE_CANCELLED', 'CLAIM_WINDOW_EXPIRED']);
      expect(result.eligible).toBe(false);
    });

    it('R9 reports CAP_REACHED last when nothing is left to pay', () => {
      const result = assess('DAMAGE', plus(delivered, HOUR), [DELIVERED], {
        alreadyPaid: usd(19500),
      });
      expect(result.reasons).toEqual(['CAP_REACHED']);
      expect(result.maxPayable).toEqual(usd(0));
    });

    it('R9 reports what is left to pay after earlier claims', () => {
      const result = assess('DAMAGE', plus(delivered, HOUR), [DELIVERED], {
        alreadyPaid: usd(10000),
      });
      expect(result).toMatchObject({ eligible: true, maxPayable: usd(9500) });
    });

    it('orders reasons most fundamental first', () => {
      expect(
        assess('LOSS', plus(arrived, 31 * DAY), [ARRIVED], {
          guaranteeStatus: 'CANCELLED',
          alreadyPaid: usd(500000),
        }).reasons,
      ).toEqual([
        'GUARANTEE_CANCELLED',
        'LOSS_NOT_YET_CLAIMABLE',
        'PACKAGE_UNCLAIMED',
        'CAP_REACHED',
      ]);
    });
  });

  it('throws on an invalid now', () => {
    expect(() => assess('LOSS', new Date('nope'), [])).toThrow(TypeError);
  });
});
