import { html, type TemplateResult } from 'lit';
import type { Policy } from '../api-client.js';
import type { Messages } from './i18n/index.js';

const item = (text: string) => html`<li>${text}</li>`;

/** The disclosure's content: the policy's exclusions by title, then how claims work. */
export function renderPolicy(policy: Policy, m: Messages): TemplateResult {
  return html`<b>${m.exclusions}</b>
    <ul>
      ${policy.exclusions.map((exclusion) => item(exclusion.title))}
    </ul>
    <b>${m.claims}</b>
    <ul>
      <li>${m.claimWindow(policy.claimWindowHours)}</li>
      <li>${m.documents}</li>
      <li>${m.unclaimed(policy.unclaimedDays)}</li>
      <li>${m.response(policy.responseDays)}</li>
    </ul>`;
}
