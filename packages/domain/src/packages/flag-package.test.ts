import { describe, expect, it } from 'vitest';
import { POLICY_2026_11 } from '../policy/policy-2026-11.js';
import type { PostalAddress } from './addresses-match.js';
import { flagPackage } from './flag-package.js';

const P = POLICY_2026_11;
const purchased = new Date('2026-11-01T10:00:00.000Z');
const address: PostalAddress = { line1: '12 Main St', city: 'Springfield', countryCode: 'US' };

describe('flagPackage', () => {
  it('R12 raises nothing on a clean package or without data', () => {
    expect(flagPackage({ guaranteePurchasedAt: purchased }, P)).toEqual([]);
    expect(
      flagPackage(
        {
          guaranteePurchasedAt: purchased,
          deliveryAddress: address,
          memberCenterAddress: { ...address },
          deliveredAt: new Date('2026-11-05T10:00:00Z'),
          signedBy: 'J. Doe',
          estimatedWeightGrams: 1000,
          actualWeightGrams: 990,
          shippedAt: new Date('2026-11-02T10:00:00Z'),
        },
        P,
      ),
    ).toEqual([]);
  });

  it('R12 flags NO_SIGNATURE once delivered with a missing or blank signature', () => {
    const deliveredAt = new Date('2026-11-05T10:00:00Z');
    expect(flagPackage({ guaranteePurchasedAt: purchased, deliveredAt }, P)).toEqual([
      'NO_SIGNATURE',
    ]);
    expect(
      flagPackage({ guaranteePurchasedAt: purchased, deliveredAt, signedBy: '  ' }, P),
    ).toEqual(['NO_SIGNATURE']);
  });

  it('R12 does not flag NO_SIGNATURE before delivery', () => {
    expect(
      flagPackage({ guaranteePurchasedAt: purchased, deliveredAt: null, signedBy: null }, P),
    ).toEqual([]);
  });

  it('R12 flags ADDRESS_MISMATCH when the delivery address differs from the Member Center', () => {
    expect(
      flagPackage(
        {
          guaranteePurchasedAt: purchased,
          deliveryAddress: address,
          memberCenterAddress: { ...address, line1: '99 Elm St' },
        },
        P,
      ),
    ).toEqual(['ADDRESS_MISMATCH']);
  });

  it('R12 does not flag ADDRESS_MISMATCH when either address is unknown', () => {
    expect(flagPackage({ guaranteePurchasedAt: purchased, deliveryAddress: address }, P)).toEqual(
      [],
    );
  });

  it('R7/R12 flags WEIGHT_SHORTFALL', () => {
    expect(
      flagPackage(
        { guaranteePurchasedAt: purchased, estimatedWeightGrams: 1000, actualWeightGrams: 800 },
        P,
      ),
    ).toEqual(['WEIGHT_SHORTFALL']);
  });

  it('R2/R12 flags SHIPPED_BEFORE_PURCHASE for a package shipped before the guarantee was bought', () => {
    const before = new Date(purchased.getTime() - 1);
    expect(flagPackage({ guaranteePurchasedAt: purchased, shippedAt: before }, P)).toEqual([
      'SHIPPED_BEFORE_PURCHASE',
    ]);
  });

  it('R2/R12 does not flag a package shipped at the very instant of purchase', () => {
    expect(flagPackage({ guaranteePurchasedAt: purchased, shippedAt: purchased }, P)).toEqual([]);
  });

  it('R12 reports every flag in PACKAGE_FLAGS order', () => {
    expect(
      flagPackage(
        {
          guaranteePurchasedAt: purchased,
          shippedAt: new Date('2026-10-30T00:00:00Z'),
          estimatedWeightGrams: 2000,
          actualWeightGrams: 1000,
          deliveryAddress: address,
          memberCenterAddress: { ...address, city: 'Shelbyville' },
          deliveredAt: new Date('2026-11-05T00:00:00Z'),
        },
        P,
      ),
    ).toEqual(['NO_SIGNATURE', 'ADDRESS_MISMATCH', 'WEIGHT_SHORTFALL', 'SHIPPED_BEFORE_PURCHASE']);
  });

  it('throws on an invalid purchase date', () => {
    expect(() => flagPackage({ guaranteePurchasedAt: new Date('x') }, P)).toThrow(TypeError);
  });
});
