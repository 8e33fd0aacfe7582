// The SQL side of keyset pages: a listing's order as (sort key, id), and the row comparisons
// that bound a page by its cursors, so a page is one range scan of the listing's index in
// either direction, however deep.
import type { Database } from '@lg/db/client';
import { type AnyColumn, and, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import {
  type CursorKey,
  MAX_TOTAL_COUNT,
  type PageRequest,
  type PageSource,
} from './keyset-cursor.js';

/** A listing's order: `key` (as its index holds it), then `id`, ascending or descending. */
export interface KeysetOrder {
  key: SQL | AnyColumn;
  id: AnyColumn;
  descending: boolean;
  /** A cursor's key as SQL (a cursor's null key is where rows without one sort). */
  keyOf(key: number | null): SQL;
}

/** Where rows lie from a cursor, in the listing's order. */
type Relation = 'after' | 'before' | 'atOrAfter' | 'atOrBefore';

const ASCENDING: Record<Relation, string> = {
  after: '>',
  before: '<',
  atOrAfter: '>=',
  atOrBefore: '<=',
};
const DESCENDING: Record<Relation, string> = {
  after: '<',
  before: '>',
  atOrAfter: '<=',
  atOrBefore: '>=',
};

/** The rows that lie `relation` the cursor: one row comparison on (key, id). */
function relativeTo(order: KeysetOrder, cursor: CursorKey, relation: Relation): SQL {
  const operator = (order.descending ? DESCENDING : ASCENDING)[relation];
  return sql`(${order.key}, ${order.id}) ${sql.raw(operator)} (${order.keyOf(cursor.key)}, ${cursor.id}::uuid)`;
}

/** The bounds a page's cursors put on the rows: strictly after `after`, before `before`. */
export function pageWindow(order: KeysetOrder, request: PageRequest): SQL[] {
  const bounds: SQL[] = [];
  if (request.after) bounds.push(relativeTo(order, request.after, 'after'));
  if (request.before) bounds.push(relativeTo(order, request.before, 'before'));
  return bounds;
}

/** The probe for a side of the page its scan did not see (see unseenNeighbours). */
export function beyondWindow(
  order: KeysetOrder,
  request: PageRequest,
  side: 'previous' | 'next',
): SQL {
  const cursor = side === 'previous' ? request.after : request.before;
  if (!cursor) throw new Error(`no cursor bounds the ${side} side of this page`);
  return relativeTo(order, cursor, side === 'previous' ? 'atOrBefore' : 'atOrAfter');
}

/** ORDER BY for the scan: the listing's order, reversed for `last`. */
export function scanOrder(order: KeysetOrder, request: PageRequest): SQL[] {
  const descending = order.descending !== request.backward;
  const direction = sql.raw(descending ? 'desc' : 'asc');
  return [sql`${order.key} ${direction}`, sql`${order.id} ${direction}`];
}

/** A timestamp key as SQL; every key a cursor holds is a valid instant (decodeCursor). */
export function timestampKey(key: number): SQL {
  return sql`${new Date(key).toISOString()}::timestamptz`;
}

/**
 * How many rows `rows` (a SELECT without LIMIT: the listing's filter and scope, no cursors)
 * returns, counting MAX_TOTAL_COUNT at most: the count reads no more of the index than that.
 */
export async function countUpTo(db: Database, rows: SQLWrapper): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(sql`(${rows} limit ${sql.raw(String(MAX_TOTAL_COUNT))}) as listed`);
  return row?.count ?? 0;
}

/**
 * What a listing of one table's rows reads for a page (see readPage): `where` is its filter
 * and the viewer's scope, which the scan, the neighbour probes and the count all share; only
 * the scan adds the page's cursors.
 */
export function tablePageSource<TTable extends PgTable>(
  db: Database,
  table: TTable,
  order: KeysetOrder,
  where: readonly (SQL | undefined)[],
  request: PageRequest,
): PageSource<TTable['$inferSelect']> {
  return {
    scan: (limit) =>
      db
        .select()
        .from(table as PgTable)
        .where(and(...where, ...pageWindow(order, request)))
        .orderBy(...scanOrder(order, request))
        .limit(limit) as Promise<TTable['$inferSelect'][]>,
    exists: async (side) => {
      const found = await db
        .select({ one: sql`1` })
        .from(table as PgTable)
        .where(and(...where, beyondWindow(order, request, side)))
        .limit(1);
      return found.length > 0;
    },
    count: () =>
      countUpTo(
        db,
        db
          .select({ one: sql`1` })
          .from(table as PgTable)
          .where(and(...where)),
      ),
  };
}
