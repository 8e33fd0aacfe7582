// A claim's evidence: which uploaded documents may be attached to it, and what completing
// them changes (R13, R17).
import type { ClaimRow } from '@lg/db';
import { documents } from '@lg/db';
import type { Transaction } from '@lg/db/client';
import { type ClaimStatus, decisionDueAt, type PolicyVersion } from '@lg/domain';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { Refused } from '../outcome.js';
import { isUuid } from '../uuid.js';
import { announceClaimChange } from './claim-changes.js';

/** More documents than this on one claim is abuse, not evidence. */
const MAX_DOCUMENTS_PER_CLAIM = 20;

function tooMany(field: readonly string[]): Refused {
  return Refused.of(
    'TOO_MANY_DOCUMENTS',
    `at most ${MAX_DOCUMENTS_PER_CLAIM} documents per claim`,
    field,
  );
}

/**
 * The document ids as the transport decoded them, null for one it could not decode: more
 * than a claim may hold, or one that can't name a document, is refused at its field.
 */
export function checkDocumentIds(
  ids: readonly (string | null)[],
  field: readonly string[],
): string[] {
  if (ids.length > MAX_DOCUMENTS_PER_CLAIM) throw tooMany(field);
  return ids.map((id, index) => {
    if (id === null || !isUuid(id)) {
      throw Refused.of('DOCUMENT_NOT_UPLOADED', 'no such document', [...field, String(index)]);
    }
    return id;
  });
}

/**
 * Attaches uploaded documents of the claim's member to the claim, refusing any that aren't.
 * `uploaderMemberId`: a member may attach only their own uploads; null for a storefront.
 */
export async function attachDocuments(
  tx: Transaction,
  claim: ClaimRow,
  ids: string[],
  uploaderMemberId: string | null,
  field: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const rows = await tx.select().from(documents).where(inArray(documents.id, unique)).for('update');
  const byId = new Map(rows.map((row) => [row.id, row]));
  for (const id of unique) {
    const doc = byId.get(id);
    const at = [...field, String(ids.indexOf(id))];
    const mine =
      doc &&
      doc.storefrontId === claim.storefrontId &&
      (doc.memberId === null || doc.memberId === claim.memberId) &&
      (uploaderMemberId === null || doc.memberId === uploaderMemberId);
    if (!doc || !mine) throw Refused.of('DOCUMENT_NOT_UPLOADED', 'no such document', at);
    if (!doc.uploadedAt) {
      throw Refused.of('DOCUMENT_NOT_UPLOADED', `${doc.fileName} has not been uploaded yet`, at);
    }
    if (doc.claimId !== null && doc.claimId !== claim.id) {
      throw Refused.of('DOCUMENT_NOT_UPLOADED', `${doc.fileName} belongs to another claim`, at);
    }
  }
  const [{ count } = { count: 0 }] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(documents)
    .where(eq(documents.claimId, claim.id));
  const adding = unique.filter((id) => byId.get(id)?.claimId !== claim.id).length;
  if (count + adding > MAX_DOCUMENTS_PER_CLAIM) throw tooMany(field);
  await tx
    .update(documents)
    .set({ claimId: claim.id })
    .where(and(inArray(documents.id, unique), isNull(documents.claimId)));
  // Subscribers see the new evidence even when the claim's status stays as it is.
  await announceClaimChange(tx, claim);
}

/** The claim's status from its documents; once complete the 7-day clock starts (R17). */
export function documentsChanges(status: ClaimStatus, policy: PolicyVersion, now: Date) {
  const complete = status === 'UNDER_REVIEW';
  return {
    status,
    documentsCompleteAt: complete ? now : null,
    dueAt: complete ? decisionDueAt(now, policy) : null,
  };
}
