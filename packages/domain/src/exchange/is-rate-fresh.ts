import type { ExchangeRate } from './exchange-rate.js';

/**
 * Whether a rate may price a new quote at `now`: no older than `maxAgeHours` (exactly that
 * age still counts). A rate dated in the future is not fresh either: it can only be a
 * mistake, and a quote must not depend on one.
 */
export function isRateFresh(rate: ExchangeRate, now: Date, maxAgeHours: number): boolean {
  const age = now.getTime() - rate.asOf.getTime();
  return age >= 0 && age <= maxAgeHours * 3_600_000;
}
