import { describe, expect, it } from 'vitest';
import { afterShipTrackingUpdate } from '../../test-support/carrier-fixtures.js';
import { afterShipEventType, readAfterShipWebhook } from './read-aftership-webhook.js';

const HISTORY = [
  { tag: 'InfoReceived', subtag: 'InfoReceived_001', checkpoint_time: '2026-11-01T08:00:00+08:00' },
  { tag: 'InTransit', subtag: 'InTransit_002', checkpoint_time: '2026-11-01T20:15:00+08:00' },
  { tag: 'InTransit', subtag: 'InTransit_007', checkpoint_time: '2026-11-02T06:00:00-05:00' },
  {
    tag: 'OutForDelivery',
    subtag: 'OutForDelivery_001',
    checkpoint_time: '2026-11-03T08:00:00-05:00',
  },
  {
    tag: 'AvailableForPickup',
    subtag: 'AvailableForPickup_001',
    checkpoint_time: '2026-11-03T16:30:00-05:00',
  },
  { tag: 'Delivered', subtag: 'Delivered_002', checkpoint_time: '2026-11-04T12:00:00-05:00' },
];

function read(body: unknown) {
  const result = readAfterShipWebhook(body);
  if (result.kind !== 'report') throw new Error(`expected a report, got ${JSON.stringify(result)}`);
  return result.report;
}

describe('afterShipEventType', () => {
  it.each([
    ['InTransit', 'InTransit_001', 'SHIPPED'],
    ['OutForDelivery', 'OutForDelivery_003', 'SHIPPED'],
    ['AttemptFail', 'AttemptFail_001', 'SHIPPED'],
    ['AvailableForPickup', 'AvailableForPickup_001', 'ARRIVED_AT_DESTINATION'],
    ['Delivered', 'Delivered_001', 'DELIVERED'],
    ['Delivered', 'Delivered_003', 'DELIVERED'],
    ['Exception', 'Exception_013', 'LOST'],
    ['Exception', 'Exception_001', null],
    ['Exception', 'Exception_008', null],
    ['Exception', 'Exception_011', null],
    ['Exception', 'Exception_012', null],
    ['InfoReceived', 'InfoReceived_001', null],
    ['Pending', 'Pending_001', null],
    ['Expired', 'Expired_001', null],
  ])('R16 maps %s/%s to %s (only Exception_013, shipment lost, is a loss)', (tag, subtag, type) => {
    expect(afterShipEventType(tag, subtag)).toBe(type);
  });
});

describe('readAfterShipWebhook', () => {
  it('reads in transit, out for delivery, available for pickup and delivered with the checkpoint times and the signer (R12, R14, R15)', () => {
    const report = read(
      afterShipTrackingUpdate('1Z999AA10123456784', HISTORY, { signed_by: 'R. Roe' }),
    );
    expect(report.trackingNumber).toBe('1Z999AA10123456784');
    expect(report.events).toEqual([
      { type: 'SHIPPED', occurredAt: new Date('2026-11-01T12:15:00Z') },
      { type: 'SHIPPED', occurredAt: new Date('2026-11-02T11:00:00Z') },
      { type: 'SHIPPED', occurredAt: new Date('2026-11-03T13:00:00Z') },
      { type: 'ARRIVED_AT_DESTINATION', occurredAt: new Date('2026-11-03T21:30:00Z') },
      { type: 'DELIVERED', occurredAt: new Date('2026-11-04T17:00:00Z'), signedBy: 'R. Roe' },
    ]);
    expect(report.ignored).toEqual([
      { status: 'InfoReceived_001', reason: 'no meaning for the terms' },
    ]);
  });

  it('R16 reads Exception_013 as LOST and leaves other exceptions out', () => {
    const report = read(
      afterShipTrackingUpdate('LOST-1', [
        HISTORY[1] as (typeof HISTORY)[number],
        { tag: 'Exception', subtag: 'Exception_005', checkpoint_time: '2026-11-05T10:00:00Z' },
        { tag: 'Exception', subtag: 'Exception_013', checkpoint_time: '2026-11-25T10:00:00Z' },
      ]),
    );
    expect(report.events.map((e) => e.type)).toEqual(['SHIPPED', 'LOST']);
    expect(report.ignored).toEqual([
      { status: 'Exception_005', reason: 'no meaning for the terms' },
    ]);
  });

  it('reads a checkpoint time without offset as UTC, never later than AfterShip recorded it', () => {
    const report = read(
      afterShipTrackingUpdate('NAIVE-1', [
        {
          tag: 'InTransit',
          subtag: 'InTransit_001',
          checkpoint_time: '2026-11-01T10:00:00',
          created_at: '2026-11-01T12:00:00+00:00',
        },
        // Local 22:00 somewhere east of UTC, recorded by AfterShip at 15:05 UTC.
        {
          tag: 'Delivered',
          subtag: 'Delivered_001',
          checkpoint_time: '2026-11-02T22:00:00',
          created_at: '2026-11-02T15:05:00Z',
        },
        {
          tag: 'AvailableForPickup',
          subtag: 'AvailableForPickup_001',
          checkpoint_time: '2026-11-02',
        },
      ]),
    );
    expect(report.events).toEqual([
      { type: 'SHIPPED', occurredAt: new Date('2026-11-01T10:00:00Z') },
      { type: 'DELIVERED', occurredAt: new Date('2026-11-02T15:05:00Z') },
      { type: 'ARRIVED_AT_DESTINATION', occurredAt: new Date('2026-11-02T00:00:00Z') },
    ]);
  });

  it('answers other events as other, and garbage as malformed', () => {
    expect(
      readAfterShipWebhook(afterShipTrackingUpdate('X', [], { event: 'edd_revise' })).kind,
    ).toBe('other');
    expect(readAfterShipWebhook({ msg: {} }).kind).toBe('malformed');
    expect(
      readAfterShipWebhook({ event: 'tracking_update', msg: { tracking_number: ' ' } }).kind,
    ).toBe('malformed');
    expect(
      readAfterShipWebhook({
        event: 'tracking_update',
        msg: { tracking_number: 'A', checkpoints: {} },
      }).kind,
    ).toBe('malformed');
  });
});
