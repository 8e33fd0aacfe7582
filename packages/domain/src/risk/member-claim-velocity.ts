import { formatUtcMinute } from '../internal/format-utc-minute.js';
import { assertValidDate, DAY_MS } from '../internal/time.js';
import type { RiskSignal } from './risk-signal-vocabulary.js';
import { RISK_THRESHOLDS } from './risk-thresholds.js';

/** The detail names this many of the other claims, the latest first. */
const LISTED = 10;

/** Another claim of the same member, as the signal's detail names it. */
export interface EarlierClaim {
  readonly reference: string;
  readonly filedAt: Date;
}

/**
 * MEMBER_CLAIM_VELOCITY: the member filed at least `velocityMinClaims` claims (this one
 * included) within `velocityWindowMs` up to this filing, naming the latest others. A claim filed exactly 90 days
 * before still counts. Claims filed after this one (a later recomputation) don't.
 */
export function memberClaimVelocity(
  memberId: string,
  filedAt: Date,
  others: readonly EarlierClaim[],
): RiskSignal | null {
  assertValidDate(filedAt, 'filedAt');
  const since = filedAt.getTime() - RISK_THRESHOLDS.velocityWindowMs;
  const recent = others
    .filter((c) => c.filedAt.getTime() >= since && c.filedAt.getTime() <= filedAt.getTime())
    .sort((a, b) => b.filedAt.getTime() - a.filedAt.getTime());
  const total = recent.length + 1;
  if (total < RISK_THRESHOLDS.velocityMinClaims) return null;
  const earlier = recent.length - LISTED;
  const listed =
    recent
      .slice(0, LISTED)
      .map((c) => `${c.reference} (${formatUtcMinute(c.filedAt)})`)
      .join(', ') + (earlier > 0 ? ` and ${earlier} earlier` : '');
  return {
    code: 'MEMBER_CLAIM_VELOCITY',
    detail: `${total} claims by member ${memberId} in the ${RISK_THRESHOLDS.velocityWindowMs / DAY_MS} days to ${formatUtcMinute(filedAt)}, this one included; the others: ${listed}`,
  };
}
