/**
 * POLICY R18: the member must keep all packaging and contents of the package until the claim
 * is closed, since the adjuster may ask to see them. Shown when a claim is filed and repeated
 * in the filing email, so the member reads the same words in both places.
 */
export const KEEP_EVIDENCE_NOTICE =
  'Please keep all packaging and contents of the package until the review is complete.';
