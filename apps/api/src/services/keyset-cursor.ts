// Opaque cursors for keyset pagination: the sort key and id of the last row of a page,
// base64url JSON. A cursor that is not one we issued is a client error, never a 500.
import { isUuid } from './uuid.js';

/** Connections take `first` 1..100: a page is one bounded range scan. */
export const MAX_PAGE_SIZE = 100;
/** A connection asked without `first` returns this many. */
export const DEFAULT_PAGE_SIZE = 20;

export class BadCursor extends Error {
  constructor() {
    super('after is not a cursor this API issued');
  }
}

/** A Relay page of nodes, as the connections return it. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

/**
 * The instants a cursor's key may name: years 1 to 9999, what ISO 8601 writes with four digits.
 * Every timestamp the API stores is inside it, and PostgreSQL parses each one back (a JS Date
 * reaches year -271821, which `toISOString` writes as no `timestamptz` PostgreSQL accepts).
 */
const MIN_KEY = Date.parse('0001-01-01T00:00:00.000Z');
const MAX_KEY = Date.parse('9999-12-31T23:59:59.999Z');

/** `key` is a timestamp in ms, or null where the sort key is absent. */
export function encodeCursor(key: number | null, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

/**
 * The key and id of a cursor this API issued. Anything else, including a key no stored
 * timestamp can have (12345678901234567890 is no Date), throws BadCursor, so callers may hand
 * the key to `new Date(...).toISOString()` and to SQL without another check.
 */
export function decodeCursor(cursor: string): { key: number | null; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new BadCursor();
  const [key, id] = parsed as [unknown, unknown];
  const keyOk =
    key === null ||
    (typeof key === 'number' && Number.isSafeInteger(key) && key >= MIN_KEY && key <= MAX_KEY);
  if (!keyOk || typeof id !== 'string' || !isUuid(id)) throw new BadCursor();
  return { key, id };
}

/**
 * A page of `nodes`. Callers fetch `first + 1` rows: the extra row only says there is a next
 * page.
 */
export function toPage<T>(
  nodes: T[],
  hasNextPage: boolean,
  after: string | null | undefined,
  cursorOf: (node: T) => string,
): Page<T> {
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export function emptyPage<T>(): Page<T> {
  return toPage<T>([], false, null, () => '');
}
