// fileClaim: a member (or its storefront) claims on a guaranteed package (R13-R16, R20, R21).
import { randomUUID } from 'node:crypto';
import type { ClaimRow } from '@lg/db';
import { claims } from '@lg/db';
import { databaseErrorOf, type Transaction } from '@lg/db/client';
import { type ClaimType, claimReference, initialClaimStatus, missingDocuments } from '@lg/domain';
import type { App } from '../../app.js';
import { actorOf } from '../../auth/viewer.js';
import { type Outcome, Refused, refusalsAsOutcome, success } from '../outcome.js';
import { assessClaimRisk } from '../risk/assess-claim-risk.js';
import { descriptionLookupKey } from '../risk/risk-keys.js';
import { checkIdentifier, checkText, firstErrors } from '../validate.js';
import { assessClaim } from './check-claim-eligibility.js';
import { attachDocuments, checkDocumentIds, documentsChanges } from './claim-documents.js';
import { reasonMessage } from './refusal-messages.js';
import {
  type Claimant,
  documentKindsOf,
  loadCoveredPackage,
  moveClaim,
  publishClaim,
} from './store.js';

interface FileClaimInput {
  trackingNumber: string;
  type: ClaimType;
  description: string;
  /** Decoded by the transport; null for an id it could not decode. */
  documentIds?: readonly (string | null)[] | null | undefined;
  /** Required when a storefront files for its member. */
  memberId?: string | null | undefined;
}

const alreadyOpen = () =>
  Refused.of('CLAIM_ALREADY_OPEN', 'this package already has an open claim', [
    'input',
    'trackingNumber',
  ]);

export interface FileClaimOptions {
  /**
   * Queue the member's "claim received" email (default). Claims by email answer the
   * member's mail with one reply of their own instead.
   */
  notifyMember?: boolean;
}

/**
 * Files the claim with the documents named, straight to UNDER_REVIEW when they are all
 * there (R13), and queues the filing email.
 */
export async function fileClaim(
  app: App,
  actor: Claimant,
  input: FileClaimInput,
  now: Date,
): Promise<Outcome<ClaimRow>> {
  return refusalsAsOutcome(() =>
    app.db.transaction((tx) => fileClaimWithin(tx, app, actor, input, now)),
  );
}

/**
 * fileClaim in the caller's transaction: a refusal is thrown (`Refused`), so the caller's
 * transaction or savepoint rolls back everything the filing wrote.
 */
export async function fileClaimWithin(
  tx: Transaction,
  app: App,
  actor: Claimant,
  input: FileClaimInput,
  now: Date,
  options: FileClaimOptions = {},
): Promise<Outcome<ClaimRow>> {
  const memberId = actor.kind === 'member' ? actor.memberId : input.memberId;
  const invalid = firstErrors(
    checkIdentifier(input.trackingNumber, ['input', 'trackingNumber']),
    checkText(input.description, ['input', 'description'], { max: 5000 }),
    actor.kind === 'secret' ? checkIdentifier(input.memberId ?? '', ['input', 'memberId']) : null,
  );
  if (invalid) return invalid;
  if (!memberId) throw new Error('memberId checked above');

  try {
    // A savepoint: when the one-open-claim index refuses the insert, the caller's
    // transaction is still usable for the refusal it answers with.
    return await tx.transaction(async (tx) => {
      const found = await loadCoveredPackage(
        tx,
        actor.storefrontId,
        input.trackingNumber,
        memberId,
        true,
      );
      if (!found) {
        throw Refused.of('NOT_COVERED', reasonMessage('NOT_COVERED'), ['input', 'trackingNumber']);
      }
      const { pkg, guarantee } = found;
      const documentIds = checkDocumentIds(input.documentIds ?? [], ['input', 'documentIds']);
      const eligibility = await assessClaim(app, input.type, pkg, guarantee, now, tx);
      const reason = eligibility.reasons[0];
      if (reason) throw Refused.of(reason, reasonMessage(reason), ['input', 'trackingNumber']);

      const policy = await app.policies.forGuarantee(guarantee, tx);
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
          descriptionKey: descriptionLookupKey(input.description),
          reference: claimReference(memberId, guarantee.orderNumber),
          flags: pkg.flags,
          currency: pkg.currency,
          filedAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!inserted) throw alreadyOpen();
      await attachDocuments(
        tx,
        inserted,
        documentIds,
        actor.kind === 'member' ? actor.memberId : null,
        ['input', 'documentIds'],
      );
      const missing = missingDocuments(input.type, await documentKindsOf(tx, id), policy);
      const moved = await moveClaim(
        tx,
        inserted,
        documentsChanges(initialClaimStatus(missing), policy, now),
        actorOf(actor),
        'claim filed',
        now,
        null,
      );
      const claim = await assessClaimRisk(tx, moved, pkg, guarantee, policy);
      await publishClaim(tx, app, 'claim.filed', { claim, pkg, guarantee }, now, {
        emailMember: options.notifyMember !== false,
      });
      return success(claim);
    });
  } catch (error) {
    // R21: the database's one-open-claim index refuses a second one however filings interleave.
    if (databaseErrorOf(error).constraint === 'claims_one_open_per_package') throw alreadyOpen();
    throw error;
  }
}
