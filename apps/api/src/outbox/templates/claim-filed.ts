// Sent when a claim is filed: its reference (R20), what is still missing (R13), the
// keep-the-evidence notice (R18) and, once the documents are complete, when to expect a
// decision (R17).
import { KEEP_EVIDENCE_NOTICE, type PolicyVersion } from '@lg/domain';
import { type Block, claimTypeLabel, documentLabel, formatDate, renderBlocks } from './layout.js';
import type { ClaimJson, RenderedEmail } from './types.js';

export interface ClaimFiledEmail {
  claim: ClaimJson;
  policy: PolicyVersion;
  storefrontName: string;
}

export function claimFiledEmail({ claim, policy, storefrontName }: ClaimFiledEmail): RenderedEmail {
  const blocks: Block[] = [
    { kind: 'heading', text: 'We have received your claim' },
    {
      kind: 'paragraph',
      text: `Your claim for ${claimTypeLabel(claim.type)} on order ${claim.guarantee.orderNumber} from ${storefrontName} is registered. Please quote its reference ${claim.reference} in every message about it.`,
    },
    {
      kind: 'table',
      rows: [
        ['Reference', claim.reference],
        ['Order', claim.guarantee.orderNumber],
        ['Package', claim.package.trackingNumber],
        ['Filed', formatDate(claim.filedAt)],
      ],
    },
  ];
  if (claim.missingDocuments.length > 0) {
    blocks.push(
      {
        kind: 'paragraph',
        text: 'We still need these documents before the review can start:',
      },
      { kind: 'list', items: claim.missingDocuments.map(documentLabel) },
      {
        kind: 'paragraph',
        text: `Upload them in ${storefrontName}'s member center. Once they are all in, we decide within ${policy.responseDays} days. A claim whose documents never arrive can be rejected.`,
      },
    );
  } else {
    blocks.push({
      kind: 'paragraph',
      text: claim.dueAt
        ? `All documents are in. You will have our decision by ${formatDate(claim.dueAt)}.`
        : `All documents are in. You will have our decision within ${policy.responseDays} days.`,
    });
  }
  blocks.push({ kind: 'notice', text: KEEP_EVIDENCE_NOTICE });
  return renderBlocks(`${claim.reference} — claim received`, blocks);
}
