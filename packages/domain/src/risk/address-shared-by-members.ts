import type { RiskSignal } from './risk-signal-vocabulary.js';
import { RISK_THRESHOLDS } from './risk-thresholds.js';

/**
 * ADDRESS_SHARED_BY_MEMBERS: the package's delivery address also received packages of other
 * members; raised once `sharedAddressMinMembers` distinct members (the claimant included)
 * used it. `otherMemberIds` are the members of the other packages sent there (repeats and the
 * claimant are ignored). `otherCount`, when the caller names only some of many, is how many
 * other members there are in all.
 */
export function addressSharedByMembers(
  memberId: string,
  otherMemberIds: readonly string[],
  otherCount?: number,
): RiskSignal | null {
  const others = [...new Set(otherMemberIds)].filter((id) => id !== memberId).sort();
  const total = Math.max(otherCount ?? 0, others.length) + 1;
  if (total < RISK_THRESHOLDS.sharedAddressMinMembers) return null;
  const more = total - 1 - others.length;
  return {
    code: 'ADDRESS_SHARED_BY_MEMBERS',
    detail: `the delivery address received packages of ${total} members: ${memberId} (this claim) and ${others.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
  };
}
