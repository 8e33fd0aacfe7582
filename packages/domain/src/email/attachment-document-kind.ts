import type { DocumentKind } from '../claims/claim-vocabulary.js';

const PROOF = /invoice|receipt|purchase|transaction|payment|bill|发票|收据|付款|交易/i;
const NOTIFICATION = /order|notification|confirm|订单|通知|确认/i;
const PACKAGING = /packag|box|carton|parcel|outer|wrap|包装|外箱|纸箱|快递/i;
const CONTENTS = /content|item|product|inside|goods|内容|物品|商品|内件/i;

/**
 * R13: which evidence an email attachment is. An email (message/rfc822) is the order
 * notification email; a PDF is the proof of purchase unless its name says it is the order
 * notification; an image is a photo, of the packaging or the contents as its name says, else
 * of whichever of the two the claim still lacks (`have`: the kinds already on the claim and
 * earlier in the same mail). Anything else is OTHER.
 */
export function attachmentDocumentKind(
  fileName: string,
  contentType: string,
  have: readonly DocumentKind[],
): DocumentKind {
  if (contentType === 'message/rfc822') return 'ORDER_NOTIFICATION_EMAIL';
  if (contentType === 'application/pdf') {
    if (NOTIFICATION.test(fileName) && !PROOF.test(fileName)) return 'ORDER_NOTIFICATION_EMAIL';
    return 'PROOF_OF_PURCHASE';
  }
  if (contentType.startsWith('image/')) {
    if (PACKAGING.test(fileName)) return 'PACKAGING_PHOTO';
    if (CONTENTS.test(fileName)) return 'CONTENTS_PHOTO';
    return have.includes('PACKAGING_PHOTO') ? 'CONTENTS_PHOTO' : 'PACKAGING_PHOTO';
  }
  return 'OTHER';
}
