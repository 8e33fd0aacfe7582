import { divideHalfUp } from '../internal/divide-half-up.js';
import { formatMoneyLabel } from '../internal/format-money-label.js';
import type { Money } from '../money/money.js';
import type { PolicyVersion } from '../policy/policy.js';
import type { RiskSignal } from './risk-signal-vocabulary.js';
import { RISK_THRESHOLDS } from './risk-thresholds.js';

/**
 * HIGH_VALUE_FIRST_ORDER: the guarantee covers the member's first guaranteed order at the
 * storefront (`earlierOrders` = 0) and its product value is at least
 * `highValueFirstOrderCapShareBps` of the policy's R9 cap (at the threshold it fires). The
 * value must be in the policy's currency, whose cap it is compared with.
 */
export function highValueFirstOrder(
  productValue: Money,
  earlierOrders: number,
  policy: PolicyVersion,
): RiskSignal | null {
  if (earlierOrders > 0) return null;
  if (productValue.currency !== policy.currency) return null;
  const threshold = Number(
    divideHalfUp(
      BigInt(policy.maxCompensationPerPackageMinor) *
        BigInt(RISK_THRESHOLDS.highValueFirstOrderCapShareBps),
      10_000n,
    ),
  );
  if (productValue.minor < threshold) return null;
  const label = (minor: number) => formatMoneyLabel({ minor, currency: policy.currency });
  return {
    code: 'HIGH_VALUE_FIRST_ORDER',
    detail: `the member's first guaranteed order here, worth ${label(productValue.minor)} (at least ${label(threshold)} raises this signal)`,
  };
}
