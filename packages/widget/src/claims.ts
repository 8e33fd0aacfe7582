// The member center bundle's entry: loading it registers <logistics-guarantee-claims>.
import './define-claims.js';

export type { Money } from './api-client.js';
export { ApiError } from './api-client.js';
export type { LogisticsGuaranteeClaimsAttributes } from './claims/attributes.js';
export type {
  Claim,
  ClaimDocument,
  ClaimPackage,
  Eligibility,
  MemberGuarantee,
} from './claims/claims-api.js';
export type {
  LogisticsGuaranteeClaimDetail,
  LogisticsGuaranteeClaimEvent,
  LogisticsGuaranteeClaimsErrorDetail,
  LogisticsGuaranteeSessionExpiredDetail,
  LogisticsGuaranteeSessionExpiredEvent,
} from './claims/events.js';
export {
  CLAIM_FILED_EVENT,
  CLAIM_UPDATED_EVENT,
  DOCUMENTS_ADDED_EVENT,
  SESSION_EXPIRED_EVENT,
} from './claims/events.js';
export { LogisticsGuaranteeClaims } from './claims/logistics-guarantee-claims.component.js';
