// The claims connection: keyset pagination in the adjusters' order (decision due first,
// overdue at the top, claims still waiting for documents last), read forward (first/after) or
// backward (last/before), so page 1,000 costs what page 1 costs either way.

import type { ClaimRow } from '@lg/db';
import { claims, guarantees } from '@lg/db';
import type { Database } from '@lg/db/client';
import type { ClaimStatus, ClaimType } from '@lg/domain';
import { and, eq, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Viewer } from '../../auth/viewer.js';
import {
  emptyPage,
  encodeCursor,
  MAX_TOTAL_COUNT,
  type Page,
  type PageRequest,
  readPage,
  toPage,
  unseenNeighbours,
} from '../keyset-cursor.js';
import {
  beyondWindow,
  type KeysetOrder,
  pageWindow,
  scanOrder,
  tablePageSource,
  timestampKey,
} from '../keyset-window.js';

export interface ClaimFilterInput {
  status?: readonly ClaimStatus[] | null | undefined;
  orderNumber?: string | null | undefined;
  memberId?: string | null | undefined;
  overdue?: boolean | null | undefined;
  type?: readonly ClaimType[] | null | undefined;
  /** Decoded by the transport. Within the viewer's scope: another storefront's lists nothing. */
  storefrontId?: string | null | undefined;
}

type ClaimPage = Page<ClaimRow>;

/**
 * The listing's order: due date first, claims without one (still waiting for documents) last,
 * then the id. `coalesce` to infinity is "nulls last" as an expression the claims_listing
 * indexes hold (packages/db schema), so a cursor is one row comparison on them, either way.
 */
const LISTING_ORDER: KeysetOrder = {
  key: sql`coalesce(${claims.dueAt}, 'infinity'::timestamptz)`,
  id: claims.id,
  descending: false,
  keyOf: (key) => (key === null ? sql`'infinity'::timestamptz` : timestampKey(key)),
};

function cursorOf(row: ClaimRow): string {
  return encodeCursor(row.dueAt?.getTime() ?? null, row.id);
}

/** What a viewer may list: operators all claims, storefronts theirs, members their own. */
function viewerScope(viewer: Viewer): SQL[] | null {
  switch (viewer.kind) {
    case 'operator':
      return [];
    case 'secret':
      return [eq(claims.storefrontId, viewer.storefrontId)];
    case 'member':
      return [eq(claims.storefrontId, viewer.storefrontId), eq(claims.memberId, viewer.memberId)];
    default:
      return null;
  }
}

/** The claims a listing holds: the viewer's scope and the filter (the page aside). */
function listed(
  app: App,
  viewer: Viewer,
  filter: ClaimFilterInput,
  now: Date,
): (SQL | undefined)[] | null {
  const scope = viewerScope(viewer);
  if (scope === null) return null;
  const where: (SQL | undefined)[] = [...scope];
  if (filter.status && filter.status.length > 0)
    where.push(inArray(claims.status, [...filter.status]));
  if (filter.memberId) where.push(eq(claims.memberId, filter.memberId));
  if (filter.type && filter.type.length > 0) where.push(inArray(claims.type, [...filter.type]));
  // Equality on storefront_id lets the storefront's listing index serve the page.
  if (filter.storefrontId) where.push(eq(claims.storefrontId, filter.storefrontId));
  if (filter.orderNumber) {
    const sameStorefront =
      viewer.kind === 'operator' ? undefined : eq(guarantees.storefrontId, claims.storefrontId);
    where.push(
      inArray(
        claims.guaranteeId,
        app.db
          .select({ id: guarantees.id })
          .from(guarantees)
          .where(and(eq(guarantees.orderNumber, filter.orderNumber), sameStorefront)),
      ),
    );
  }
  if (filter.overdue === true) where.push(eq(claims.status, 'UNDER_REVIEW'), lt(claims.dueAt, now));
  if (filter.overdue === false) {
    where.push(
      or(
        sql`${claims.status} <> 'UNDER_REVIEW'`,
        isNull(claims.dueAt),
        sql`${claims.dueAt} >= ${now}`,
      ),
    );
  }
  return where;
}

/**
 * A page of the claims the viewer may see, in the listing's order, forward or backward; its
 * count reads the same rows without the page's bounds.
 */
export async function listClaims(
  app: App,
  viewer: Viewer,
  args: { page: PageRequest; filter?: ClaimFilterInput | null | undefined },
  now: Date,
): Promise<ClaimPage> {
  const where = listed(app, viewer, args.filter ?? {}, now);
  if (where === null) return emptyPage();
  const { page } = args;
  return readPage(page, tablePageSource(app.db, claims, LISTING_ORDER, where, page), cursorOf);
}

/**
 * The same page (in the listing's order, forward or backward) of the claims of each of several
 * guarantees, in one statement: `row_number()` numbers each guarantee's claims in the scan's
 * order and the outer query keeps the first `size + 1` of each. A page of N claims that each
 * read `guarantee { claims }` then costs one statement, not N (loaders.ts batches); so do the
 * probes for hasPreviousPage/hasNextPage, one per side that has a cursor.
 */
export async function listClaimsOfGuarantees(
  db: Database,
  viewer: Viewer,
  guaranteeIds: readonly string[],
  page: PageRequest,
  countOf: (guaranteeId: string) => Promise<number>,
): Promise<ClaimPage[]> {
  const scope = viewerScope(viewer);
  if (scope === null || guaranteeIds.length === 0) return guaranteeIds.map(() => emptyPage());
  const where = [...scope, inArray(claims.guaranteeId, [...guaranteeIds])];
  const ranked = db
    .select({
      id: claims.id,
      rank: sql<number>`row_number() over (partition by ${claims.guaranteeId} order by ${sql.join(scanOrder(LISTING_ORDER, page), sql`, `)})`.as(
        'rank',
      ),
    })
    .from(claims)
    .where(and(...where, ...pageWindow(LISTING_ORDER, page)))
    .as('ranked');
  const rows = await db
    .select({ claim: claims })
    .from(claims)
    .innerJoin(ranked, eq(ranked.id, claims.id))
    .where(lte(ranked.rank, page.size + 1))
    .orderBy(claims.guaranteeId, ranked.rank);
  const byGuarantee = new Map<string, ClaimRow[]>();
  for (const { claim } of rows) {
    const list = byGuarantee.get(claim.guaranteeId);
    if (list) list.push(claim);
    else byGuarantee.set(claim.guaranteeId, [claim]);
  }
  const rowsOf = (id: string) => byGuarantee.get(id) ?? [];
  const unseen = guaranteeIds.map((id) => unseenNeighbours(page, rowsOf(id).length > page.size));
  const probe = async (side: 'previous' | 'next'): Promise<Set<string>> => {
    const asked = guaranteeIds.filter((_id, i) => unseen[i]?.[side]);
    if (asked.length === 0) return new Set();
    const found = await db
      .selectDistinct({ guaranteeId: claims.guaranteeId })
      .from(claims)
      .where(
        and(...scope, inArray(claims.guaranteeId, asked), beyondWindow(LISTING_ORDER, page, side)),
      );
    return new Set(found.map((row) => row.guaranteeId));
  };
  const [previous, next] = await Promise.all([probe('previous'), probe('next')]);
  return guaranteeIds.map((id) =>
    toPage(rowsOf(id), page, cursorOf, { previous: previous.has(id), next: next.has(id) }, () =>
      countOf(id),
    ),
  );
}

/**
 * How many claims of each guarantee the viewer may see, in one statement. An order's claims
 * are a handful (one open claim per package), so the grouped count reads a few index entries
 * per guarantee; it still answers MAX_TOTAL_COUNT at most, like every totalCount.
 */
export async function countClaimsOfGuarantees(
  db: Database,
  viewer: Viewer,
  guaranteeIds: readonly string[],
): Promise<number[]> {
  const scope = viewerScope(viewer);
  if (scope === null || guaranteeIds.length === 0) return guaranteeIds.map(() => 0);
  const counts = await db
    .select({
      guaranteeId: claims.guaranteeId,
      count: sql<number>`least(count(*), ${sql.raw(String(MAX_TOTAL_COUNT))})::int`,
    })
    .from(claims)
    .where(and(...scope, inArray(claims.guaranteeId, [...guaranteeIds])))
    .groupBy(claims.guaranteeId);
  const byGuarantee = new Map(counts.map((row) => [row.guaranteeId, row.count]));
  return guaranteeIds.map((id) => byGuarantee.get(id) ?? 0);
}
