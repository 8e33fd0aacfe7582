// An EasyPost webhook (an Event whose result is a Tracker) as package events. The mapping,
// one tracking detail at a time, is the table in apps/api/README.md ("Carrier feeds").
import type { PackageEventType } from '@lg/domain';
import {
  objectOf,
  parseCarrierTime,
  type ReadCarrierWebhook,
  ReportBuilder,
  signerName,
  stringOf,
  trackingNumberOf,
} from './carrier-report.js';

const GRAMS_PER_OUNCE = 28.349523125;

/**
 * The package event one EasyPost tracking detail means, or null when it means nothing for the
 * terms. Only the `lost` detail reports a loss (R16); every other exception (damaged, refused,
 * returned, delayed, held...) leaves the package where it was.
 */
export function easyPostEventType(status: string, statusDetail: string): PackageEventType | null {
  if (statusDetail === 'lost') return 'LOST';
  switch (status) {
    case 'in_transit':
    case 'out_for_delivery':
      return 'SHIPPED';
    case 'available_for_pickup':
      return 'ARRIVED_AT_DESTINATION';
    case 'delivered':
      return 'DELIVERED';
    default:
      // unknown, pre_transit (a label, not a parcel), return_to_sender, failure, cancelled, error
      return null;
  }
}

/** Reads an EasyPost Event. Only `tracker.*` events carry tracking; others are answered and left. */
export function readEasyPostEvent(body: unknown): ReadCarrierWebhook {
  const event = objectOf(body);
  if (event?.object !== 'Event')
    return { kind: 'malformed', reason: 'not an EasyPost Event object' };
  const description = typeof event.description === 'string' ? event.description : '';
  const tracker = objectOf(event.result);
  if (!description.startsWith('tracker.') || tracker?.object !== 'Tracker')
    return {
      kind: 'other',
      reason: `event ${description.slice(0, 60) || '(none)'} carries no tracker`,
    };
  const trackingNumber = trackingNumberOf(tracker.tracking_code);
  if (!trackingNumber) return { kind: 'malformed', reason: 'the tracker has no tracking_code' };
  if (!Array.isArray(tracker.tracking_details))
    return { kind: 'malformed', reason: 'the tracker has no tracking_details list' };

  const signedBy = signerName(tracker.signed_by);
  // The weight the carrier measured, in ounces (R7 compares it with the estimate).
  const weight = tracker.weight;
  const actualWeightGrams =
    typeof weight === 'number' && Number.isFinite(weight) && weight > 0
      ? Math.round(weight * GRAMS_PER_OUNCE)
      : null;
  const report = new ReportBuilder();
  for (const entry of tracker.tracking_details) {
    const detail = objectOf(entry);
    const status = stringOf(detail?.status);
    const statusDetail = stringOf(detail?.status_detail);
    report.checkpoint(
      `${status}/${statusDetail}`,
      easyPostEventType(status, statusDetail),
      parseCarrierTime(detail?.datetime),
      'datetime',
      { signedBy, actualWeightGrams },
    );
  }
  return { kind: 'report', report: report.build(trackingNumber) };
}
