// Which email a member gets for which event. Pure: the same input always renders the same
// message, so templates are tested without sending anything.
import { type PolicyVersion, policyInCurrency } from '@lg/domain';
import { claimCompletedEmail } from './claim-completed.js';
import { claimFiledEmail } from './claim-filed.js';
import { emailReplyEmail } from './email-reply.js';
import { guaranteeCancelledEmail } from './guarantee-cancelled.js';
import { guaranteePurchasedEmail } from './guarantee-purchased.js';
import type { ClaimJson, EmailReplyJson, GuaranteeJson, RenderedEmail } from './types.js';

export type { RenderedEmail } from './types.js';

export interface MemberEmailContext {
  storefrontName: string;
  /** The policy version of the event's guarantee. */
  policyFor(version: string): PolicyVersion;
}

/** The policy a guarantee is judged by, its amounts in its currency at its own rate. */
function policyOf(guarantee: GuaranteeJson, context: MemberEmailContext): PolicyVersion {
  const policy = context.policyFor(guarantee.policyVersion);
  const rate = guarantee.exchangeRate;
  return rate
    ? policyInCurrency(policy, {
        currency: rate.currencyCode,
        perUsd: rate.perUsd,
        asOf: new Date(rate.asOf),
        source: rate.source,
      })
    : policy;
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
        policy: policyOf(guarantee, context),
        storefrontName: context.storefrontName,
      });
    }
    case 'guarantee.cancelled':
      return guaranteeCancelledEmail({
        guarantee: data as GuaranteeJson,
        storefrontName: context.storefrontName,
      });
    case 'claim.filed': {
      const claim = data as ClaimJson;
      return claimFiledEmail({
        claim,
        policy: policyOf(claim.guarantee, context),
        storefrontName: context.storefrontName,
      });
    }
    case 'claim.completed': {
      const claim = data as ClaimJson;
      return claimCompletedEmail({
        claim,
        policy: policyOf(claim.guarantee, context),
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
