// When a failed delivery is tried again. Retries spread over more than a day, so a receiver
// that is down for a deploy, a night or a weekend morning still gets every event; after the
// last attempt the delivery is dead-lettered (status DEAD), listed and redeliverable.
import type { AttemptResult } from './attempt-result.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Wait after attempt n (index n-1) failed. Attempt 1 is immediate. */
export const RETRY_DELAYS_MS: readonly number[] = [
  30 * SECOND,
  2 * MINUTE,
  10 * MINUTE,
  30 * MINUTE,
  1 * HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  12 * HOUR,
];

/** Attempts before a delivery is DEAD: the first plus one per retry delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** Jitter is +-20%: receivers that come back are not hit by every retry at the same second. */
const JITTER_RATIO = 0.2;

/** The most a receiver's Retry-After may push the next attempt out. */
const MAX_RETRY_AFTER_MS = 24 * HOUR;

/**
 * Milliseconds until the attempt after `attempt` (1-based, the one that just failed), or null
 * when it was the last. `random` in [0, 1) picks the jitter; a receiver's Retry-After can only
 * lengthen the wait.
 */
export function retryDelayMs(
  attempt: number,
  random: () => number = Math.random,
  retryAfterMs: number | null = null,
): number | null {
  const base = RETRY_DELAYS_MS[attempt - 1];
  if (base === undefined) return null;
  const jittered = Math.round(base * (1 - JITTER_RATIO + 2 * JITTER_RATIO * random()));
  return retryAfterMs === null
    ? jittered
    : Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** A Retry-After header (seconds or an HTTP date) as milliseconds from `now`; null if absent. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * SECOND;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}

/** A delivery's state after an attempt: delivered, waiting for its next try, or dead. */
export interface NextState {
  status: 'DELIVERED' | 'PENDING' | 'DEAD';
  /** When the next attempt is due; `now` once the delivery is DELIVERED or DEAD. */
  nextAttemptAt: Date;
}

/**
 * What becomes of a delivery after its attempt number `attempt` (1-based) produced `result`:
 * a failure is retried on the schedule above unless it is permanent or was the last attempt.
 */
export function nextState(
  attempt: number,
  result: AttemptResult,
  now: Date,
  random: () => number = Math.random,
): NextState {
  if (result.ok) return { status: 'DELIVERED', nextAttemptAt: now };
  const delay =
    result.permanent || attempt >= MAX_ATTEMPTS
      ? null
      : retryDelayMs(attempt, random, result.retryAfterMs ?? null);
  return delay === null
    ? { status: 'DEAD', nextAttemptAt: now }
    : { status: 'PENDING', nextAttemptAt: new Date(now.getTime() + delay) };
}
