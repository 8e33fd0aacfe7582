// Batched, per-request loads: a page of 50 claims with their packages, guarantees (and their
// claims), documents and timelines costs a fixed number of SQL statements, not one per claim
// (no N+1).
import {
  type ClaimEventRow,
  type ClaimRow,
  claimEvents,
  claims,
  type DocumentRow,
  documents,
  type GuaranteeRow,
  guarantees,
  type PackageRow,
  packages,
  type StorefrontRow,
  storefronts,
} from '@lg/db';
import type { Database } from '@lg/db/client';
import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import type { Viewer } from '../auth/viewer.js';
import { countClaimsOfGuarantees, listClaimsOfGuarantees } from './claims/list-claims.js';
import type { Page, PageRequest } from './keyset-cursor.js';

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

/**
 * A request's loaders, each made on first use: most requests (every quote) touch none, so
 * they cost nothing until a resolver asks.
 */
export class Loaders {
  #guarantee: Loaders['guarantee'] | undefined;
  #package: Loaders['package'] | undefined;
  #claim: Loaders['claim'] | undefined;
  #document: Loaders['document'] | undefined;
  #storefront: Loaders['storefront'] | undefined;
  #packagesByGuarantee: Loaders['packagesByGuarantee'] | undefined;
  #documentsByClaim: Loaders['documentsByClaim'] | undefined;
  #timelineByClaim: Loaders['timelineByClaim'] | undefined;
  /** One loader per page asked for (its size, direction and cursors), each batching every guarantee. */
  readonly #claimPages = new Map<string, DataLoader<string, Page<ClaimRow>>>();
  #claimCounts: DataLoader<string, number> | undefined;
  #claimPagesViewer: Viewer | undefined;

  constructor(private readonly db: Database) {}

  /**
   * `Guarantee.claims`: the page of each guarantee's claims the viewer may see. Every parent
   * that asks for the same page (the same field under a list, the usual case) shares one
   * statement; a document has few distinct pages (its aliases and variables), so a request's
   * statements stay bounded however many guarantees it reads.
   */
  claimPagesByGuarantee(viewer: Viewer, page: PageRequest): DataLoader<string, Page<ClaimRow>> {
    this.#checkViewer(viewer);
    const key = JSON.stringify(page);
    let loader = this.#claimPages.get(key);
    if (!loader) {
      loader = new DataLoader<string, Page<ClaimRow>>((ids) =>
        listClaimsOfGuarantees(this.db, viewer, ids, page, (id) =>
          this.#claimCountsByGuarantee(viewer).load(id),
        ),
      );
      this.#claimPages.set(key, loader);
    }
    return loader;
  }

  /** `Guarantee.claims.totalCount`: every guarantee of the request counted in one statement. */
  #claimCountsByGuarantee(viewer: Viewer): DataLoader<string, number> {
    this.#claimCounts ??= new DataLoader<string, number>((ids) =>
      countClaimsOfGuarantees(this.db, viewer, ids),
    );
    return this.#claimCounts;
  }

  /** Loaders live for one request, which has one viewer: pages and counts are cached without it. */
  #checkViewer(viewer: Viewer): void {
    this.#claimPagesViewer ??= viewer;
    if (this.#claimPagesViewer !== viewer) throw new Error('Loaders serve a single viewer');
  }

  get guarantee(): DataLoader<string, GuaranteeRow | null> {
    this.#guarantee ??= new DataLoader<string, GuaranteeRow | null>(async (ids) =>
      byId(
        await this.db
          .select()
          .from(guarantees)
          .where(inArray(guarantees.id, [...ids])),
        ids,
      ),
    );
    return this.#guarantee;
  }

  get package(): DataLoader<string, PackageRow | null> {
    this.#package ??= new DataLoader<string, PackageRow | null>(async (ids) =>
      byId(
        await this.db
          .select()
          .from(packages)
          .where(inArray(packages.id, [...ids])),
        ids,
      ),
    );
    return this.#package;
  }

  get claim(): DataLoader<string, ClaimRow | null> {
    this.#claim ??= new DataLoader<string, ClaimRow | null>(async (ids) =>
      byId(
        await this.db
          .select()
          .from(claims)
          .where(inArray(claims.id, [...ids])),
        ids,
      ),
    );
    return this.#claim;
  }

  get document(): DataLoader<string, DocumentRow | null> {
    this.#document ??= new DataLoader<string, DocumentRow | null>(async (ids) =>
      byId(
        await this.db
          .select()
          .from(documents)
          .where(inArray(documents.id, [...ids])),
        ids,
      ),
    );
    return this.#document;
  }

  get storefront(): DataLoader<string, StorefrontRow | null> {
    this.#storefront ??= new DataLoader<string, StorefrontRow | null>(async (ids) =>
      byId(
        await this.db
          .select()
          .from(storefronts)
          .where(inArray(storefronts.id, [...ids])),
        ids,
      ),
    );
    return this.#storefront;
  }

  get packagesByGuarantee(): DataLoader<string, PackageRow[]> {
    this.#packagesByGuarantee ??= new DataLoader<string, PackageRow[]>(async (ids) =>
      groupBy(
        await this.db
          .select()
          .from(packages)
          .where(inArray(packages.guaranteeId, [...ids]))
          .orderBy(asc(packages.registeredAt), asc(packages.id)),
        ids,
        (row) => row.guaranteeId,
      ),
    );
    return this.#packagesByGuarantee;
  }

  get documentsByClaim(): DataLoader<string, DocumentRow[]> {
    this.#documentsByClaim ??= new DataLoader<string, DocumentRow[]>(async (ids) =>
      groupBy(
        await this.db
          .select()
          .from(documents)
          .where(inArray(documents.claimId, [...ids]))
          .orderBy(asc(documents.createdAt), asc(documents.id)),
        ids,
        (row) => row.claimId,
      ),
    );
    return this.#documentsByClaim;
  }

  get timelineByClaim(): DataLoader<string, ClaimEventRow[]> {
    this.#timelineByClaim ??= new DataLoader<string, ClaimEventRow[]>(async (ids) =>
      groupBy(
        await this.db
          .select()
          .from(claimEvents)
          .where(inArray(claimEvents.claimId, [...ids]))
          .orderBy(asc(claimEvents.claimId), asc(claimEvents.seq)),
        ids,
        (row) => row.claimId,
      ),
    );
    return this.#timelineByClaim;
  }
}

export function createLoaders(db: Database): Loaders {
  return new Loaders(db);
}
