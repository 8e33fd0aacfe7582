import { convertFromUsd } from '../exchange/convert-from-usd.js';
import type { ExchangeRate } from '../exchange/exchange-rate.js';
import { deepFreeze } from '../internal/deep-freeze.js';
import { money } from '../money/money.js';
import type { PolicyVersion } from './policy.js';

/**
 * A USD policy's amounts in another currency at one exchange rate: the minimum fee (R1), the
 * damage product cap (R8) and the per-package cap (R9) converted, everything else (rates,
 * shares, windows) unchanged. Every rule then runs on the result as it does in USD, so a
 * guarantee bought in EUR is priced, capped and paid by the same functions, in EUR. With no
 * rate the policy is returned as it is. Throws when the rate's currency and the policy do not
 * fit together: the caller picks the rate for the guarantee, so a mismatch is a bug.
 */
export function policyInCurrency(
  policy: PolicyVersion,
  rate: ExchangeRate | null | undefined,
): PolicyVersion {
  if (!rate) return policy;
  if (policy.currency !== 'USD') {
    throw new RangeError(`policy ${policy.version} is in ${policy.currency}: rates are per USD`);
  }
  if (rate.currency === 'USD') throw new RangeError('a USD guarantee has no exchange rate');
  const convert = (minor: number) =>
    convertFromUsd(money(minor, 'USD'), rate.perUsd, rate.currency).minor;
  return deepFreeze({
    ...policy,
    currency: rate.currency,
    minimumFeeMinor: convert(policy.minimumFeeMinor),
    damageProductCapMinor: convert(policy.damageProductCapMinor),
    maxCompensationPerPackageMinor: convert(policy.maxCompensationPerPackageMinor),
  });
}
