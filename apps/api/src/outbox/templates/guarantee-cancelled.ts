// POLICY R2: a guarantee cancelled before any package shipped is refunded its fee. The member
// hears what was cancelled and what is refunded.
import { type Block, formatDate, formatMoney, renderBlocks } from './layout.js';
import type { GuaranteeJson, RenderedEmail } from './types.js';

export interface GuaranteeCancelledEmail {
  guarantee: GuaranteeJson;
  storefrontName: string;
}

export function guaranteeCancelledEmail({
  guarantee,
  storefrontName,
}: GuaranteeCancelledEmail): RenderedEmail {
  const refund = guarantee.refund ?? guarantee.fee;
  const blocks: Block[] = [
    { kind: 'heading', text: `The guarantee of order ${guarantee.orderNumber} is cancelled` },
    {
      kind: 'paragraph',
      text: `The Logistics Guarantee you added to your order at ${storefrontName} was cancelled before the order shipped, so its fee is refunded in full.`,
    },
    {
      kind: 'table',
      rows: [
        ['Order', guarantee.orderNumber],
        ['Member ID', guarantee.memberId],
        ['Refunded', formatMoney(refund)],
        ['Cancelled', guarantee.cancelledAt ? formatDate(guarantee.cancelledAt) : ''],
      ],
    },
    {
      kind: 'paragraph',
      text: `The refund goes back the way the order was paid, through ${storefrontName}. The order's packages are no longer covered.`,
    },
  ];
  return renderBlocks(
    `Guarantee cancelled for order ${guarantee.orderNumber}: fee refunded`,
    blocks,
  );
}
