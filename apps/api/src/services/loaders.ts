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
} from '@lg/db';
import type { Database } from '@lg/db/client';
import DataLoader from 'dataloader';
import { asc, inArray } from 'drizzle-orm';
import type { Viewer } from '../auth/viewer.js';
import { listClaimsOfGuarantees } from './claims/list-claims.js';
import type { Page } from './keyset-cursor.js';

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
  #packagesByGuarantee: Loaders['packagesByGuarantee'] | undefined;
  #documentsByClaim: Loaders['documentsByClaim'] | undefined;
  #timelineByClaim: Loaders['timelineByClaim'] | undefined;
  /** One loader per page asked for (`first` and `after`), each batching every guarantee. */
  readonly #claimPages = new Map<string, DataLoader<string, Page<ClaimRow>>>();
  #claimPagesViewer: Viewer | undefined;

  constructor(private readonly db: Database) {}

  /**
   * `Guarantee.claims`: the page of each guarantee's claims the viewer may see. Every parent
   * that asks for the same page (the same field under a list, the usual case) shares one
   * statement; a document has few distinct pages (its aliases and variables), so a request's
   * statements stay bounded however many guarantees it reads.
   */
  claimPagesByGuarantee(
    viewer: Viewer,
    page: { first: number; after: string | null },
  ): DataLoader<string, Page<ClaimRow>> {
    // Loaders live for one request, which has one viewer: pages are cached without it.
    this.#claimPagesViewer ??= viewer;
    if (this.#claimPagesViewer !== viewer) throw new Error('Loaders serve a single viewer');
    const key = `${page.first}:${page.after ?? ''}`;
    let loader = this.#claimPages.get(key);
    if (!loader) {
      loader = new DataLoader<string, Page<ClaimRow>>((ids) =>
        listClaimsOfGuarantees(this.db, viewer, ids, page),
      );
      this.#claimPages.set(key, loader);
    }
    return loader;
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
