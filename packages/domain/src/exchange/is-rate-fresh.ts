import type { ExchangeRate } from './exchange-rate.js';

/**
 * How far a rate's `asOf` may lie ahead of the server's clock: the publisher's clock and ours
 * differ a little, and a rate set "now" by a clock running ahead is still today's rate.
 */
export const RATE_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Whether a rate may price a new quote at `now`: no older than `maxAgeHours` (exactly that
 * age still counts). A rate dated further in the future than the clock skew is not fresh
 * either: it can only be a mistake, and a quote must not depend on one.
 */
export function isRateFresh(rate: ExchangeRate, now: Date, maxAgeHours: number): boolean {
  const age = now.getTime() - rate.asOf.getTime();
  return age >= -RATE_CLOCK_SKEW_MS && age <= maxAgeHours * 3_600_000;
}
