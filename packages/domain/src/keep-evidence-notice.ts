/** POLICY R18: shown when a claim is filed, and in the filing email. */
export const KEEP_EVIDENCE_NOTICE =
  'Please keep all packaging and contents of the package until the review is complete.';
