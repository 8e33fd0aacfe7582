/** Detail of `logistics-guarantee-claim-filed`, `-claim-updated` and `-documents-added`. */
export interface LogisticsGuaranteeClaimDetail {
  /** The claim's global ID. */
  claimId: string;
  /** POLICY R20, e.g. `M1042+SO-88817+Claim`. */
  reference: string;
  /** `NEEDS_DOCUMENTS`, `UNDER_REVIEW`, `APPROVED`, `REJECTED` or `PAID`. */
  status: string;
}

/** Detail of `logistics-guarantee-session-expired`: set a new `session-token` to resume. */
export interface LogisticsGuaranteeSessionExpiredDetail {
  /** The API's error code, `UNAUTHENTICATED`. */
  code: string;
}

/** Detail of the member center's `logistics-guarantee-error`. */
export interface LogisticsGuaranteeClaimsErrorDetail {
  /** `NETWORK_ERROR`, `HTTP_<status>`, `FORBIDDEN`, a `UserErrorCode`... */
  code: string;
  message: string;
}

export type LogisticsGuaranteeClaimEvent = CustomEvent<LogisticsGuaranteeClaimDetail>;
export type LogisticsGuaranteeSessionExpiredEvent =
  CustomEvent<LogisticsGuaranteeSessionExpiredDetail>;

export const CLAIM_FILED_EVENT = 'logistics-guarantee-claim-filed';
export const CLAIM_UPDATED_EVENT = 'logistics-guarantee-claim-updated';
export const DOCUMENTS_ADDED_EVENT = 'logistics-guarantee-documents-added';
export const SESSION_EXPIRED_EVENT = 'logistics-guarantee-session-expired';

declare global {
  interface HTMLElementEventMap {
    'logistics-guarantee-claim-filed': LogisticsGuaranteeClaimEvent;
    'logistics-guarantee-claim-updated': LogisticsGuaranteeClaimEvent;
    'logistics-guarantee-documents-added': LogisticsGuaranteeClaimEvent;
    'logistics-guarantee-session-expired': LogisticsGuaranteeSessionExpiredEvent;
  }
}
