import { describe, expect, it } from 'vitest';
import { easyPostTrackerEvent } from '../../test-support/carrier-fixtures.js';
import { easyPostEventType, readEasyPostEvent } from './read-easypost-event.js';

const HISTORY = [
  { status: 'pre_transit', status_detail: 'label_created', datetime: '2026-11-01T09:00:00Z' },
  { status: 'in_transit', status_detail: 'arrived_at_facility', datetime: '2026-11-01T18:30:00Z' },
  { status: 'in_transit', status_detail: 'departed_facility', datetime: '2026-11-02T02:10:00Z' },
  {
    status: 'out_for_delivery',
    status_detail: 'out_for_delivery',
    datetime: '2026-11-03T07:45:00Z',
  },
  {
    status: 'available_for_pickup',
    status_detail: 'arrived_at_pickup_location',
    datetime: '2026-11-03T15:00:00-06:00',
  },
  {
    status: 'delivered',
    status_detail: 'arrived_at_destination',
    datetime: '2026-11-05T11:20:00Z',
  },
];

function read(body: unknown) {
  const result = readEasyPostEvent(body);
  if (result.kind !== 'report') throw new Error(`expected a report, got ${JSON.stringify(result)}`);
  return result.report;
}

describe('easyPostEventType', () => {
  it.each([
    ['in_transit', 'arrived_at_facility', 'SHIPPED'],
    ['in_transit', 'transit_exception', 'SHIPPED'],
    ['out_for_delivery', 'out_for_delivery', 'SHIPPED'],
    ['available_for_pickup', 'arrived_at_pickup_location', 'ARRIVED_AT_DESTINATION'],
    ['delivered', 'arrived_at_destination', 'DELIVERED'],
    ['failure', 'lost', 'LOST'],
    ['in_transit', 'lost', 'LOST'],
    ['failure', 'damaged', null],
    ['failure', 'delivery_exception', null],
    ['return_to_sender', 'return', null],
    ['pre_transit', 'label_created', null],
    ['unknown', 'unknown', null],
    ['cancelled', 'cancelled', null],
    ['error', 'status_update', null],
  ])('R16 maps %s/%s to %s (only the lost detail is a loss)', (status, detail, type) => {
    expect(easyPostEventType(status, detail)).toBe(type);
  });
});

describe('readEasyPostEvent', () => {
  it('reads in transit, out for delivery, available for pickup and delivered with the carrier times and the signer (R12, R14, R15)', () => {
    const report = read(
      easyPostTrackerEvent('EZ1000000001', HISTORY, { signed_by: '  J. Doe ', weight: 35.3 }),
    );
    expect(report.trackingNumber).toBe('EZ1000000001');
    expect(report.events).toEqual([
      { type: 'SHIPPED', occurredAt: new Date('2026-11-01T18:30:00Z') },
      { type: 'SHIPPED', occurredAt: new Date('2026-11-02T02:10:00Z') },
      { type: 'SHIPPED', occurredAt: new Date('2026-11-03T07:45:00Z') },
      // The scan's own zone is kept: 15:00 at -06:00 is 21:00 UTC.
      { type: 'ARRIVED_AT_DESTINATION', occurredAt: new Date('2026-11-03T21:00:00Z') },
      {
        type: 'DELIVERED',
        occurredAt: new Date('2026-11-05T11:20:00Z'),
        signedBy: 'J. Doe',
        // 35.3 oz as the carrier weighed it (R7).
        actualWeightGrams: 1001,
      },
    ]);
    expect(report.ignored).toEqual([
      { status: 'pre_transit/label_created', reason: 'no meaning for the terms' },
    ]);
  });

  it('reads a delivery without signature as a DELIVERED event without signer (R12 NO_SIGNATURE)', () => {
    const report = read(easyPostTrackerEvent('EZ1000000002', HISTORY.slice(-1)));
    expect(report.events).toEqual([
      { type: 'DELIVERED', occurredAt: new Date('2026-11-05T11:20:00Z') },
    ]);
  });

  it('R16 reads failure/lost as LOST and leaves a mere exception out', () => {
    const report = read(
      easyPostTrackerEvent('EZ1000000003', [
        HISTORY[1] as (typeof HISTORY)[number],
        {
          status: 'failure',
          status_detail: 'delivery_exception',
          datetime: '2026-11-04T10:00:00Z',
        },
        { status: 'failure', status_detail: 'lost', datetime: '2026-11-20T10:00:00Z' },
      ]),
    );
    expect(report.events.map((e) => e.type)).toEqual(['SHIPPED', 'LOST']);
    expect(report.events[1]?.occurredAt).toEqual(new Date('2026-11-20T10:00:00Z'));
    expect(report.ignored).toEqual([
      { status: 'failure/delivery_exception', reason: 'no meaning for the terms' },
    ]);
  });

  it('keeps one event per type and time when the carrier repeats a scan', () => {
    const report = read(
      easyPostTrackerEvent('EZ1000000004', [HISTORY[1], HISTORY[1]] as typeof HISTORY),
    );
    expect(report.events).toHaveLength(1);
  });

  it('leaves out a detail whose datetime is unreadable', () => {
    const report = read(
      easyPostTrackerEvent('EZ1000000005', [
        { status: 'in_transit', status_detail: 'in_transit', datetime: 'yesterday' },
      ]),
    );
    expect(report.events).toEqual([]);
    expect(report.ignored[0]?.reason).toBe('no readable datetime');
  });

  it('answers events that carry no tracker as other, and garbage as malformed', () => {
    expect(
      readEasyPostEvent(easyPostTrackerEvent('EZ1', [], { description: 'batch.updated' })).kind,
    ).toBe('other');
    expect(
      readEasyPostEvent({ object: 'Event', description: 'shipment.invoice.created', result: {} })
        .kind,
    ).toBe('other');
    expect(readEasyPostEvent([1, 2]).kind).toBe('malformed');
    expect(readEasyPostEvent({ object: 'Tracker' }).kind).toBe('malformed');
    const noCode = easyPostTrackerEvent('EZ1', []);
    (noCode.result as Record<string, unknown>).tracking_code = '';
    expect(readEasyPostEvent(noCode).kind).toBe('malformed');
  });
});
