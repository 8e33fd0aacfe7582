import { assertValidDate } from '../internal/time.js';
import {
  PACKAGE_EVENT_TYPES,
  type PackageEventType,
  type PackageStatus,
} from './package-vocabulary.js';

/** One carrier report. Reports arrive late, twice and out of order. */
export interface PackageEvent {
  type: PackageEventType;
  /** The carrier's time, which every window (R14-R16) counts from. */
  occurredAt: Date;
  signedBy?: string | null;
  actualWeightGrams?: number | null;
}

/** A package's state as its events tell it. */
export interface PackageTracking {
  status: PackageStatus;
  shippedAt: Date | null;
  arrivedAt: Date | null;
  deliveredAt: Date | null;
  lostAt: Date | null;
  signedBy: string | null;
  actualWeightGrams: number | null;
}

// A lost package that is later delivered was found: delivery outranks loss.
const RANK: Readonly<Record<PackageStatus, number>> = {
  REGISTERED: 0,
  SHIPPED: 1,
  ARRIVED_AT_DESTINATION: 2,
  LOST: 3,
  DELIVERED: 4,
};

// Earlier first; equal times ordered by content so the choice never depends on input order.
function earlier<T extends string | number>(
  a: { at: number; value: T } | null,
  at: number,
  value: T,
): { at: number; value: T } {
  if (a === null || at < a.at || (at === a.at && value < a.value)) return { at, value };
  return a;
}

/**
 * Folds a package's events into its state, independent of their order and of duplicates:
 * - status: the highest lifecycle rank reached, REGISTERED < SHIPPED <
 *   ARRIVED_AT_DESTINATION < LOST < DELIVERED (a package found and delivered is DELIVERED);
 * - each timestamp: the earliest event of its type (a repeated report does not move it);
 * - signedBy: from the earliest DELIVERED event with a non-blank signature (trimmed);
 * - actualWeightGrams: from the earliest DELIVERED event that has it, else from the earliest
 *   other event that has it (carriers often weigh at pickup).
 * Ties at the same instant are broken by value, so any permutation gives the same result.
 */
export function trackPackage(events: readonly PackageEvent[]): PackageTracking {
  let rank = 0;
  const first: Record<PackageEventType, number | null> = {
    SHIPPED: null,
    ARRIVED_AT_DESTINATION: null,
    DELIVERED: null,
    LOST: null,
  };
  let signedBy: { at: number; value: string } | null = null;
  let deliveredWeight: { at: number; value: number } | null = null;
  let otherWeight: { at: number; value: number } | null = null;

  for (const event of events) {
    if (!PACKAGE_EVENT_TYPES.includes(event.type)) {
      throw new TypeError(`Unknown package event type: ${String(event.type)}`);
    }
    assertValidDate(event.occurredAt, 'occurredAt');
    const at = event.occurredAt.getTime();
    rank = Math.max(rank, RANK[event.type]);
    const seen = first[event.type];
    if (seen === null || at < seen) first[event.type] = at;

    const weight = event.actualWeightGrams;
    if (weight !== null && weight !== undefined) {
      if (event.type === 'DELIVERED') deliveredWeight = earlier(deliveredWeight, at, weight);
      else otherWeight = earlier(otherWeight, at, weight);
    }
    const signature = event.signedBy?.trim();
    if (event.type === 'DELIVERED' && signature) signedBy = earlier(signedBy, at, signature);
  }

  const status =
    (Object.keys(RANK) as PackageStatus[]).find((s) => RANK[s] === rank) ?? 'REGISTERED';
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    status,
    shippedAt: date(first.SHIPPED),
    arrivedAt: date(first.ARRIVED_AT_DESTINATION),
    deliveredAt: date(first.DELIVERED),
    lostAt: date(first.LOST),
    signedBy: signedBy?.value ?? null,
    actualWeightGrams: (deliveredWeight ?? otherWeight)?.value ?? null,
  };
}
