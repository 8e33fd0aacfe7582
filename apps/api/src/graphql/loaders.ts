// Batched, per-request loads: a page of 50 claims with their packages, guarantees, documents
// and timelines costs a fixed number of SQL statements, not one per claim (no N+1).
import { claimEvents, claims, documents, guarantees, packages, type storefronts } from '@lg/db';
import type { Database } from '@lg/db/client';
import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';

export type GuaranteeRow = typeof guarantees.$inferSelect;
export type PackageRow = typeof packages.$inferSelect;
export type ClaimRow = typeof claims.$inferSelect;
export type ClaimEventRow = typeof claimEvents.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type StorefrontRow = typeof storefronts.$inferSelect;

function byId<T extends { id: string }>(rows: T[], ids: readonly string[]): (T | null)[] {
  const map = new Map(rows.map((row) => [row.id, row]));
  return ids.map((id) => map.get(id) ?? null);
}

function groupBy<T>(rows: T[], ids: readonly string[], keyOf: (row: T) => string | null): T[][] {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return ids.map((id) => map.get(id) ?? []);
}

export function createLoaders(db: Database) {
  return {
    guarantee: new DataLoader<string, GuaranteeRow | null>(async (ids) =>
      byId(
        await db
          .select()
          .from(guarantees)
          .where(inArray(guarantees.id, [...ids])),
        ids,
      ),
    ),
    package: new DataLoader<string, PackageRow | null>(async (ids) =>
      byId(
        await db
          .select()
          .from(packages)
          .where(inArray(packages.id, [...ids])),
        ids,
      ),
    ),
    claim: new DataLoader<string, ClaimRow | null>(async (ids) =>
      byId(
        await db
          .select()
          .from(claims)
          .where(inArray(claims.id, [...ids])),
        ids,
      ),
    ),
    document: new DataLoader<string, DocumentRow | null>(async (ids) =>
      byId(
        await db
          .select()
          .from(documents)
          .where(inArray(documents.id, [...ids])),
        ids,
      ),
    ),
    packagesByGuarantee: new DataLoader<string, PackageRow[]>(async (ids) =>
      groupBy(
        await db
          .select()
          .from(packages)
          .where(inArray(packages.guaranteeId, [...ids]))
          .orderBy(asc(packages.registeredAt), asc(packages.id)),
        ids,
        (row) => row.guaranteeId,
      ),
    ),
    documentsByClaim: new DataLoader<string, DocumentRow[]>(async (ids) =>
      groupBy(
        await db
          .select()
          .from(documents)
          .where(inArray(documents.claimId, [...ids]))
          .orderBy(asc(documents.createdAt), asc(documents.id)),
        ids,
        (row) => row.claimId,
      ),
    ),
    timelineByClaim: new DataLoader<string, ClaimEventRow[]>(async (ids) =>
      groupBy(
        await db
          .select()
          .from(claimEvents)
          .where(inArray(claimEvents.claimId, [...ids]))
          .orderBy(asc(claimEvents.claimId), asc(claimEvents.seq)),
        ids,
        (row) => row.claimId,
      ),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
