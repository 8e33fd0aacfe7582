// Filing, completing, deciding and paying claims. Every rule decision is the domain's; this
// file holds the transactions around them, so a state change, its timeline entry and its
// outbox events commit together or not at all.
import { randomUUID } from 'node:crypto';
import type { ClaimRow, DocumentRow, GuaranteeRow, PackageRow } from '@lg/db';
import { claimEvents, claims, documents, guarantees, packages } from '@lg/db';
import { databaseErrorOf, type Queryable, type Transaction } from '@lg/db/client';
import {
  assessClaimEligibility,
  type ClaimEligibility,
  type ClaimOutcome,
  type ClaimReasonCode,
  type ClaimStatus,
  type ClaimType,
  canRecordPayout,
  claimReference,
  type DocumentKind,
  decideClaim,
  decisionDueAt,
  initialClaimStatus,
  missingDocuments,
  money,
  type PolicyVersion,
  transitionClaim,
} from '@lg/domain';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { App } from '../app.js';
import { actorOf, type Viewer } from '../auth/viewer.js';
import { idOf } from '../graphql/global-id.js';
import { enqueueEvent } from '../outbox/enqueue.js';
import type { MoneyInputShape } from './money-input.js';
import { moneyInput } from './money-input.js';
import { type Outcome, Refused, refusalsAsOutcome, success } from './outcome.js';
import { packageMoney, paidSoFar } from './packages/package-money.js';
import { trackingOf } from './packages/package-state.js';
import { claimJson } from './serialize.js';
import { checkIdentifier, checkText, firstErrors } from './validate.js';

/** POLICY R18: shown when a claim is filed, and in the filing email. */
export const KEEP_EVIDENCE_NOTICE =
  'Please keep all packaging and contents of the package until the review is complete.';

/** More documents than this on one claim is abuse, not evidence. */
export const MAX_DOCUMENTS_PER_CLAIM = 20;

type Actor = Extract<Viewer, { kind: 'member' | 'secret' }>;

interface ClaimContext {
  claim: ClaimRow;
  pkg: PackageRow;
  guarantee: GuaranteeRow;
}

async function loadPackageForMember(
  tx: Transaction,
  storefrontId: string,
  trackingNumber: string,
  memberId: string,
  lock: boolean,
): Promise<{ pkg: PackageRow; guarantee: GuaranteeRow } | null> {
  const query = tx
    .select()
    .from(packages)
    .where(
      and(eq(packages.storefrontId, storefrontId), eq(packages.trackingNumber, trackingNumber)),
    );
  const [pkg] = lock ? await query.for('update') : await query;
  if (!pkg) return null;
  const [guarantee] = await tx.select().from(guarantees).where(eq(guarantees.id, pkg.guaranteeId));
  if (!guarantee || guarantee.memberId !== memberId) return null;
  return { pkg, guarantee };
}

async function assess(
  app: App,
  type: ClaimType,
  pkg: PackageRow,
  guarantee: GuaranteeRow,
  now: Date,
  db?: Queryable,
): Promise<ClaimEligibility> {
  return assessClaimEligibility({
    type,
    now,
    guaranteeStatus: guarantee.status,
    tracking: trackingOf(pkg),
    pkg: packageMoney(pkg),
    alreadyPaid: paidSoFar(pkg),
    policy: await app.policies.require(guarantee.policyVersion, db),
  });
}

const REASON_MESSAGES: Partial<Record<string, string>> = {
  NOT_COVERED: 'this package has no guarantee for this member',
  GUARANTEE_CANCELLED: 'the guarantee of this order was cancelled',
  NOT_DELIVERED:
    'the package has not been delivered: damage and partial loss are claimed after delivery',
  ALREADY_DELIVERED: 'the package was delivered: it cannot be claimed as lost',
  LOSS_NOT_YET_CLAIMABLE: 'the package is not reported lost or overdue yet',
  PACKAGE_UNCLAIMED: 'the package stayed unclaimed at the destination for more than 30 days',
  CLAIM_WINDOW_EXPIRED: 'claims must be filed within 24 hours of delivery',
  CAP_REACHED: 'this package has already been paid the most the guarantee pays',
};

export function reasonMessage(code: string): string {
  return REASON_MESSAGES[code] ?? code;
}

export interface EligibilityAnswer {
  eligibility: ClaimEligibility | null;
  reasons: string[];
}

/** claimEligibility: would a claim be accepted now, and if not, why. */
export async function checkEligibility(
  app: App,
  actor: Actor,
  trackingNumber: string,
  type: ClaimType,
  memberId: string | null | undefined,
  now: Date,
): Promise<EligibilityAnswer> {
  const forMember = actor.kind === 'member' ? actor.memberId : memberId;
  const found = await app.db.transaction(async (tx) => {
    if (forMember)
      return loadPackageForMember(tx, actor.storefrontId, trackingNumber, forMember, false);
    // A storefront asking without naming a member sees any of its packages.
    const [pkg] = await tx
      .select()
      .from(packages)
      .where(
        and(
          eq(packages.storefrontId, actor.storefrontId),
          eq(packages.trackingNumber, trackingNumber),
        ),
      );
    if (!pkg) return null;
    const [guarantee] = await tx
      .select()
      .from(guarantees)
      .where(eq(guarantees.id, pkg.guaranteeId));
    return guarantee ? { pkg, guarantee } : null;
  });
  if (!found) return { eligibility: null, reasons: ['NOT_COVERED'] };
  const eligibility = await assess(app, type, found.pkg, found.guarantee, now);
  return { eligibility, reasons: eligibility.reasons };
}

export interface FileClaimInput {
  trackingNumber: string;
  type: ClaimType;
  description: string;
  documentIds?: readonly string[] | null | undefined;
  memberId?: string | null | undefined;
}

function decodeDocumentIds(ids: readonly string[], field: string[]): string[] {
  if (ids.length > MAX_DOCUMENTS_PER_CLAIM) {
    throw Refused.of(
      'TOO_MANY_DOCUMENTS',
      `at most ${MAX_DOCUMENTS_PER_CLAIM} documents per claim`,
      field,
    );
  }
  return ids.map((id, index) => {
    const decoded = idOf('Document', id);
    if (!decoded)
      throw Refused.of('DOCUMENT_NOT_UPLOADED', 'no such document', [...field, String(index)]);
    return decoded;
  });
}

/** Attaches uploaded documents of this member to the claim, refusing any that aren't. */
async function attachDocuments(
  tx: Transaction,
  claim: ClaimRow,
  ids: string[],
  uploaderMemberId: string | null,
  field: string[],
): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const rows = await tx.select().from(documents).where(inArray(documents.id, unique)).for('update');
  const byId = new Map(rows.map((row) => [row.id, row]));
  unique.forEach((id) => {
    const doc = byId.get(id);
    const index = String(ids.indexOf(id));
    const mine =
      doc &&
      doc.storefrontId === claim.storefrontId &&
      (doc.memberId === null || doc.memberId === claim.memberId) &&
      (uploaderMemberId === null || doc.memberId === uploaderMemberId);
    if (!doc || !mine)
      throw Refused.of('DOCUMENT_NOT_UPLOADED', 'no such document', [...field, index]);
    if (!doc.uploadedAt) {
      throw Refused.of('DOCUMENT_NOT_UPLOADED', `${doc.fileName} has not been uploaded yet`, [
        ...field,
        index,
      ]);
    }
    if (doc.claimId !== null && doc.claimId !== claim.id) {
      throw Refused.of('DOCUMENT_NOT_UPLOADED', `${doc.fileName} belongs to another claim`, [
        ...field,
        index,
      ]);
    }
  });
  const [{ count } = { count: 0 }] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(documents)
    .where(eq(documents.claimId, claim.id));
  const adding = unique.filter((id) => byId.get(id)?.claimId !== claim.id).length;
  if (count + adding > MAX_DOCUMENTS_PER_CLAIM) {
    throw Refused.of(
      'TOO_MANY_DOCUMENTS',
      `at most ${MAX_DOCUMENTS_PER_CLAIM} documents per claim`,
      field,
    );
  }
  await tx
    .update(documents)
    .set({ claimId: claim.id })
    .where(and(inArray(documents.id, unique), isNull(documents.claimId)));
}

async function documentKindsOf(tx: Transaction, claimId: string): Promise<DocumentKind[]> {
  const rows = await tx
    .select({ kind: documents.kind })
    .from(documents)
    .where(eq(documents.claimId, claimId));
  return rows.map((row) => row.kind);
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

async function publishClaim(
  tx: Transaction,
  app: App,
  type: 'claim.filed' | 'claim.status_changed' | 'claim.completed',
  ctx: ClaimContext,
  now: Date,
): Promise<void> {
  const policy = await app.policies.require(ctx.guarantee.policyVersion, tx);
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
      memberEmail: ctx.guarantee.memberEmail,
    },
    now,
  );
}

export async function fileClaim(
  app: App,
  actor: Actor,
  input: FileClaimInput,
  now: Date,
): Promise<Outcome<ClaimRow>> {
  const memberId = actor.kind === 'member' ? actor.memberId : input.memberId;
  const invalid = firstErrors(
    checkIdentifier(input.trackingNumber, ['input', 'trackingNumber']),
    checkText(input.description, ['input', 'description'], { max: 5000 }),
    actor.kind === 'secret' ? checkIdentifier(input.memberId ?? '', ['input', 'memberId']) : null,
  );
  if (invalid) return invalid;
  if (!memberId) throw new Error('memberId checked above');

  return refusalsAsOutcome(async () => {
    try {
      return await app.db.transaction(async (tx) => {
        const found = await loadPackageForMember(
          tx,
          actor.storefrontId,
          input.trackingNumber,
          memberId,
          true,
        );
        if (!found) {
          throw Refused.of('NOT_COVERED', 'this package has no guarantee for this member', [
            'input',
            'trackingNumber',
          ]);
        }
        const { pkg, guarantee } = found;
        const documentIds = decodeDocumentIds(input.documentIds ?? [], ['input', 'documentIds']);
        const eligibility = await assess(app, input.type, pkg, guarantee, now, tx);
        const reason = eligibility.reasons[0];
        if (reason) throw Refused.of(reason, reasonMessage(reason), ['input', 'trackingNumber']);

        const policy = await app.policies.require(guarantee.policyVersion, tx);
        const id = randomUUID();
        const [inserted] = await tx
          .insert(claims)
          .values({
            id,
            storefrontId: actor.storefrontId,
            guaranteeId: guarantee.id,
            packageId: pkg.id,
            memberId,
            type: input.type,
            status: 'NEEDS_DOCUMENTS',
            description: input.description,
            reference: claimReference(memberId, guarantee.orderNumber),
            flags: pkg.flags,
            currency: pkg.currency,
            filedAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing()
          .returning();
        if (!inserted) {
          throw Refused.of('CLAIM_ALREADY_OPEN', 'this package already has an open claim', [
            'input',
            'trackingNumber',
          ]);
        }
        await attachDocuments(
          tx,
          inserted,
          documentIds,
          actor.kind === 'member' ? actor.memberId : null,
          ['input', 'documentIds'],
        );
        const missing = missingDocuments(input.type, await documentKindsOf(tx, id), policy);
        const status = initialClaimStatus(missing);
        const claim = await moveClaim(
          tx,
          inserted,
          documentsChanges(status, policy, now),
          actorOf(actor),
          'claim filed',
          now,
          null,
        );
        await publishClaim(tx, app, 'claim.filed', { claim, pkg, guarantee }, now);
        return success(claim);
      });
    } catch (error) {
      if (databaseErrorOf(error).constraint === 'claims_one_open_per_package') {
        throw Refused.of('CLAIM_ALREADY_OPEN', 'this package already has an open claim', [
          'input',
          'trackingNumber',
        ]);
      }
      throw error;
    }
  });
}

/** The claim's status from its documents; once complete the 7-day clock starts (R17). */
function documentsChanges(status: ClaimStatus, policy: PolicyVersion, now: Date) {
  const complete = status === 'UNDER_REVIEW';
  return {
    status,
    documentsCompleteAt: complete ? now : null,
    dueAt: complete ? decisionDueAt(now, policy) : null,
  };
}

type ClaimChanges = Partial<typeof claims.$inferInsert> & { status: ClaimStatus };

/**
 * Changes a claim and records the transition in its timeline, in the caller's transaction:
 * the two never exist without each other.
 */
async function moveClaim(
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
  return updated;
}

async function lockClaim(tx: Transaction, claimId: string): Promise<ClaimContext> {
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

export async function addClaimDocuments(
  app: App,
  actor: Actor,
  claimId: string,
  documentIds: readonly string[],
  now: Date,
): Promise<Outcome<ClaimRow>> {
  return refusalsAsOutcome(() =>
    app.db.transaction(async (tx) => {
      const ctx = await lockClaim(tx, claimId);
      const { claim } = ctx;
      const visible =
        claim.storefrontId === actor.storefrontId &&
        (actor.kind === 'secret' || claim.memberId === actor.memberId);
      if (!visible) throw Refused.of('NOT_FOUND', 'no such claim', ['input', 'claimId']);
      if (claim.status !== 'NEEDS_DOCUMENTS' && claim.status !== 'UNDER_REVIEW') {
        throw Refused.of(
          'INVALID_TRANSITION',
          `documents can't be added to a ${claim.status} claim`,
          ['input', 'claimId'],
        );
      }
      if (documentIds.length === 0) {
        throw Refused.of('INVALID_INPUT', 'name at least one document', ['input', 'documentIds']);
      }
      const ids = decodeDocumentIds(documentIds, ['input', 'documentIds']);
      await attachDocuments(tx, claim, ids, actor.kind === 'member' ? actor.memberId : null, [
        'input',
        'documentIds',
      ]);
      if (claim.status === 'UNDER_REVIEW') return success(claim);
      const policy = await app.policies.require(ctx.guarantee.policyVersion, tx);
      const missing = missingDocuments(claim.type, await documentKindsOf(tx, claim.id), policy);
      if (missing.length > 0) return success(claim);
      const next = transitionClaim(claim.status, 'COMPLETE_DOCUMENTS');
      if (!next.ok) throw Refused.of(next.code, next.message, ['input', 'claimId']);
      const updated = await moveClaim(
        tx,
        claim,
        documentsChanges(next.value, policy, now),
        actorOf(actor),
        'documents complete',
        now,
      );
      await publishClaim(tx, app, 'claim.status_changed', { ...ctx, claim: updated }, now);
      return success(updated);
    }),
  );
}

export interface DecideInput {
  claimId: string;
  outcome: ClaimOutcome;
  auditedAmount?: MoneyInputShape | null | undefined;
  reasonCodes?: readonly ClaimReasonCode[] | null | undefined;
  note?: string | null | undefined;
}

/** An adjuster decides a claim under the policy version its guarantee was bought with. */
export async function decide(
  app: App,
  viewer: Viewer,
  input: DecideInput,
  now: Date,
): Promise<Outcome<ClaimRow>> {
  const invalid = firstErrors(checkText(input.note, ['input', 'note'], { min: 0, max: 5000 }));
  if (invalid) return invalid;
  let audited = null;
  if (input.auditedAmount) {
    const parsed = moneyInput(input.auditedAmount, ['input', 'auditedAmount', 'amount']);
    if (!parsed.ok) return parsed;
    audited = parsed.value;
  }
  return refusalsAsOutcome(() =>
    app.db.transaction(async (tx) => {
      const ctx = await lockClaim(tx, input.claimId);
      const policy = await app.policies.require(ctx.guarantee.policyVersion, tx);
      const decision = decideClaim({
        status: ctx.claim.status,
        type: ctx.claim.type,
        outcome: input.outcome,
        auditedAmount: audited,
        reasonCodes: input.reasonCodes ?? null,
        pkg: packageMoney(ctx.pkg),
        alreadyPaid: paidSoFar(ctx.pkg),
        policy,
      });
      if (!decision.ok) {
        const field =
          decision.code === 'AMOUNT_REQUIRED'
            ? ['input', 'auditedAmount']
            : decision.code === 'REASON_REQUIRED'
              ? ['input', 'reasonCodes']
              : ['input', ...(decision.field ?? ['claimId'])];
        throw Refused.of(decision.code, decision.message, field);
      }
      const d = decision.value;
      const updated = await moveClaim(
        tx,
        ctx.claim,
        {
          status: d.status,
          outcome: d.outcome,
          payableMinor: d.payable.minor,
          auditedMinor: audited?.minor ?? null,
          reasonCodes: d.reasonCodes,
          breakdown: d.breakdown.map((line) => ({
            label: line.label,
            rule: line.rule,
            amountMinor: line.amount.minor,
            currency: line.amount.currency,
          })),
          decidedAt: now,
          decidedBy: actorOf(viewer),
          decisionNote: input.note ?? null,
        },
        actorOf(viewer),
        input.note ?? null,
        now,
      );
      const next = { ...ctx, claim: updated };
      await publishClaim(tx, app, 'claim.status_changed', next, now);
      if (updated.status === 'REJECTED') await publishClaim(tx, app, 'claim.completed', next, now);
      return success(updated);
    }),
  );
}

/** APPROVED -> PAID. The package's paid total is raised only while it stays within R9. */
export async function recordPayout(
  app: App,
  viewer: Viewer,
  claimId: string,
  reference: string,
  now: Date,
): Promise<Outcome<ClaimRow>> {
  const invalid = firstErrors(checkIdentifier(reference, ['input', 'reference'], 200));
  if (invalid) return invalid;
  return refusalsAsOutcome(() =>
    app.db.transaction(async (tx) => {
      const ctx = await lockClaim(tx, claimId);
      const policy = await app.policies.require(ctx.guarantee.policyVersion, tx);
      const payable = money(ctx.claim.payableMinor ?? 0, ctx.claim.currency);
      const allowed = canRecordPayout({
        status: ctx.claim.status,
        payable,
        pkg: packageMoney(ctx.pkg),
        alreadyPaid: paidSoFar(ctx.pkg),
        policy,
      });
      if (!allowed.ok) throw Refused.of(allowed.code, allowed.message, ['input', 'claimId']);
      const cap = policy.maxCompensationPerPackageMinor;
      // Belt and braces: even if two payouts raced past the locks, this UPDATE re-checks the cap.
      const [raised] = await tx
        .update(packages)
        .set({ paidMinor: sql`${packages.paidMinor} + ${payable.minor}` })
        .where(
          and(eq(packages.id, ctx.pkg.id), sql`${packages.paidMinor} + ${payable.minor} <= ${cap}`),
        )
        .returning();
      if (!raised)
        throw Refused.of('CAP_REACHED', 'paying this would exceed the cap for the package', [
          'input',
          'claimId',
        ]);
      const updated = await moveClaim(
        tx,
        ctx.claim,
        { status: allowed.value, payoutReference: reference, paidAt: now },
        actorOf(viewer),
        `payout ${reference}`,
        now,
      );
      const next = { claim: updated, pkg: raised, guarantee: ctx.guarantee };
      await publishClaim(tx, app, 'claim.status_changed', next, now);
      await publishClaim(tx, app, 'claim.completed', next, now);
      return success(updated);
    }),
  );
}

/** The member's document kinds still missing on a claim (R13). */
export async function missingFor(
  app: App,
  claim: ClaimRow,
  guarantee: GuaranteeRow,
  docs: DocumentRow[],
): Promise<DocumentKind[]> {
  return missingDocuments(
    claim.type,
    docs.filter((doc) => doc.uploadedAt).map((doc) => doc.kind),
    await app.policies.require(guarantee.policyVersion),
  );
}
