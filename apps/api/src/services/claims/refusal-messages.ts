// What a member reads when a claim can't be filed. The domain decides the reasons
// (assessClaimEligibility); this table says them in words.
import type { RefusalCode } from '@lg/domain';

const REASON_MESSAGES: Partial<Record<RefusalCode, string>> = {
  NOT_COVERED: 'this package has no guarantee for this member',
  GUARANTEE_CANCELLED: 'the guarantee of this order was cancelled',
  NOT_DELIVERED:
    'the package has not been delivered: damage and partial loss are claimed after delivery',
  ALREADY_DELIVERED: 'the package was delivered: it cannot be claimed as lost',
  LOSS_NOT_YET_CLAIMABLE: 'the package is not reported lost or overdue yet',
  PACKAGE_UNCLAIMED: 'the package stayed unclaimed at the destination for more than 30 days',
  CLAIM_WINDOW_EXPIRED: 'claims must be filed within 24 hours of delivery',
  CAP_REACHED: 'this package has already been paid the most the guarantee pays',
};

/** The sentence for an eligibility reason; the code itself for a code without one. */
export function reasonMessage(code: RefusalCode): string {
  return REASON_MESSAGES[code] ?? code;
}
