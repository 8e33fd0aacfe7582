/**
 * R20: the human reference of a claim, the terms' email subject "Member ID+Order
 * Number+Claim", e.g. `M1042+SO-88817+Claim`. A label for people, not a unique key (an
 * order can have several claims). Both parts are trimmed; a blank one is a bug upstream.
 */
export function claimReference(memberId: string, orderNumber: string): string {
  const member = memberId.trim();
  const order = orderNumber.trim();
  if (member === '' || order === '') {
    throw new TypeError('claimReference needs a member id and an order number');
  }
  return `${member}+${order}+Claim`;
}
