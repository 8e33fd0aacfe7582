// An AfterShip tracking webhook (`tracking_update`, the tracking in `msg`) as package events.
// The mapping, one checkpoint at a time, is the table in apps/api/README.md ("Carrier feeds").
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

/** AfterShip's subtag for "Shipment lost": the only exception that reports a loss (R16). */
const LOST_SUBTAG = 'Exception_013';

/**
 * The package event one AfterShip checkpoint means, or null when it means nothing for the
 * terms. Exceptions other than Exception_013 (customer moved, refused, delayed, returned,
 * damaged...) leave the package where it was.
 */
export function afterShipEventType(tag: string, subtag: string): PackageEventType | null {
  if (subtag === LOST_SUBTAG) return 'LOST';
  switch (tag) {
    case 'InTransit':
    case 'OutForDelivery':
    case 'AttemptFail':
      return 'SHIPPED';
    case 'AvailableForPickup':
      return 'ARRIVED_AT_DESTINATION';
    case 'Delivered':
      return 'DELIVERED';
    default:
      // Pending, InfoReceived (a label, not a parcel), Expired, other Exceptions
      return null;
  }
}

/** Reads an AfterShip webhook body. Events other than `tracking_update` are answered and left. */
export function readAfterShipWebhook(body: unknown): ReadCarrierWebhook {
  const webhook = objectOf(body);
  if (!webhook || typeof webhook.event !== 'string')
    return { kind: 'malformed', reason: 'not an AfterShip webhook (no event)' };
  if (webhook.event !== 'tracking_update')
    return { kind: 'other', reason: `event ${webhook.event.slice(0, 60)} carries no checkpoint` };
  const tracking = objectOf(webhook.msg);
  if (!tracking) return { kind: 'malformed', reason: 'the webhook has no msg' };
  const trackingNumber = trackingNumberOf(tracking.tracking_number);
  if (!trackingNumber) return { kind: 'malformed', reason: 'msg has no tracking_number' };
  const checkpoints = tracking.checkpoints ?? [];
  if (!Array.isArray(checkpoints))
    return { kind: 'malformed', reason: 'msg.checkpoints is not a list' };

  const signedBy = signerName(tracking.signed_by);
  const report = new ReportBuilder();
  for (const entry of checkpoints) {
    const checkpoint = objectOf(entry);
    const tag = stringOf(checkpoint?.tag);
    const subtag = stringOf(checkpoint?.subtag);
    // checkpoint_time is in the scan's own zone, sometimes without an offset: then it is
    // bounded by created_at, when AfterShip recorded it (always with its zone).
    const occurredAt = parseCarrierTime(
      checkpoint?.checkpoint_time,
      parseCarrierTime(checkpoint?.created_at),
    );
    report.checkpoint(
      subtag || tag,
      afterShipEventType(tag, subtag),
      occurredAt,
      'checkpoint_time',
      {
        signedBy,
      },
    );
  }
  return { kind: 'report', report: report.build(trackingNumber) };
}
