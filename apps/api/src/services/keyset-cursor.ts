// Opaque cursors for keyset pagination: the sort key and id of the last row of a page,
// base64url JSON. A cursor that is not one we issued is a client error, never a 500.
import { isUuid } from './uuid.js';

/** Connections take `first` 1..100: a page is one bounded range scan. */
export const MAX_PAGE_SIZE = 100;

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

/** `key` is a timestamp in ms, or null where the sort key is absent. */
export function encodeCursor(key: number | null, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { key: number | null; id: string } {
  try {
    const [key, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    const keyOk = key === null || (typeof key === 'number' && Number.isFinite(key));
    if (keyOk && typeof id === 'string' && isUuid(id)) return { key: key as number | null, id };
  } catch {
    // reported below
  }
  throw new BadCursor();
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
