// Opaque cursors for keyset pagination: the sort key and id of a row, base64url JSON, read
// both ways (`first`/`after` forward, `last`/`before` backward). A cursor that is not one we
// issued, or page arguments that contradict each other, are a client error, never a 500.
import { isUuid } from './uuid.js';

/** Connections take `first` or `last` 1..100: a page is one bounded range scan. */
export const MAX_PAGE_SIZE = 100;
/** A connection asked without `first` or `last` returns this many. */
export const DEFAULT_PAGE_SIZE = 20;
/**
 * `totalCount` counts this many rows at most: a count is a scan of the listing's index, so it
 * stops where a page of 100 would have to be read 100 times over.
 */
export const MAX_TOTAL_COUNT = 10_000;

/** Page arguments the API refuses; the message names the argument and what it takes. */
export class BadPageRequest extends Error {}

export class BadCursor extends BadPageRequest {
  constructor(argument: 'after' | 'before' = 'after') {
    super(`${argument} is not a cursor this API issued`);
  }
}

/** What a cursor names: the row's sort key (ms, or null where it has none) and its id. */
export interface CursorKey {
  key: number | null;
  id: string;
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
  /**
   * How many rows the connection holds whatever the page (its filter and the viewer's scope
   * apply, its cursors do not), up to MAX_TOTAL_COUNT. Read only when asked for, once.
   */
  count(): Promise<number>;
}

/** The Relay arguments of a connection field, as GraphQL hands them over. */
export interface PageArguments {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

/** Which rows a page is: at most `size` of those between `after` and `before`. */
export interface PageRequest {
  size: number;
  /**
   * `last`: the rows nearest `before` (or the end of the listing), read in reverse and
   * returned in the listing's order; otherwise the rows nearest `after` (or its start).
   */
  backward: boolean;
  after: CursorKey | null;
  before: CursorKey | null;
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
export function decodeCursor(cursor: string, argument: 'after' | 'before' = 'after'): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursor(argument);
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new BadCursor(argument);
  const [key, id] = parsed as [unknown, unknown];
  const keyOk =
    key === null ||
    (typeof key === 'number' && Number.isSafeInteger(key) && key >= MIN_KEY && key <= MAX_KEY);
  if (!keyOk || typeof id !== 'string' || !isUuid(id)) throw new BadCursor(argument);
  return { key, id };
}

function pageSize(argument: 'first' | 'last', value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > MAX_PAGE_SIZE) {
    throw new BadPageRequest(`${argument} must be 1 to ${MAX_PAGE_SIZE}`);
  }
  return value;
}

/**
 * The page the Relay arguments ask for. `first` and `last` together are refused: Relay allows
 * them but the page they make (the last m of the first n) is one no client needs, and refusing
 * keeps every page one range scan. `after` and `before` may both bound either direction.
 * Throws BadPageRequest (BadCursor for a cursor this API did not issue).
 */
export function readPageArguments(args: PageArguments): PageRequest {
  const hasFirst = args.first !== undefined && args.first !== null;
  const hasLast = args.last !== undefined && args.last !== null;
  if (hasFirst && hasLast) {
    throw new BadPageRequest(
      'first and last cannot be used together: page forward with first/after, backward with last/before',
    );
  }
  const size = hasLast
    ? pageSize('last', args.last as number)
    : pageSize('first', args.first ?? DEFAULT_PAGE_SIZE);
  return {
    size,
    backward: hasLast,
    after: args.after ? decodeCursor(args.after, 'after') : null,
    before: args.before ? decodeCursor(args.before, 'before') : null,
  };
}

/** Whether rows lie before the page's first edge and after its last, in the listing's order. */
export interface Neighbours {
  previous: boolean;
  next: boolean;
}

/**
 * What the scan alone cannot tell about the page's neighbours. Reading `size + 1` rows tells
 * whether more lie the way the scan went; the other side is unknown only where a cursor bounds
 * the page: rows at or before `after` (hasPreviousPage), at or after `before` (hasNextPage).
 * With no cursor there, the page starts (or ends) the listing.
 */
export function unseenNeighbours(request: PageRequest, readMore: boolean): Neighbours {
  return {
    previous: request.after !== null && !(request.backward && readMore),
    next: request.before !== null && !(!request.backward && readMore),
  };
}

/**
 * The page from the rows a listing read in its scan order (reversed for `last`): at most
 * `size + 1`, the extra one only saying that more lie that way. `beyond` answers the sides
 * unseenNeighbours named (false for the others).
 */
export function toPage<T>(
  rows: readonly T[],
  request: PageRequest,
  cursorOf: (node: T) => string,
  beyond: Neighbours,
  count: () => Promise<number>,
): Page<T> {
  const readMore = rows.length > request.size;
  const nodes = rows.slice(0, request.size);
  if (request.backward) nodes.reverse();
  const edges = nodes.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasPreviousPage: (request.backward && readMore) || beyond.previous,
      hasNextPage: (!request.backward && readMore) || beyond.next,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    count: once(count),
  };
}

/** What a listing reads to make a page: its rows in scan order, its neighbours, its count. */
export interface PageSource<T> {
  /** At most `limit` rows between the request's cursors, in the request's scan order. */
  scan(limit: number): Promise<T[]>;
  /** Whether a row of the listing lies at or before `after` ('previous'), at or after `before`. */
  exists(side: keyof Neighbours): Promise<boolean>;
  count(): Promise<number>;
}

/** Reads a page: the scan, then the probes the scan could not answer (none without cursors). */
export async function readPage<T>(
  request: PageRequest,
  source: PageSource<T>,
  cursorOf: (node: T) => string,
): Promise<Page<T>> {
  const rows = await source.scan(request.size + 1);
  const unseen = unseenNeighbours(request, rows.length > request.size);
  const [previous, next] = await Promise.all([
    unseen.previous ? source.exists('previous') : false,
    unseen.next ? source.exists('next') : false,
  ]);
  return toPage(rows, request, cursorOf, { previous, next }, () => source.count());
}

export function emptyPage<T>(): Page<T> {
  return {
    edges: [],
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    count: async () => 0,
  };
}

/** `fn`, called at most once: aliases of `totalCount` on one connection share one count. */
function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => {
    result ??= fn();
    return result;
  };
}
