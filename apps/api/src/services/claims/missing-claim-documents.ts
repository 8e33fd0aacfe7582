// Claim.missingDocuments: what a claim still needs before its review can start (R13).
import type { ClaimRow, DocumentRow, GuaranteeRow } from '@lg/db';
import { type DocumentKind, missingDocuments } from '@lg/domain';
import type { App } from '../../app.js';

/** The document kinds still missing on a claim; a document counts once its bytes arrived. */
export async function missingClaimDocuments(
  app: App,
  claim: ClaimRow,
  guarantee: GuaranteeRow,
  docs: readonly DocumentRow[],
): Promise<DocumentKind[]> {
  return missingDocuments(
    claim.type,
    docs.filter((doc) => doc.uploadedAt).map((doc) => doc.kind),
    await app.policies.forGuarantee(guarantee),
  );
}
