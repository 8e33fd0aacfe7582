// The thresholds of the risk signals. They are not terms of the guarantee (no member is
// promised or refused anything by them), so they live here rather than in a policy version;
// each says why it sits where it does.
import { DAY_MS, MINUTE_MS } from '../internal/time.js';

export const RISK_THRESHOLDS = Object.freeze({
  /** Velocity looks back one quarter: long enough to see a habit, short enough to be current. */
  velocityWindowMs: 90 * DAY_MS,
  /**
   * A member's claims in that window, this one included, that raise the signal. One bad
   * delivery happens to anyone and two can be bad luck; a third within a quarter is a
   * pattern worth a look.
   */
  velocityMinClaims: 3,
  /**
   * Distinct members (the claimant included) whose packages went to one delivery address.
   * Two is a household; three or more is a shared drop or reshipping address.
   */
  sharedAddressMinMembers: 3,
  /**
   * A claim filed this soon after the carrier's delivery scan (inclusive): too soon to have
   * opened, inspected and photographed a parcel, so it was likely prepared in advance.
   */
  soonAfterDeliveryMs: 15 * MINUTE_MS,
  /**
   * A first order at or above this share of the policy's per-package cap (R9), in basis points:
   * 2000 = 20%, $1,000.00 of the $5,000.00 cap. New accounts buying high-value goods and
   * claiming on the first order is the classic shape of account fraud.
   */
  highValueFirstOrderCapShareBps: 2000,
  /**
   * Descriptions shorter than this (after normalising) are stock phrases ("never arrived",
   * "box crushed") that honest members write independently, so a repeat says nothing.
   */
  reusedDescriptionMinChars: 40,
});
