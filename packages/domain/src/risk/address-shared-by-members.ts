import type { RiskSignal } from './risk-signal-vocabulary.js';
import { RISK_THRESHOLDS } from './risk-thresholds.js';

/**
 * ADDRESS_SHARED_BY_MEMBERS: the package's delivery address also received packages of other
 * members; raised once `sharedAddressMinMembers` distinct members (the claimant included)
 * used it. `otherMemberIds` are the members of the other packages sent there (repeats and the
 * claimant are ignored).
 */
export function addressSharedByMembers(
  memberId: string,
  otherMemberIds: readonly string[],
): RiskSignal | null {
  const others = [...new Set(otherMemberIds)].filter((id) => id !== memberId).sort();
  const total = others.length + 1;
  if (total < RISK_THRESHOLDS.sharedAddressMinMembers) return null;
  return {
    code: 'ADDRESS_SHARED_BY_MEMBERS',
    detail: `the delivery address received packages of ${total} members: ${memberId} (this claim) and ${others.join(', ')}`,
  };
}
