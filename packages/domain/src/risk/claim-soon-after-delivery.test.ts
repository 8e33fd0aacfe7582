import { describe, expect, it } from 'vitest';
import { MINUTE_MS } from '../internal/time.js';
import { claimSoonAfterDelivery } from './claim-soon-after-delivery.js';

const deliveredAt = new Date('2026-11-30T12:00:00Z');
const after = (ms: number) => new Date(deliveredAt.getTime() + ms);

describe('claimSoonAfterDelivery', () => {
  it('fires for a claim filed exactly 15 minutes after delivery', () => {
    expect(claimSoonAfterDelivery(deliveredAt, after(15 * MINUTE_MS))).toEqual({
      code: 'CLAIM_SOON_AFTER_DELIVERY',
      detail:
        'filed 15 min 0 s after delivery (delivered 2026-11-30 12:00 UTC, filed 2026-11-30 12:15 UTC)',
    });
  });

  it('does not fire a millisecond later', () => {
    expect(claimSoonAfterDelivery(deliveredAt, after(15 * MINUTE_MS + 1))).toBeNull();
  });

  it('does not fire for an undelivered package or a claim filed before the delivery scan', () => {
    expect(claimSoonAfterDelivery(null, after(0))).toBeNull();
    expect(claimSoonAfterDelivery(deliveredAt, after(-1))).toBeNull();
  });
});
