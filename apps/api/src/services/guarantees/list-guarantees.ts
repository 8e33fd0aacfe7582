// The guarantees connection: newest purchase first, keyset-paged forward or backward, scoped
// to what the viewer may see (a member session: that member's own orders). The member
// center lists a member's orders from it, claims or not.
import { type GuaranteeRow, guarantees } from '@lg/db';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Viewer } from '../../auth/viewer.js';
import {
  emptyPage,
  encodeCursor,
  type Page,
  type PageRequest,
  readPage,
} from '../keyset-cursor.js';
import {
  beyondWindow,
  countUpTo,
  type KeysetOrder,
  pageWindow,
  scanOrder,
  timestampKey,
} from '../keyset-window.js';

const NEWEST_FIRST: KeysetOrder = {
  key: guarantees.purchasedAt,
  id: guarantees.id,
  descending: true,
  keyOf: (key) => (key === null ? sql`'-infinity'::timestamptz` : timestampKey(key)),
};

/** Operators see every guarantee, storefronts theirs, members their own; anyone else none. */
function viewerScope(viewer: Viewer): SQL[] | null {
  switch (viewer.kind) {
    case 'operator':
      return [];
    case 'secret':
      return [eq(guarantees.storefrontId, viewer.storefrontId)];
    case 'member':
      return [
        eq(guarantees.storefrontId, viewer.storefrontId),
        eq(guarantees.memberId, viewer.memberId),
      ];
    default:
      return null;
  }
}

/** A page of the guarantees the viewer may see, newest purchase first. */
export async function listGuarantees(
  app: App,
  viewer: Viewer,
  page: PageRequest,
): Promise<Page<GuaranteeRow>> {
  const scope = viewerScope(viewer);
  if (scope === null) return emptyPage();
  return readPage(
    page,
    {
      scan: (limit) =>
        app.db
          .select()
          .from(guarantees)
          .where(and(...scope, ...pageWindow(NEWEST_FIRST, page)))
          .orderBy(...scanOrder(NEWEST_FIRST, page))
          .limit(limit),
      exists: async (side) => {
        const found = await app.db
          .select({ id: guarantees.id })
          .from(guarantees)
          .where(and(...scope, beyondWindow(NEWEST_FIRST, page, side)))
          .limit(1);
        return found.length > 0;
      },
      count: () =>
        countUpTo(
          app.db,
          app.db
            .select({ one: sql`1` })
            .from(guarantees)
            .where(and(...scope)),
        ),
    },
    (row) => encodeCursor(row.purchasedAt.getTime(), row.id),
  );
}
