// The claims' shared persistence, always in the caller's transaction: loading a claim with
// the package and guarantee it is judged against, moving it together with its timeline
// entry, and publishing its outbox events, so a state change, its timeline entry and its
// events commit together or not at all.
import { randomUUID } from 'node:crypto';
import type { ClaimRow, GuaranteeRow, NewClaim, PackageRow } from '@lg/db';
import { claimEvents, claims, documents, guarantees, packages } from '@lg/db';
import type { Transaction } from '@lg/db/client';
import {
  type ClaimStatus,
  type DocumentKind,
  isTerminalClaimStatus,
  missingDocuments,
} from '@lg/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { App } from '../../app.js';
import type { Viewer } from '../../auth/viewer.js';
import { enqueueEvent } from '../../outbox/enqueue.js';
import { Refused } from '../outcome.js';
import { claimJson } from '../serialize.js';
import { announceClaimChange } from './claim-changes.js';

/** Who files claims and adds evidence: a member, or its storefront with a secret key. */
export type Claimant = Extract<Viewer, { kind: 'member' | 'secret' }>;

/** A guaranteed package with its guarantee. */
interface CoveredPackage {
  pkg: PackageRow;
  guarantee: GuaranteeRow;
}

/** A claim with the package and guarantee it is judged against. */
interface ClaimContext extends CoveredPackage {
  claim: ClaimRow;
}

/**
 * A storefront's package by tracking number, with its guarantee; with `memberId`, only when
 * the guarantee is that member's. `lock` holds the package row until the transaction ends.
 */
export async function loadCoveredPackage(
  tx: Transaction,
  storefrontId: string,
  trackingNumber: string,
  memberId: string | null,
  lock: boolean,
): Promise<CoveredPackage | null> {
  const query = tx
    .select()
    .from(packages)
    .where(
      and(eq(packages.storefrontId, storefrontId), eq(packages.trackingNumber, trackingNumber)),
    );
  const [pkg] = lock ? await query.for('update') : await query;
  if (!pkg) return null;
  const [guarantee] = await tx.select().from(guarantees).where(eq(guarantees.id, pkg.guaranteeId));
  if (!guarantee || (memberId !== null && guarantee.memberId !== memberId)) return null;
  return { pkg, guarantee };
}

/**
 * The claim with its package and guarantee, the claim and package locked: every change to a
 * claim, and every payout raising its package's paid total, is made under these locks.
 */
export async function lockClaim(tx: Transaction, claimId: string): Promise<ClaimContext> {
  const [claim] = await tx.select().from(claims).where(eq(claims.id, claimId)).for('update');
  if (!claim) throw Refused.of('NOT_FOUND', 'no such claim', ['input', 'claimId']);
  const [pkg] = await tx
    .select()
    .from(packages)
    .where(eq(packages.id, claim.packageId))
    .for('update');
  const [guarantee] = await tx
    .select()
    .from(guarantees)
    .where(eq(guarantees.id, claim.guaranteeId));
  if (!pkg || !guarantee) throw new Error('claim without package or guarantee');
  return { claim, pkg, guarantee };
}

/** The kinds of the documents attached to a claim. */
export async function documentKindsOf(tx: Transaction, claimId: string): Promise<DocumentKind[]> {
  const rows = await tx
    .select({ kind: documents.kind })
    .from(documents)
    .where(eq(documents.claimId, claimId));
  return rows.map((row) => row.kind);
}

type ClaimChanges = Partial<NewClaim> & { status: ClaimStatus };

/**
 * Changes a claim and records the transition in its timeline: the two never exist without
 * each other. `from` is null for the filing, the timeline's first entry.
 */
export async function moveClaim(
  tx: Transaction,
  claim: ClaimRow,
  changes: ClaimChanges,
  actor: string,
  note: string | null,
  now: Date,
  from: ClaimStatus | null = claim.status,
): Promise<ClaimRow> {
  const [updated] = await tx
    .update(claims)
    .set({ ...changes, updatedAt: now })
    .where(eq(claims.id, claim.id))
    .returning();
  if (!updated) throw new Error('claim vanished');
  await appendTimeline(tx, claim.id, from, updated.status, actor, note, now);
  await announceClaimChange(tx, updated);
  return updated;
}

async function appendTimeline(
  tx: Transaction,
  claimId: string,
  from: ClaimStatus | null,
  to: ClaimStatus,
  actor: string,
  note: string | null,
  now: Date,
): Promise<void> {
  const [{ next } = { next: 1 }] = await tx
    .select({ next: sql<number>`coalesce(max(${claimEvents.seq}), 0)::int + 1` })
    .from(claimEvents)
    .where(eq(claimEvents.claimId, claimId));
  await tx.insert(claimEvents).values({
    id: randomUUID(),
    claimId,
    seq: next,
    at: now,
    fromStatus: from,
    toStatus: to,
    actor,
    note,
  });
}

/** Queues one event about the claim, its body the claim as the API returns it. */
export async function publishClaim(
  tx: Transaction,
  app: App,
  type: 'claim.filed' | 'claim.status_changed' | 'claim.completed',
  ctx: ClaimContext,
  now: Date,
  { emailMember = true }: { emailMember?: boolean } = {},
): Promise<void> {
  const policy = await app.policies.forGuarantee(ctx.guarantee, tx);
  const kinds = await documentKindsOf(tx, ctx.claim.id);
  await enqueueEvent(
    tx,
    {
      storefrontId: ctx.claim.storefrontId,
      type,
      aggregateId: ctx.claim.id,
      data: claimJson(
        ctx.claim,
        ctx.pkg,
        ctx.guarantee,
        missingDocuments(ctx.claim.type, kinds, policy),
      ),
      memberEmail: emailMember ? ctx.guarantee.memberEmail : undefined,
    },
    now,
  );
}

/**
 * Announces a claim's new status, and its completion when the status is final (R19: the
 * member is told the outcome).
 */
export async function publishTransition(
  tx: Transaction,
  app: App,
  ctx: ClaimContext,
  now: Date,
): Promise<void> {
  await publishClaim(tx, app, 'claim.status_changed', ctx, now);
  if (isTerminalClaimStatus(ctx.claim.status)) {
    await publishClaim(tx, app, 'claim.completed', ctx, now);
  }
}
