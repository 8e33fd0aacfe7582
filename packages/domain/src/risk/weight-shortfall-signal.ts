import { formatBasisPoints } from '../internal/format-money-label.js';
import { isWeightShortfall } from '../packages/is-weight-shortfall.js';
import type { PolicyVersion } from '../policy/policy.js';
import type { RiskSignal } from './risk-signal-vocabulary.js';

/**
 * WEIGHT_SHORTFALL: the package weighed less at delivery than estimated by more than R7's
 * share and grams (the same test as the package's R12 flag), with the weights that show it.
 */
export function weightShortfallSignal(
  estimatedGrams: number | null,
  actualGrams: number | null,
  policy: PolicyVersion,
): RiskSignal | null {
  if (estimatedGrams === null || actualGrams === null) return null;
  if (!isWeightShortfall(estimatedGrams, actualGrams, policy)) return null;
  const short = estimatedGrams - actualGrams;
  const percent = Math.round((short * 1000) / estimatedGrams) / 10;
  return {
    code: 'WEIGHT_SHORTFALL',
    detail: `weighed ${actualGrams} g against ${estimatedGrams} g estimated: ${short} g (${percent}%) short; R7 flags more than ${formatBasisPoints(policy.weightShortfallRatioBps)} and more than ${policy.weightShortfallMinGrams} g`,
  };
}
