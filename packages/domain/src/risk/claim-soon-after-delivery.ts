import { formatUtcMinute } from '../internal/format-utc-minute.js';
import { assertValidDate, MINUTE_MS } from '../internal/time.js';
import type { RiskSignal } from './risk-signal-vocabulary.js';
import { RISK_THRESHOLDS } from './risk-thresholds.js';

/**
 * CLAIM_SOON_AFTER_DELIVERY: filed within `soonAfterDeliveryMs` of the carrier's delivery
 * (exactly 15 minutes still counts). Nothing for an undelivered package.
 */
export function claimSoonAfterDelivery(deliveredAt: Date | null, filedAt: Date): RiskSignal | null {
  if (deliveredAt === null) return null;
  assertValidDate(deliveredAt, 'deliveredAt');
  assertValidDate(filedAt, 'filedAt');
  const elapsed = filedAt.getTime() - deliveredAt.getTime();
  if (elapsed < 0 || elapsed > RISK_THRESHOLDS.soonAfterDeliveryMs) return null;
  const minutes = Math.floor(elapsed / MINUTE_MS);
  const seconds = Math.floor((elapsed % MINUTE_MS) / 1000);
  return {
    code: 'CLAIM_SOON_AFTER_DELIVERY',
    detail: `filed ${minutes} min ${seconds} s after delivery (delivered ${formatUtcMinute(deliveredAt)}, filed ${formatUtcMinute(filedAt)})`,
  };
}
