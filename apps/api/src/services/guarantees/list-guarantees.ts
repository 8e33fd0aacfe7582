// The guarantees connection: newest purchase first, keyset-paged forward or backward, scoped
// to what the viewer may see (a member session: that member's own orders). The member
// center lists a member's orders from it, claims or not.
import { type GuaranteeRow, guarantees } from '@lg/db';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Viewer } from '../../auth/viewer.js';
import {
  emptyPage,
  encodeCursor,
  type Page,
  type PageRequest,
  readPage,
} from '../keyset-cursor.js';
import { type KeysetOrder, tablePageSource, timestampKey } from '../keyset-window.js';

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
  return readPage(page, tablePageSource(app.db, guarantees, NEWEST_FIRST, scope, page), (row) =>
    encodeCursor(row.purchasedAt.getTime(), row.id),
  );
}
