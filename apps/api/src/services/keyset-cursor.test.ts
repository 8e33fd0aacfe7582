import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadCursor, decodeCursor, encodeCursor } from './keyset-cursor.js';

const ID = '0b7c9a6e-3f1d-4c55-9a1e-2d4f6b8c0e12';

/** A cursor with any JSON in it, as a client could forge one. */
const forged = (value: unknown) => forgedText(JSON.stringify(value));
/** The cursor's JSON as written, digits a JS number could not hold included. */
const forgedText = (json: string) => Buffer.from(json).toString('base64url');

const FIRST = Date.parse('0001-01-01T00:00:00.000Z');
const LAST = Date.parse('9999-12-31T23:59:59.999Z');

describe('decodeCursor', () => {
  it('reads back every cursor it issued, for any instant of years 1 to 9999', () => {
    const dates = fc.date({ min: new Date(FIRST), max: new Date(LAST), noInvalidDate: true });
    fc.assert(
      fc.property(fc.option(dates), fc.uuid(), (date, id) => {
        const key = date === null ? null : date.getTime();
        expect(decodeCursor(encodeCursor(key, id))).toEqual({ key, id });
      }),
    );
  });

  it.each([
    ['a key no Date can hold (12345678901234567890)', forgedText(`[12345678901234567890,"${ID}"]`)],
    ['a key past the last Date', forged([8.64e15 + 1, ID])],
    [
      'a key a Date holds but PostgreSQL does not parse back (year -271821)',
      forged([-8.64e15, ID]),
    ],
    ['a key one millisecond after year 9999', forged([LAST + 1, ID])],
    ['a key one millisecond before year 1', forged([FIRST - 1, ID])],
    ['a fractional key', forged([1.5, ID])],
    ['a key written as a string', forged(['1700000000000', ID])],
    ['an id that is no UUID', forged([0, 'x'])],
    ['a third element', forged([0, ID, 1])],
    ['an object', forged({ key: 0, id: ID })],
    ['no JSON at all', 'not-a-cursor'],
    ['the empty string', ''],
  ])('refuses %s as BadCursor', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(BadCursor);
  });

  it('accepts the first and last millisecond of years 1 to 9999', () => {
    expect(decodeCursor(forged([FIRST, ID]))).toEqual({ key: FIRST, id: ID });
    expect(decodeCursor(forged([LAST, ID]))).toEqual({ key: LAST, id: ID });
  });

  it('never throws anything but BadCursor, whatever the string', () => {
    const anyJson = fc.jsonValue().map((value) => forged(value));
    const pairs = fc
      .tuple(
        fc.oneof(fc.double(), fc.integer(), fc.bigInt().map(Number), fc.constant(null)),
        fc.oneof(fc.uuid(), fc.string()),
      )
      .map((pair) => forged(pair));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.base64String(), anyJson, pairs), (cursor) => {
        try {
          const { key } = decodeCursor(cursor);
          // What it lets through makes a valid Date: the listings pass it to SQL as one.
          if (key !== null) expect(new Date(key).toISOString()).toBeTypeOf('string');
        } catch (error) {
          expect(error).toBeInstanceOf(BadCursor);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
