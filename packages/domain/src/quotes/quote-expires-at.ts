import { addMilliseconds, assertValidDate, MINUTE_MS } from '../internal/time.js';
import type { PolicyVersion } from '../policy/policy.js';

/** R3: when a quote issued at `issuedAt` stops being honoured. */
export function quoteExpiresAt(issuedAt: Date, policy: PolicyVersion): Date {
  assertValidDate(issuedAt, 'issuedAt');
  return addMilliseconds(issuedAt, policy.quoteLifetimeMinutes * MINUTE_MS);
}
