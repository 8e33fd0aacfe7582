// POLICY R19: the member hears when a claim is completed. Paid: the amount and how it was
// worked out. Rejected: every reason in the plain words of the guarantee's own terms.
import type { PolicyVersion } from '@lg/domain';
import {
  type Block,
  formatBreakdownLine,
  formatDate,
  formatMoney,
  renderBlocks,
} from './layout.js';
import type { ClaimJson, RenderedEmail } from './types.js';

export interface ClaimCompletedEmail {
  claim: ClaimJson;
  policy: PolicyVersion;
  storefrontName: string;
}

/** "Natural disaster: Damage or loss caused during transport by ..." from the policy's catalogue. */
export function explainReason(code: string, policy: PolicyVersion): string {
  const exclusion = policy.exclusions.find((candidate) => candidate.code === code);
  return exclusion ? `${exclusion.title}: ${exclusion.description}` : code;
}

export function claimCompletedEmail({
  claim,
  policy,
  storefrontName,
}: ClaimCompletedEmail): RenderedEmail {
  const decision = claim.decision;
  const contact = `If you have a question about this decision, contact ${storefrontName} and quote ${claim.reference}.`;
  if (claim.status === 'PAID' && decision) {
    const blocks: Block[] = [
      { kind: 'heading', text: 'Your claim has been paid' },
      {
        kind: 'paragraph',
        text: `We have paid ${formatMoney(decision.payable)} for your claim ${claim.reference} on order ${claim.guarantee.orderNumber}.`,
      },
      {
        kind: 'table',
        rows: [
          ['Reference', claim.reference],
          ['Package', claim.package.trackingNumber],
          ['Amount paid', formatMoney(decision.payable)],
          ...(claim.payoutReference
            ? ([['Payment reference', claim.payoutReference]] as [string, string][])
            : []),
          ...(claim.paidAt ? ([['Paid', formatDate(claim.paidAt)]] as [string, string][]) : []),
        ],
      },
    ];
    if (decision.breakdown.length > 0) {
      blocks.push(
        { kind: 'paragraph', text: 'How the amount was worked out:' },
        {
          kind: 'list',
          items: decision.breakdown.map(
            (line) => `${line.label}: ${formatBreakdownLine(line)} (terms, rule ${line.rule})`,
          ),
        },
      );
    }
    blocks.push({ kind: 'paragraph', text: contact });
    return renderBlocks(`${claim.reference} — claim paid`, blocks);
  }

  const reasons = decision?.reasonCodes ?? [];
  const blocks: Block[] = [
    { kind: 'heading', text: 'Your claim was not approved' },
    {
      kind: 'paragraph',
      text: `We have reviewed your claim ${claim.reference} on order ${claim.guarantee.orderNumber} and could not approve it, for ${reasons.length === 1 ? 'this reason' : 'these reasons'}:`,
    },
    { kind: 'list', items: reasons.map((code) => explainReason(code, policy)) },
  ];
  if (decision?.note) blocks.push({ kind: 'paragraph', text: `Adjuster's note: ${decision.note}` });
  blocks.push(
    {
      kind: 'paragraph',
      text: `Decided ${formatDate(decision?.decidedAt ?? claim.filedAt)} under the terms of version ${claim.guarantee.policyVersion}.`,
    },
    { kind: 'paragraph', text: contact },
  );
  return renderBlocks(`${claim.reference} — claim not approved`, blocks);
}
