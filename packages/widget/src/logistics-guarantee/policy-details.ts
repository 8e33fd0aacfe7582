import { html, type TemplateResult } from 'lit';
import type { Exclusion, Policy } from '../api-client.js';
import { formatMoney, formatShare, type Messages } from './i18n/index.js';

const item = (text: string) => html`<li>${text}</li>`;

/** The title in the widget's language when the policy has it, else the English one. */
const title = (exclusion: Exclusion, m: Messages) =>
  exclusion.translations.find((t) => t.locale === m.lang)?.title ?? exclusion.title;

/**
 * The disclosure's content: what a package is covered for (under the summary, no heading of its own), with the amounts the API
 * converted to the cart's currency (shown as given: the browser computes no cap or fee),
 * what the guarantee never covers (the policy's EXCLUSION reasons), then how to claim. The
 * CLAIM_CONDITION reasons (documents, the window, unclaimed packages) are how a claim can
 * fail, not what is excluded: the claim rules below say them as advice.
 */
export function renderPolicy(policy: Policy, m: Messages, locale: string): TemplateResult {
  return html`<ul>
      ${item(
        m.loss(
          formatMoney(policy.maxCompensationPerPackage, locale),
          formatShare(policy.lossShippingShare, locale),
        ),
      )}
      ${item(
        m.damage(
          formatShare(policy.damageShippingShare, locale),
          formatMoney(policy.damageProductCap, locale),
        ),
      )}
      ${item(m.minimumFee(formatMoney(policy.minimumFee, locale)))}
    </ul>
    <b>${m.exclusions}</b>
    <ul>
      ${policy.exclusions
        .filter((exclusion) => exclusion.kind !== 'CLAIM_CONDITION')
        .map((exclusion) => item(title(exclusion, m)))}
    </ul>
    <b>${m.claims}</b>
    <ul>
      <li>${m.claimWindow(policy.claimWindowHours)}</li>
      <li>${m.documents}</li>
      <li>${m.unclaimed(policy.unclaimedDays)}</li>
      <li>${m.response(policy.responseDays)}</li>
    </ul>`;
}
