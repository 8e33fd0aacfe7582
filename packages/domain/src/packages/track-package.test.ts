import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PACKAGE_EVENT_TYPES, type PackageEventType } from './package-vocabulary.js';
import { type PackageEvent, trackPackage } from './track-package.js';

const at = (iso: string) => new Date(iso);

describe('trackPackage', () => {
  it('is REGISTERED with nothing known before any event', () => {
    expect(trackPackage([])).toEqual({
      status: 'REGISTERED',
      shippedAt: null,
      arrivedAt: null,
      deliveredAt: null,
      lostAt: null,
      signedBy: null,
      actualWeightGrams: null,
    });
  });

  it('follows the lifecycle to DELIVERED with each timestamp and the signature', () => {
    expect(
      trackPackage([
        { type: 'SHIPPED', occurredAt: at('2026-11-02T00:00:00Z') },
        { type: 'ARRIVED_AT_DESTINATION', occurredAt: at('2026-11-06T00:00:00Z') },
        {
          type: 'DELIVERED',
          occurredAt: at('2026-11-07T00:00:00Z'),
          signedBy: ' J. Doe ',
          actualWeightGrams: 950,
        },
      ]),
    ).toEqual({
      status: 'DELIVERED',
      shippedAt: at('2026-11-02T00:00:00Z'),
      arrivedAt: at('2026-11-06T00:00:00Z'),
      deliveredAt: at('2026-11-07T00:00:00Z'),
      lostAt: null,
      signedBy: 'J. Doe',
      actualWeightGrams: 950,
    });
  });

  it('takes the rank reached, not the last event received: a late SHIPPED does not undo delivery', () => {
    const tracking = trackPackage([
      { type: 'DELIVERED', occurredAt: at('2026-11-07T00:00:00Z') },
      { type: 'SHIPPED', occurredAt: at('2026-11-02T00:00:00Z') },
    ]);
    expect(tracking.status).toBe('DELIVERED');
    expect(tracking.shippedAt).toEqual(at('2026-11-02T00:00:00Z'));
  });

  it('is LOST when the carrier reports a loss', () => {
    expect(
      trackPackage([
        { type: 'SHIPPED', occurredAt: at('2026-11-02T00:00:00Z') },
        { type: 'LOST', occurredAt: at('2026-11-09T00:00:00Z') },
      ]),
    ).toMatchObject({ status: 'LOST', lostAt: at('2026-11-09T00:00:00Z') });
  });

  it('R16 counts a lost package that was found and delivered as DELIVERED', () => {
    expect(
      trackPackage([
        { type: 'LOST', occurredAt: at('2026-11-09T00:00:00Z') },
        { type: 'DELIVERED', occurredAt: at('2026-11-12T00:00:00Z') },
      ]).status,
    ).toBe('DELIVERED');
  });

  it('keeps the earliest time of a repeated event', () => {
    const tracking = trackPackage([
      { type: 'DELIVERED', occurredAt: at('2026-11-08T00:00:00Z') },
      { type: 'DELIVERED', occurredAt: at('2026-11-07T00:00:00Z') },
    ]);
    expect(tracking.deliveredAt).toEqual(at('2026-11-07T00:00:00Z'));
  });

  it('takes the signature from the earliest delivery report that has one', () => {
    const tracking = trackPackage([
      { type: 'DELIVERED', occurredAt: at('2026-11-09T00:00:00Z'), signedBy: 'Late' },
      { type: 'DELIVERED', occurredAt: at('2026-11-07T00:00:00Z'), signedBy: '' },
      { type: 'DELIVERED', occurredAt: at('2026-11-08T00:00:00Z'), signedBy: 'Early' },
    ]);
    expect(tracking.signedBy).toBe('Early');
    expect(tracking.deliveredAt).toEqual(at('2026-11-07T00:00:00Z'));
  });

  it('prefers the delivered weight, else uses a weight reported at another step', () => {
    expect(
      trackPackage([
        { type: 'SHIPPED', occurredAt: at('2026-11-02T00:00:00Z'), actualWeightGrams: 900 },
        { type: 'DELIVERED', occurredAt: at('2026-11-07T00:00:00Z'), actualWeightGrams: 880 },
      ]).actualWeightGrams,
    ).toBe(880);
    expect(
      trackPackage([
        { type: 'SHIPPED', occurredAt: at('2026-11-02T00:00:00Z'), actualWeightGrams: 900 },
        { type: 'DELIVERED', occurredAt: at('2026-11-07T00:00:00Z') },
      ]).actualWeightGrams,
    ).toBe(900);
  });

  it('throws on an unknown event type or an invalid date', () => {
    expect(() =>
      trackPackage([
        { type: 'EXPLODED' as PackageEventType, occurredAt: at('2026-11-02T00:00:00Z') },
      ]),
    ).toThrow(TypeError);
    expect(() => trackPackage([{ type: 'SHIPPED', occurredAt: at('not a date') }])).toThrow(
      TypeError,
    );
  });

  const event: fc.Arbitrary<PackageEvent> = fc.record({
    type: fc.constantFrom(...PACKAGE_EVENT_TYPES),
    // A small range so that equal timestamps (the hard case) happen often.
    occurredAt: fc.integer({ min: 0, max: 20 }).map((h) => new Date(Date.UTC(2026, 10, 1, h))),
    signedBy: fc.option(fc.constantFrom('Ann', 'Bob', '', ' '), { nil: undefined }),
    actualWeightGrams: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  });

  it('tracking is independent of event order', () => {
    fc.assert(
      fc.property(
        fc
          .array(event, { maxLength: 12 })
          .chain((events) =>
            fc.tuple(
              fc.constant(events),
              fc.shuffledSubarray(events, { minLength: events.length }),
            ),
          ),
        ([events, shuffled]) => {
          expect(trackPackage(shuffled)).toEqual(trackPackage(events));
        },
      ),
    );
  });

  it('tracking is unchanged by duplicated events', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 8 }), (events) => {
        expect(trackPackage([...events, ...events])).toEqual(trackPackage(events));
      }),
    );
  });
});
