// The receipt a member gets when a guarantee is bought: what was paid, under which terms,
// what is covered and how to claim. Every number comes from the guarantee's policy version.
import type { PolicyVersion } from '@lg/domain';
import {
  type Block,
  documentLabel,
  formatDate,
  formatMinor,
  formatMoney,
  renderBlocks,
} from './layout.js';
import type { GuaranteeJson, RenderedEmail } from './types.js';

export interface GuaranteePurchasedEmail {
  guarantee: GuaranteeJson;
  policy: PolicyVersion;
  storefrontName: string;
}

function percent(bps: number): string {
  return `${bps / 100}%`;
}

export function guaranteePurchasedEmail({
  guarantee,
  policy,
  storefrontName,
}: GuaranteePurchasedEmail): RenderedEmail {
  const cap = formatMinor(policy.maxCompensationPerPackageMinor, policy.currency);
  const lossDocs = policy.requiredDocuments.LOSS.map(documentLabel);
  const damageExtra = policy.requiredDocuments.DAMAGE.filter(
    (kind) => !policy.requiredDocuments.LOSS.includes(kind),
  ).map(documentLabel);
  const shipping =
    policy.lossShippingShareBps === 10_000
      ? 'plus the shipping fee'
      : `plus ${percent(policy.lossShippingShareBps)} of the shipping fee`;

  const blocks: Block[] = [
    { kind: 'heading', text: `Your order ${guarantee.orderNumber} is protected` },
    {
      kind: 'paragraph',
      text: `Thank you for adding the Logistics Guarantee to your order at ${storefrontName}. This is your receipt.`,
    },
    {
      kind: 'table',
      rows: [
        ['Order', guarantee.orderNumber],
        ['Member ID', guarantee.memberId],
        ['Guarantee fee', formatMoney(guarantee.fee)],
        ['Product value', formatMoney(guarantee.productValue)],
        ['Terms (policy version)', guarantee.policyVersion],
        ['Purchased', formatDate(guarantee.purchasedAt)],
      ],
    },
    { kind: 'paragraph', text: 'What is covered, for each package of the order:' },
    {
      kind: 'list',
      items: [
        `Lost package: the lower of the package's value and its sale price, ${shipping}.`,
        'Items missing from a package: the audited value of what is missing, up to what a lost package would be paid.',
        `Damaged items that can't be used normally: the audited amount, up to ${percent(policy.damageShippingShareBps)} of the shipping fee plus ${formatMinor(policy.damageProductCapMinor, policy.currency)}.`,
        `At most ${cap} per package in total, across all its claims.`,
      ],
    },
    {
      kind: 'paragraph',
      text: `Not covered: ${policy.exclusions.map((exclusion) => exclusion.title.toLowerCase()).join('; ')}. The terms of version ${guarantee.policyVersion} explain each one.`,
    },
    { kind: 'paragraph', text: 'How to claim:' },
    {
      kind: 'list',
      items: [
        `Damaged or missing items: file your claim within ${policy.claimWindowHours} hours of delivery.`,
        `Lost package: file once the carrier reports it lost, or when it has not arrived ${policy.lossOverdueDays} days after shipping.`,
        `A package left unclaimed at the destination for more than ${policy.unclaimedDays} days is not covered.`,
        `Have ready: ${lossDocs.join('; ')}.${damageExtra.length > 0 ? ` For damaged or missing items also: ${damageExtra.join('; ')}.` : ''}`,
        `Claims are filed through ${storefrontName}'s member center. We decide within ${policy.responseDays} days of receiving all documents.`,
      ],
    },
  ];
  return renderBlocks(`Your Logistics Guarantee for order ${guarantee.orderNumber}`, blocks);
}
