// The claims connection: keyset pagination in the adjusters' order (decision due first,
// overdue at the top, claims still waiting for documents last), so page 1,000 costs what
// page 1 costs.

import type { ClaimRow } from '@lg/db';
import { claims, guarantees } from '@lg/db';
import type { Database } from '@lg/db/client';
import type { ClaimStatus } from '@lg/domain';
import { and, asc, eq, inArray, isNull, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Viewer } from '../../auth/viewer.js';
import { decodeCursor, emptyPage, encodeCursor, type Page, toPage } from '../keyset-cursor.js';

export interface ClaimFilterInput {
  status?: readonly ClaimStatus[] | null | undefined;
  orderNumber?: string | null | undefined;
  memberId?: string | null | undefined;
  overdue?: boolean | null | undefined;
}

type ClaimPage = Page<ClaimRow>;

/**
 * The listing's order: due date first, claims without one (still waiting for documents) last.
 * `coalesce` to infinity is "nulls last" as an expression the claims_listing indexes hold
 * (packages/db schema), so a cursor is one row comparison on them.
 */
const LISTING_DUE = sql`coalesce(${claims.dueAt}, 'infinity'::timestamptz)`;

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

/**
 * The rows after a cursor: one row comparison in the listing index's order, so the page
 * starts right after the cursor, however deep, instead of scanning from the top and filtering.
 * Throws BadCursor for an `after` this API did not issue.
 */
function afterCursor(after: string): SQL {
  const cursor = decodeCursor(after);
  const due =
    cursor.key === null
      ? sql`'infinity'::timestamptz`
      : sql`${new Date(cursor.key).toISOString()}::timestamptz`;
  return sql`(${LISTING_DUE}, ${claims.id}) > (${due}, ${cursor.id}::uuid)`;
}

export async function listClaims(
  app: App,
  viewer: Viewer,
  args: {
    first: number;
    after?: string | null | undefined;
    filter?: ClaimFilterInput | null | undefined;
  },
  now: Date,
): Promise<ClaimPage> {
  const scope = viewerScope(viewer);
  if (scope === null) return emptyPage();
  const where: (SQL | undefined)[] = [...scope];
  const filter = args.filter ?? {};
  if (filter.status && filter.status.length > 0)
    where.push(inArray(claims.status, [...filter.status]));
  if (filter.memberId) where.push(eq(claims.memberId, filter.memberId));
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
  if (args.after) where.push(afterCursor(args.after));
  const rows = await app.db
    .select()
    .from(claims)
    .where(and(...where))
    .orderBy(LISTING_DUE, asc(claims.id))
    .limit(args.first + 1);
  return toPage(rows.slice(0, args.first), rows.length > args.first, args.after, cursorOf);
}

/**
 * The same page (`first` after `after`, in the listing's order) of the claims of each of
 * several guarantees, in one statement: `row_number()` numbers each guarantee's claims in the
 * listing's order and the outer query keeps the first `first + 1` of each. A page of N claims
 * that each read `guarantee { claims }` then costs one statement, not N (loaders.ts batches).
 */
export async function listClaimsOfGuarantees(
  db: Database,
  viewer: Viewer,
  guaranteeIds: readonly string[],
  page: { first: number; after: string | null },
): Promise<ClaimPage[]> {
  const scope = viewerScope(viewer);
  if (scope === null || guaranteeIds.length === 0) return guaranteeIds.map(() => emptyPage());
  const where = [...scope, inArray(claims.guaranteeId, [...guaranteeIds])];
  if (page.after) where.push(afterCursor(page.after));
  const ranked = db
    .select({
      id: claims.id,
      rank: sql<number>`row_number() over (partition by ${claims.guaranteeId} order by ${LISTING_DUE}, ${claims.id})`.as(
        'rank',
      ),
    })
    .from(claims)
    .where(and(...where))
    .as('ranked');
  const rows = await db
    .select({ claim: claims })
    .from(claims)
    .innerJoin(ranked, eq(ranked.id, claims.id))
    .where(lte(ranked.rank, page.first + 1))
    .orderBy(asc(claims.guaranteeId), asc(ranked.rank));
  const byGuarantee = new Map<string, ClaimRow[]>();
  for (const { claim } of rows) {
    const list = byGuarantee.get(claim.guaranteeId);
    if (list) list.push(claim);
    else byGuarantee.set(claim.guaranteeId, [claim]);
  }
  return guaranteeIds.map((id) => {
    const list = byGuarantee.get(id) ?? [];
    return toPage(list.slice(0, page.first), list.length > page.first, page.after, cursorOf);
  });
}
