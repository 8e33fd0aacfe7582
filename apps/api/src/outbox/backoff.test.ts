import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, parseRetryAfter, RETRY_DELAYS_MS, retryDelayMs } from './backoff.js';

const HOUR = 3_600_000;

function schedule(random: () => number): number[] {
  const delays: number[] = [];
  for (let attempt = 1; ; attempt += 1) {
    const delay = retryDelayMs(attempt, random);
    if (delay === null) return delays;
    delays.push(delay);
  }
}

describe('retryDelayMs', () => {
  it('allows at least 8 attempts spread over at least 24 hours, whatever the jitter', () => {
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(8);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.999999, noNaN: true }), (r) => {
        const delays = schedule(() => r);
        expect(delays.length + 1).toBe(MAX_ATTEMPTS);
        expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(24 * HOUR);
      }),
    );
  });

  it('grows: each wait is at least the one before, starting at about 30 seconds', () => {
    expect(RETRY_DELAYS_MS[0]).toBe(30_000);
    for (let i = 1; i < RETRY_DELAYS_MS.length; i += 1)
      expect(RETRY_DELAYS_MS[i]).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[i - 1] as number);
  });

  it('jitters by at most 20% either way', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_ATTEMPTS - 1 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, r) => {
          const base = RETRY_DELAYS_MS[attempt - 1] as number;
          const delay = retryDelayMs(attempt, () => r) as number;
          expect(delay).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
          expect(delay).toBeLessThanOrEqual(Math.ceil(base * 1.2));
        },
      ),
    );
  });

  it('is null after the last attempt: the delivery is dead-lettered', () => {
    expect(retryDelayMs(MAX_ATTEMPTS, () => 0.5)).toBeNull();
  });

  it("lets a receiver's Retry-After lengthen the wait but never shorten it (capped at a day)", () => {
    expect(retryDelayMs(1, () => 0.5, 5 * 60_000)).toBe(5 * 60_000);
    expect(retryDelayMs(1, () => 0.5, 1000)).toBe(30_000);
    expect(retryDelayMs(1, () => 0.5, 1000 * HOUR)).toBe(24 * HOUR);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-01T00:00:00Z');
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 01 Nov 2026 00:10:00 GMT', now)).toBe(600_000);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});
