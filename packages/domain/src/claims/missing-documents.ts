import type { PolicyVersion } from '../policy/policy.js';
import type { ClaimType, DocumentKind } from './claim-vocabulary.js';
import { requiredDocuments } from './required-documents.js';

/**
 * R13: the required documents not yet present, in the policy's order. Extra documents
 * (OTHER, duplicates) never make up for a missing kind.
 */
export function missingDocuments(
  type: ClaimType,
  present: readonly DocumentKind[],
  policy: PolicyVersion,
): DocumentKind[] {
  return requiredDocuments(type, policy).filter((kind) => !present.includes(kind));
}
