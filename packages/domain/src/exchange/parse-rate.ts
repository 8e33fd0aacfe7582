import { ok, type Result, refuse } from '../results/result.js';
import { RATE_DECIMALS, RATE_INTEGER_DIGITS } from './exchange-rate.js';

/** A rate as an exact fraction: `units / 10^scale`. */
export interface ExactRate {
  units: bigint;
  scale: number;
}

const RATE_PATTERN = new RegExp(
  `^(\\d{1,${RATE_INTEGER_DIGITS}})(?:\\.(\\d{1,${RATE_DECIMALS}}))?$`,
);

/**
 * Reads a per-USD rate ("0.92", "149.5") into an exact fraction. Strict like `parseMoney`:
 * digits with an optional point, at most 12 integer digits and 10 decimals, above zero.
 */
export function parseRate(perUsd: string): Result<ExactRate> {
  const match = typeof perUsd === 'string' ? RATE_PATTERN.exec(perUsd) : null;
  if (!match) {
    return refuse(
      'INVALID_INPUT',
      `"${String(perUsd)}" is not a rate: write digits with an optional decimal point (at most ${RATE_DECIMALS} decimals), like 0.92.`,
    );
  }
  const fraction = match[2] ?? '';
  const units = BigInt(`${match[1]}${fraction}`);
  if (units === 0n) return refuse('INVALID_INPUT', 'A rate must be above zero.');
  return ok({ units, scale: fraction.length });
}
