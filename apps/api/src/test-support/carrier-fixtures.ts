// Webhook bodies in each tracking service's documented format, and their signatures computed
// here from the providers' documented schemes (not with the code under test):
// - EasyPost: an `Event` whose `result` is a `Tracker`; `X-Hmac-Signature:
//   hmac-sha256-hex=<hex HMAC-SHA256 of the raw body, keyed by the NFKD form of the secret>`.
// - AfterShip Tracking: `{ event: "tracking_update", event_id, is_tracking_first_tag, msg, ts }`
//   with the tracking in `msg`; `aftership-hmac-sha256: <base64 HMAC-SHA256 of the raw body>`.
import { createHmac, randomUUID } from 'node:crypto';

export interface EasyPostDetail {
  status: string;
  status_detail: string;
  datetime: string;
  message?: string;
}

const LOCATIONS = [
  { city: 'SAN FRANCISCO', state: 'CA', country: 'US', zip: '94107' },
  { city: 'SPRINGFIELD', state: 'IL', country: 'US', zip: '62701' },
];

/** An EasyPost `tracker.updated` Event whose tracker carries `details` (its whole history). */
export function easyPostTrackerEvent(
  trackingCode: string,
  details: readonly EasyPostDetail[],
  tracker: { signed_by?: string | null; weight?: number | null; description?: string } = {},
): Record<string, unknown> {
  const last = details.at(-1);
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return {
    id: `evt_${randomUUID().replaceAll('-', '')}`,
    object: 'Event',
    mode: 'test',
    description: tracker.description ?? 'tracker.updated',
    previous_attributes: { status: details.at(-2)?.status ?? 'unknown' },
    created_at: now,
    updated_at: now,
    pending_urls: ['https://shop.example/easypost'],
    completed_urls: [],
    user_id: 'user_060ab38db3c04ffaa60f262e5781a9be',
    status: 'pending',
    result: {
      id: `trk_${randomUUID().replaceAll('-', '')}`,
      object: 'Tracker',
      mode: 'test',
      tracking_code: trackingCode,
      status: last?.status ?? 'unknown',
      status_detail: last?.status_detail ?? 'unknown',
      created_at: now,
      updated_at: now,
      signed_by: tracker.signed_by ?? null,
      weight: tracker.weight ?? null,
      est_delivery_date: null,
      shipment_id: null,
      carrier: 'USPS',
      tracking_details: details.map((detail, i) => ({
        object: 'TrackingDetail',
        message: detail.message ?? detail.status.replaceAll('_', ' '),
        description: '',
        status: detail.status,
        status_detail: detail.status_detail,
        datetime: detail.datetime,
        source: 'USPS',
        carrier_code: '',
        tracking_location: { object: 'TrackingLocation', ...LOCATIONS[i % LOCATIONS.length] },
      })),
      carrier_detail: {
        object: 'CarrierDetail',
        service: 'First-Class Package Service',
        container_type: null,
        est_delivery_date_local: null,
        est_delivery_time_local: null,
      },
      finalized: last?.status === 'delivered',
      is_return: false,
      public_url: `https://track.easypost.com/${trackingCode}`,
      fees: [],
    },
  };
}

export interface AfterShipCheckpoint {
  tag: string;
  subtag: string;
  checkpoint_time: string;
  created_at?: string;
  message?: string;
}

/** An AfterShip `tracking_update` webhook whose tracking carries `checkpoints`. */
export function afterShipTrackingUpdate(
  trackingNumber: string,
  checkpoints: readonly AfterShipCheckpoint[],
  tracking: { signed_by?: string | null; event?: string } = {},
): Record<string, unknown> {
  const last = checkpoints.at(-1);
  const now = new Date().toISOString();
  return {
    event: tracking.event ?? 'tracking_update',
    event_id: randomUUID(),
    is_tracking_first_tag: false,
    msg: {
      id: randomUUID().replaceAll('-', '').slice(0, 24),
      tracking_number: trackingNumber,
      slug: 'usps',
      title: trackingNumber,
      active: last?.tag !== 'Delivered',
      tag: last?.tag ?? 'Pending',
      subtag: last?.subtag ?? 'Pending_001',
      subtag_message: last?.message ?? 'Pending',
      signed_by: tracking.signed_by ?? null,
      shipment_type: 'USPS First-Class Package',
      origin_country_iso3: 'USA',
      destination_country_iso3: 'USA',
      expected_delivery: null,
      order_id: null,
      custom_fields: null,
      created_at: now,
      updated_at: now,
      checkpoints: checkpoints.map((checkpoint, i) => ({
        slug: 'usps',
        city: LOCATIONS[i % LOCATIONS.length]?.city,
        created_at: checkpoint.created_at ?? now,
        location: `${LOCATIONS[i % LOCATIONS.length]?.city}, ${LOCATIONS[i % LOCATIONS.length]?.state}`,
        country_name: 'USA',
        message: checkpoint.message ?? checkpoint.subtag,
        country_iso3: 'USA',
        tag: checkpoint.tag,
        subtag: checkpoint.subtag,
        subtag_message: checkpoint.message ?? checkpoint.tag,
        checkpoint_time: checkpoint.checkpoint_time,
        coordinates: [],
        state: LOCATIONS[i % LOCATIONS.length]?.state,
        zip: LOCATIONS[i % LOCATIONS.length]?.zip,
        raw_tag: checkpoint.subtag,
      })),
    },
    ts: Math.floor(Date.now() / 1000),
  };
}

/** EasyPost's X-Hmac-Signature value for `raw`. */
export function easyPostSignature(raw: string | Buffer, secret: string): string {
  const key = Buffer.from(secret.normalize('NFKD'), 'utf8');
  return `hmac-sha256-hex=${createHmac('sha256', key).update(raw).digest('hex')}`;
}

/** AfterShip's aftership-hmac-sha256 value for `raw`. */
export function afterShipSignature(raw: string | Buffer, secret: string): string {
  return createHmac('sha256', secret).update(raw).digest('base64');
}
