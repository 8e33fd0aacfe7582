// The claims connection: keyset pagination in the adjusters' order (decision due first,
// overdue at the top, claims still waiting for documents last), so page 1,000 costs what
// page 1 costs.

import type { ClaimRow } from '@lg/db';
import { claims, guarantees } from '@lg/db';
import type { ClaimStatus } from '@lg/domain';
import { and, asc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
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

export async function listClaims(
  app: App,
  viewer: Viewer,
  args: {
    first: number;
    after?: string | null | undefined;
    filter?: ClaimFilterInput | null | undefined;
    guaranteeId?: string;
  },
  now: Date,
): Promise<ClaimPage> {
  const where: (SQL | undefined)[] = [];
  if (viewer.kind === 'secret') where.push(eq(claims.storefrontId, viewer.storefrontId));
  else if (viewer.kind === 'member') {
    where.push(eq(claims.storefrontId, viewer.storefrontId), eq(claims.memberId, viewer.memberId));
  } else if (viewer.kind !== 'operator') {
    return emptyPage();
  }
  if (args.guaranteeId) where.push(eq(claims.guaranteeId, args.guaranteeId));
  const filter = args.filter ?? {};
  if (filter.status && filter.status.length > 0)
    where.push(inArray(claims.status, [...filter.status]));
  if (filter.memberId) where.push(eq(claims.memberId, filter.memberId));
  if (filter.orderNumber) {
    const scope =
      viewer.kind === 'operator' ? undefined : eq(guarantees.storefrontId, claims.storefrontId);
    where.push(
      inArray(
        claims.guaranteeId,
        app.db
          .select({ id: guarantees.id })
          .from(guarantees)
          .where(and(eq(guarantees.orderNumber, filter.orderNumber), scope)),
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
  if (args.after) {
    const cursor = decodeCursor(args.after);
    // One row comparison in the listing index's order: the page starts right after the
    // cursor, however deep, instead of scanning from the top and filtering.
    const due =
      cursor.key === null
        ? sql`'infinity'::timestamptz`
        : sql`${new Date(cursor.key).toISOString()}::timestamptz`;
    where.push(sql`(${LISTING_DUE}, ${claims.id}) > (${due}, ${cursor.id}::uuid)`);
  }
  const rows = await app.db
    .select()
    .from(claims)
    .where(and(...where))
    .orderBy(LISTING_DUE, asc(claims.id))
    .limit(args.first + 1);
  return toPage(rows.slice(0, args.first), rows.length > args.first, args.after, cursorOf);
}
