import type { PolicyVersion } from '../policy/policy.js';
import type { ClaimType, DocumentKind } from './claim-vocabulary.js';

/**
 * R13: the documents a claim of this type needs: proof of purchase and the order
 * notification email always; packaging and contents photos too for damage and partial loss.
 */
export function requiredDocuments(type: ClaimType, policy: PolicyVersion): readonly DocumentKind[] {
  const kinds = policy.requiredDocuments[type];
  if (kinds === undefined) throw new TypeError(`Unknown claim type: ${String(type)}`);
  return kinds;
}
