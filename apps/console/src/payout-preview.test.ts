// The console's payout preview converts the API's Policy and amounts into the domain's types
// and asks @lg/domain's decideClaim: these tests pin the conversion (a policy read from the
// API is the policy the API decides with) and the R7-R9 results an adjuster sees.
import {
  formatDecimal,
  money,
  POLICY_2026_11,
  type PolicyVersion,
  policyInCurrency,
} from '@lg/domain';
import { describe, expect, it } from 'vitest';
import {
  basisPoints,
  type PolicyData,
  type PreviewClaim,
  policyVersionOf,
  previewApproval,
} from './payout-preview.js';

const amountOf = (minor: number, currency: string) => ({
  amount: formatDecimal(money(minor, currency)),
  currencyCode: currency,
});
const usd = (minor: number) => amountOf(minor, 'USD');
const share = (bps: number) => (bps / 10_000).toFixed(4);

/** Policy 2026-11 as the API's Policy type prints it. */
function asApi(policy: PolicyVersion): PolicyData {
  return {
    version: policy.version,
    feeRate: share(policy.feeRateBps),
    minimumFee: amountOf(policy.minimumFeeMinor, policy.currency),
    maxCompensationPerPackage: amountOf(policy.maxCompensationPerPackageMinor, policy.currency),
    lossShippingShare: share(policy.lossShippingShareBps),
    damageShippingShare: share(policy.damageShippingShareBps),
    damageProductCap: amountOf(policy.damageProductCapMinor, policy.currency),
    claimWindowHours: policy.claimWindowHours,
    unclaimedDays: policy.unclaimedDays,
    lossClaimableAfterDays: policy.lossOverdueDays,
    responseDays: policy.responseDays,
    weightShortfallShare: share(policy.weightShortfallRatioBps),
    weightShortfallMinGrams: policy.weightShortfallMinGrams,
    quoteLifetimeMinutes: policy.quoteLifetimeMinutes,
    requiredDocuments: Object.entries(policy.requiredDocuments).map(([claimType, kinds]) => ({
      claimType: claimType as PreviewClaim['type'],
      documentKinds: [...kinds],
    })),
    exclusions: policy.exclusions.map((e) => ({
      code: e.code,
      kind: e.kind,
      title: e.title,
      description: e.description,
      translations: Object.entries(e.translations).map(([locale, w]) => ({ locale, ...w })),
    })),
  };
}

function claim(type: PreviewClaim['type'], overrides: Partial<PreviewClaim['package']> = {}) {
  return {
    status: 'UNDER_REVIEW' as const,
    type,
    package: {
      declaredValue: usd(50_000),
      salePrice: usd(50_000),
      shippingFee: usd(4_000),
      paidTotal: usd(0),
      ...overrides,
    },
    policy: asApi(POLICY_2026_11),
  };
}

describe('policyVersionOf', () => {
  it('reads the API’s Policy back into the very policy version it was printed from', () => {
    expect(policyVersionOf(asApi(POLICY_2026_11))).toEqual(POLICY_2026_11);
  });

  it('reads shares as exact basis points', () => {
    expect(basisPoints('0.3')).toBe(3000);
    expect(basisPoints('0.30')).toBe(3000);
    expect(basisPoints('1.00')).toBe(10_000);
    expect(basisPoints('0.125')).toBe(1250);
    expect(() => basisPoints('0.30001')).toThrow(RangeError);
  });
});

describe('previewApproval', () => {
  it('R8: caps an audited damage at 30% of shipping + $100.00, with the limit as a line', () => {
    const preview = previewApproval(claim('DAMAGE'), '300.00');
    expect(preview).toMatchObject({ ok: true, payable: usd(11_200) });
    if (!preview.ok) return;
    expect(preview.breakdown.map((l) => [l.rule, l.amount.amount])).toEqual([
      ['R8', '300.00'],
      ['R8', '-188.00'],
    ]);
  });

  it("R8 in a guarantee's own currency: a JPY guarantee bought at 150 caps damage at 30% of shipping + 15,000 yen", () => {
    const jpy = (minor: number) => amountOf(minor, 'JPY');
    const policy = policyInCurrency(POLICY_2026_11, {
      currency: 'JPY',
      perUsd: '150',
      asOf: new Date('2026-11-30T15:00:00Z'),
      source: 'ECB',
    });
    expect(policyVersionOf(asApi(policy))).toEqual(policy);
    const preview = previewApproval(
      {
        status: 'UNDER_REVIEW',
        type: 'DAMAGE',
        package: {
          declaredValue: jpy(80_000),
          salePrice: jpy(80_000),
          shippingFee: jpy(2_000),
          paidTotal: jpy(0),
        },
        policy: asApi(policy),
      },
      '40000',
    );
    // 30% of 2,000 = 600, plus 15,000: 15,600 yen.
    expect(preview).toMatchObject({ ok: true, payable: jpy(15_600) });
  });

  it('R7: pays an audited partial loss up to the R5 amount', () => {
    expect(previewApproval(claim('PARTIAL_LOSS'), '80.00')).toMatchObject({
      ok: true,
      payable: usd(8_000),
    });
  });

  it('R5 + R9: a complete loss needs no amount and is capped at $5,000.00 per package', () => {
    const preview = previewApproval(
      claim('LOSS', { declaredValue: usd(900_000), salePrice: usd(900_000) }),
      '',
    );
    expect(preview).toMatchObject({ ok: true, payable: usd(500_000) });
  });

  it('R9: less what the package was already paid, nothing once it was paid in full', () => {
    const preview = previewApproval(claim('DAMAGE', { paidTotal: usd(50_000) }), '50.00');
    expect(preview).toMatchObject({ ok: true, payable: usd(4_000) });
    if (preview.ok)
      expect(preview.breakdown.at(-1)).toMatchObject({ rule: 'R9', amount: usd(-1_000) });
    expect(previewApproval(claim('DAMAGE', { paidTotal: usd(54_000) }), '50.00')).toMatchObject({
      ok: false,
      code: 'CAP_REACHED',
    });
  });

  it('refuses what the API would refuse, on the field it belongs to', () => {
    expect(previewApproval(claim('DAMAGE'), '')).toMatchObject({
      ok: false,
      code: 'AMOUNT_REQUIRED',
      field: 'auditedAmount',
    });
    expect(previewApproval(claim('DAMAGE'), '12.345')).toMatchObject({
      ok: false,
      code: 'TOO_MANY_DECIMALS',
      field: 'auditedAmount',
    });
    expect(
      previewApproval({ ...claim('DAMAGE'), status: 'NEEDS_DOCUMENTS' }, '10.00'),
    ).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });
});
