import { ratioDecimal } from './ratio-decimal.js';

/**
 * The loss report's loss ratio: payouts over the fees kept (fees less refunds), four places.
 * Null without fees kept (no fees, or refunds as large as them): a ratio to nothing is unknown.
 */
export function lossRatio(
  payoutsMinor: number,
  feesMinor: number,
  refundsMinor: number,
): string | null {
  return ratioDecimal(payoutsMinor, feesMinor - refundsMinor);
}
