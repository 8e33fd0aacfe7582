/** The member and order an email claim names in its subject (R20). */
export interface ClaimSubject {
  memberId: string;
  orderNumber: string;
}

// Mail clients put these in front of a subject when a member replies to or forwards a mail.
const REPLY_PREFIX = /^\s*(re|fwd?|aw|wg|回复|答复|转发)\s*(\[\d+\])?\s*[:：]\s*/i;
const PLUS = /[+＋]/;

/**
 * R20: reads the terms' subject "Member ID+Order Number+Claim". Spaces around the plus
 * signs, the letter case of "Claim", the full-width plus `＋` that Chinese input methods
 * type, and reply or forward prefixes ("Re:", "回复：") are tolerated; anything else is not a
 * claim subject (null). The ids keep the case they were written in: the caller compares them.
 */
export function parseClaimSubject(subject: string): ClaimSubject | null {
  let rest = subject.normalize('NFC').trim();
  for (let prefix = REPLY_PREFIX.exec(rest); prefix; prefix = REPLY_PREFIX.exec(rest)) {
    rest = rest.slice(prefix[0].length);
  }
  const parts = rest.split(PLUS).map((part) => part.trim());
  if (parts.length !== 3) return null;
  const [memberId = '', orderNumber = '', word = ''] = parts;
  if (word.toLowerCase() !== 'claim') return null;
  const id = /^[\p{L}\p{N}._:/#-]{1,100}$/u;
  if (!id.test(memberId) || !id.test(orderNumber)) return null;
  return { memberId, orderNumber };
}
