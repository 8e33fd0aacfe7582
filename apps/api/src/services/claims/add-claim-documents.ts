// addClaimDocuments: more evidence for a claim awaiting its decision; the last missing
// document moves it to UNDER_REVIEW and starts the 7-day clock (R13, R17).
import type { ClaimRow } from '@lg/db';
import type { Transaction } from '@lg/db/client';
import { missingDocuments, transitionClaim } from '@lg/domain';
import type { App } from '../../app.js';
import { actorOf } from '../../auth/viewer.js';
import { type Outcome, Refused, refusalsAsOutcome, success } from '../outcome.js';
import { assessClaimRisk } from '../risk/assess-claim-risk.js';
import { attachDocuments, checkDocumentIds, documentsChanges } from './claim-documents.js';
import {
  type Claimant,
  documentKindsOf,
  lockClaim,
  moveClaim,
  publishTransition,
} from './store.js';

/** `documentIds` as the transport decoded them, null for one it could not decode. */
export async function addClaimDocuments(
  app: App,
  actor: Claimant,
  claimId: string,
  documentIds: readonly (string | null)[],
  now: Date,
): Promise<Outcome<ClaimRow>> {
  return refusalsAsOutcome(() =>
    app.db.transaction((tx) => addClaimDocumentsWithin(tx, app, actor, claimId, documentIds, now)),
  );
}

/** addClaimDocuments in the caller's transaction: a refusal is thrown (`Refused`). */
export async function addClaimDocumentsWithin(
  tx: Transaction,
  app: App,
  actor: Claimant,
  claimId: string,
  documentIds: readonly (string | null)[],
  now: Date,
): Promise<Outcome<ClaimRow>> {
  const ctx = await lockClaim(tx, claimId);
  const { claim } = ctx;
  const visible =
    claim.storefrontId === actor.storefrontId &&
    (actor.kind === 'secret' || claim.memberId === actor.memberId);
  if (!visible) throw Refused.of('NOT_FOUND', 'no such claim', ['input', 'claimId']);
  // Evidence is taken until the decision: an approved claim's amount is already fixed.
  if (claim.status !== 'NEEDS_DOCUMENTS' && claim.status !== 'UNDER_REVIEW') {
    throw Refused.of('INVALID_TRANSITION', `documents can't be added to a ${claim.status} claim`, [
      'input',
      'claimId',
    ]);
  }
  if (documentIds.length === 0) {
    throw Refused.of('INVALID_INPUT', 'name at least one document', ['input', 'documentIds']);
  }
  const ids = checkDocumentIds(documentIds, ['input', 'documentIds']);
  await attachDocuments(tx, claim, ids, actor.kind === 'member' ? actor.memberId : null, [
    'input',
    'documentIds',
  ]);
  const policy = await app.policies.forGuarantee(ctx.guarantee, tx);
  // New evidence is a moment to look again: packages, members and claims may have changed
  // since the filing (a delivery weight, another claim with the same words).
  const assessed = await assessClaimRisk(tx, claim, ctx.pkg, ctx.guarantee, policy);
  if (assessed.status === 'UNDER_REVIEW') return success(assessed);
  const missing = missingDocuments(claim.type, await documentKindsOf(tx, claim.id), policy);
  if (missing.length > 0) return success(assessed);
  const next = transitionClaim(claim.status, 'COMPLETE_DOCUMENTS');
  if (!next.ok) throw Refused.of(next.code, next.message, ['input', 'claimId']);
  const updated = await moveClaim(
    tx,
    assessed,
    documentsChanges(next.value, policy, now),
    actorOf(actor),
    'documents complete',
    now,
  );
  await publishTransition(tx, app, { ...ctx, claim: updated }, now);
  return success(updated);
}
