// Which email a member gets for which event. Pure: the same input always renders the same
// message, so templates are tested without sending anything.
import type { PolicyVersion } from '@lg/domain';
import { claimCompletedEmail } from './claim-completed.js';
import { claimFiledEmail } from './claim-filed.js';
import { emailReplyEmail } from './email-reply.js';
import { guaranteePurchasedEmail } from './guarantee-purchased.js';
import type { ClaimJson, EmailReplyJson, GuaranteeJson, RenderedEmail } from './types.js';

export type { RenderedEmail } from './types.js';

export interface MemberEmailContext {
  storefrontName: string;
  /** The policy version of the event's guarantee. */
  policyFor(version: string): PolicyVersion;
}

/** The member's email for an event, or null when the event has none. */
export function renderMemberEmail(
  type: string,
  data: unknown,
  context: MemberEmailContext,
): RenderedEmail | null {
  switch (type) {
    case 'guarantee.purchased': {
      const guarantee = data as GuaranteeJson;
      return guaranteePurchasedEmail({
        guarantee,
        policy: context.policyFor(guarantee.policyVersion),
        storefrontName: context.storefrontName,
      });
    }
    case 'claim.filed': {
      const claim = data as ClaimJson;
      return claimFiledEmail({
        claim,
        policy: context.policyFor(claim.guarantee.policyVersion),
        storefrontName: context.storefrontName,
      });
    }
    case 'claim.completed': {
      const claim = data as ClaimJson;
      return claimCompletedEmail({
        claim,
        policy: context.policyFor(claim.guarantee.policyVersion),
        storefrontName: context.storefrontName,
      });
    }
    case 'email.reply': {
      const { reply, policyVersion } = data as {
        reply: EmailReplyJson;
        policyVersion: string | null;
      };
      return emailReplyEmail({
        reply,
        policy: policyVersion ? context.policyFor(policyVersion) : null,
        storefrontName: context.storefrontName,
      });
    }
    default:
      return null;
  }
}
