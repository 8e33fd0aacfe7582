import type { ExactRate } from './parse-rate.js';

/** The canonical spelling of a valid rate: no leading zeros, no trailing decimal zeros. */
export function formatRate(rate: ExactRate): string {
  const digits = rate.units.toString().padStart(rate.scale + 1, '0');
  if (rate.scale === 0) return digits;
  const whole = digits.slice(0, digits.length - rate.scale);
  const fraction = digits.slice(digits.length - rate.scale).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}
