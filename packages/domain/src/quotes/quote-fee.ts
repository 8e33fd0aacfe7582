import { assertMoney } from '../internal/assert-money.js';
import { maxAmountMinor } from '../money/max-amount-minor.js';
import { type Money, money } from '../money/money.js';
import { percentOfMoney } from '../money/percent-of-money.js';
import type { PolicyVersion } from '../policy/policy.js';
import { ok, type Result, refuse } from '../results/result.js';

/** What a shopper is offered (R1, R3): the fee and what the guarantee can pay. */
export interface FeeQuote {
  productValue: Money;
  fee: Money;
  feeRateBps: number;
  /** True iff the exact rate x value (before rounding) is below the minimum fee. */
  minimumFeeApplied: boolean;
  maxCompensationPerPackage: Money;
  policyVersion: string;
}

/**
 * R1: fee = rate x product value, rounded half-up to the cent, but never below the minimum.
 * $456.78 → $45.68; $299.99 → $30.00 with the minimum applied; $300.01 → $30.00 without it
 * (its exact 10%, $30.001, is not below the minimum). Refuses a value in another currency
 * than the policy's (UNSUPPORTED_CURRENCY) and a value that is zero, negative or above the
 * 1,000,000,000 limit (INVALID_INPUT).
 */
export function quoteFee(productValue: Money, policy: PolicyVersion): Result<FeeQuote> {
  assertMoney(productValue, 'productValue');
  if (productValue.currency !== policy.currency) {
    return refuse(
      'UNSUPPORTED_CURRENCY',
      `Guarantees under policy ${policy.version} are sold in ${policy.currency}, not ${productValue.currency}.`,
      ['productValue'],
    );
  }
  if (productValue.minor <= 0) {
    return refuse('INVALID_INPUT', 'The product value must be more than zero.', ['productValue']);
  }
  if (productValue.minor > maxAmountMinor(productValue.currency)) {
    return refuse(
      'INVALID_INPUT',
      `The product value is above the limit of 1,000,000,000 ${productValue.currency}.`,
      ['productValue'],
    );
  }
  // Compare before rounding: value x bps < minimum x 10,000, exactly, in integers.
  const minimumFeeApplied =
    BigInt(productValue.minor) * BigInt(policy.feeRateBps) <
    BigInt(policy.minimumFeeMinor) * 10_000n;
  const fee = minimumFeeApplied
    ? money(policy.minimumFeeMinor, policy.currency)
    : percentOfMoney(productValue, policy.feeRateBps);
  return ok({
    productValue,
    fee,
    feeRateBps: policy.feeRateBps,
    minimumFeeApplied,
    maxCompensationPerPackage: money(policy.maxCompensationPerPackageMinor, policy.currency),
    policyVersion: policy.version,
  });
}
