import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BadCursor,
  BadPageRequest,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  readPageArguments,
  toPage,
  unseenNeighbours,
} from './keyset-cursor.js';

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

describe('readPageArguments', () => {
  const cursor = encodeCursor(0, ID);

  it('reads no arguments as the first 20, forward', () => {
    expect(readPageArguments({})).toEqual({
      size: DEFAULT_PAGE_SIZE,
      backward: false,
      after: null,
      before: null,
    });
  });

  it('reads last/before as a backward page and decodes both cursors', () => {
    expect(readPageArguments({ last: 5, before: cursor, after: cursor })).toEqual({
      size: 5,
      backward: true,
      after: { key: 0, id: ID },
      before: { key: 0, id: ID },
    });
  });

  it.each([
    [{ first: 1, last: 1 }, 'first and last cannot be used together'],
    [{ first: 0 }, 'first must be 1 to 100'],
    [{ last: 101 }, 'last must be 1 to 100'],
    [{ last: 1.5 }, 'last must be 1 to 100'],
    [{ before: 'x' }, 'before is not a cursor this API issued'],
    [{ after: 'x' }, 'after is not a cursor this API issued'],
  ])('refuses %j: "%s"', (args, message) => {
    expect(() => readPageArguments(args)).toThrow(BadPageRequest);
    expect(() => readPageArguments(args)).toThrow(message);
  });
});

describe('toPage', () => {
  const rows = ['a', 'b', 'c'];
  const page = (backward: boolean, after: boolean, before: boolean) => ({
    size: 2,
    backward,
    after: after ? { key: 0, id: ID } : null,
    before: before ? { key: 0, id: ID } : null,
  });
  const count = async () => 3;

  it('keeps `size` rows; the extra one says more lie the way the scan went', () => {
    const forward = toPage(
      rows,
      page(false, false, false),
      String,
      unseenNeighbours(page(false, false, false), true),
      count,
    );
    expect(forward.edges.map((e) => e.node)).toEqual(['a', 'b']);
    expect(forward.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    // A backward scan reads the rows nearest the end first; the page is in the listing's order.
    const backward = toPage(
      rows,
      page(true, false, false),
      String,
      { previous: false, next: false },
      count,
    );
    expect(backward.edges.map((e) => e.node)).toEqual(['b', 'a']);
    expect(backward.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('asks for a probe only where a cursor bounds the side the scan did not see', () => {
    expect(unseenNeighbours(page(false, false, false), false)).toEqual({
      previous: false,
      next: false,
    });
    expect(unseenNeighbours(page(false, true, true), false)).toEqual({
      previous: true,
      next: true,
    });
    expect(unseenNeighbours(page(false, true, true), true)).toEqual({
      previous: true,
      next: false,
    });
    expect(unseenNeighbours(page(true, true, true), true)).toEqual({ previous: false, next: true });
  });

  it('counts once however often totalCount is asked', async () => {
    let counted = 0;
    const result = toPage(
      rows,
      page(false, false, false),
      String,
      { previous: false, next: false },
      async () => {
        counted += 1;
        return 3;
      },
    );
    await Promise.all([result.count(), result.count()]);
    expect(counted).toBe(1);
  });
});
