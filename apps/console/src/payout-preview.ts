// What approving a claim would pay, computed in the browser by @lg/domain's decideClaim:
// the function the API's decideClaim use case calls, on the numbers of the policy version the
// guarantee was bought under (Guarantee.policy). This file only converts the API's decimal
// strings into the domain's integer minor units; it computes nothing itself.
import {
  type ClaimReasonCode,
  type ClaimStatus,
  type ClaimType,
  type DocumentKind,
  type Money as DomainMoney,
  decideClaim,
  type ExclusionKind,
  formatDecimal,
  type PolicyVersion,
  parseMoney,
} from '@lg/domain';
import type { Money } from './api.js';

/** Policy fields as the console reads them (the Policy type of the API). */
export interface PolicyData {
  version: string;
  feeRate: string;
  minimumFee: Money;
  maxCompensationPerPackage: Money;
  lossShippingShare: string;
  damageShippingShare: string;
  damageProductCap: Money;
  claimWindowHours: number;
  unclaimedDays: number;
  lossClaimableAfterDays: number;
  responseDays: number;
  weightShortfallShare: string;
  weightShortfallMinGrams: number;
  quoteLifetimeMinutes: number;
  requiredDocuments: { claimType: ClaimType; documentKinds: DocumentKind[] }[];
  exclusions: {
    code: ClaimReasonCode;
    kind: ExclusionKind;
    title: string;
    description: string;
    translations: { locale: string; title: string; description: string }[];
  }[];
}

/** What the preview needs of a claim. */
export interface PreviewClaim {
  status: ClaimStatus;
  type: ClaimType;
  package: {
    declaredValue: Money;
    salePrice: Money;
    shippingFee: Money;
    paidTotal: Money;
  };
  policy: PolicyData;
}

export interface PreviewLine {
  label: string;
  rule: string;
  amount: Money;
}

export type Preview =
  | { ok: true; payable: Money; breakdown: PreviewLine[] }
  | { ok: false; code: string; message: string; field: string | null };

/** "0.30" -> 3000: a share as basis points, exactly (the API prints at most 4 decimals). */
export function basisPoints(decimal: string): number {
  const match = /^(\d+)(?:\.(\d{1,4}))?$/.exec(decimal);
  if (!match) throw new RangeError(`not a share: ${decimal}`);
  return Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'));
}

function minor(value: Money): DomainMoney {
  const parsed = parseMoney(value.amount, value.currencyCode, { allowZero: true });
  if (!parsed.ok)
    throw new RangeError(`the API sent an amount the domain refuses: ${value.amount}`);
  return parsed.value;
}

function toApiMoney(value: DomainMoney): Money {
  return { amount: formatDecimal(value), currencyCode: value.currency };
}

/** The API's Policy as the domain's PolicyVersion. */
export function policyVersionOf(policy: PolicyData): PolicyVersion {
  const requiredDocuments = Object.fromEntries(
    policy.requiredDocuments.map((r) => [r.claimType, r.documentKinds]),
  ) as unknown as PolicyVersion['requiredDocuments'];
  return {
    version: policy.version,
    currency: policy.maxCompensationPerPackage.currencyCode,
    feeRateBps: basisPoints(policy.feeRate),
    minimumFeeMinor: minor(policy.minimumFee).minor,
    maxCompensationPerPackageMinor: minor(policy.maxCompensationPerPackage).minor,
    lossShippingShareBps: basisPoints(policy.lossShippingShare),
    damageShippingShareBps: basisPoints(policy.damageShippingShare),
    damageProductCapMinor: minor(policy.damageProductCap).minor,
    claimWindowHours: policy.claimWindowHours,
    unclaimedDays: policy.unclaimedDays,
    lossOverdueDays: policy.lossClaimableAfterDays,
    responseDays: policy.responseDays,
    weightShortfallRatioBps: basisPoints(policy.weightShortfallShare),
    weightShortfallMinGrams: policy.weightShortfallMinGrams,
    quoteLifetimeMinutes: policy.quoteLifetimeMinutes,
    requiredDocuments,
    exclusions: policy.exclusions.map((e) => ({
      code: e.code,
      kind: e.kind,
      title: e.title,
      description: e.description,
      translations: Object.fromEntries(
        e.translations.map((w) => [w.locale, { title: w.title, description: w.description }]),
      ),
    })),
  };
}

/**
 * The decision approving would record for `auditedAmount` (the adjuster's text, in the
 * policy's currency), or the refusal the API would answer with.
 */
export function previewApproval(claim: PreviewClaim, auditedAmount: string): Preview {
  const policy = policyVersionOf(claim.policy);
  let audited: DomainMoney | null = null;
  const text = auditedAmount.trim();
  if (claim.type !== 'LOSS' && text !== '') {
    const parsed = parseMoney(text, policy.currency, { allowZero: true });
    if (!parsed.ok) {
      return { ok: false, code: parsed.code, message: parsed.message, field: 'auditedAmount' };
    }
    audited = parsed.value;
  }
  const decision = decideClaim({
    status: claim.status,
    type: claim.type,
    outcome: 'APPROVE',
    auditedAmount: audited,
    pkg: {
      declaredValue: minor(claim.package.declaredValue),
      salePrice: minor(claim.package.salePrice),
      shippingFee: minor(claim.package.shippingFee),
    },
    alreadyPaid: minor(claim.package.paidTotal),
    policy,
  });
  if (!decision.ok) {
    return {
      ok: false,
      code: decision.code,
      message: decision.message,
      field: decision.field?.[0] ?? null,
    };
  }
  return {
    ok: true,
    payable: toApiMoney(decision.value.payable),
    breakdown: decision.value.breakdown.map((line) => ({
      label: line.label,
      rule: line.rule,
      amount: toApiMoney(line.amount),
    })),
  };
}
