import type { ClaimReasonCode } from '@lg/domain';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Money, UserError } from './api.js';
import { call } from './call.js';
import { formatDateTime, formatDuration, formatMoney } from './format.js';
import { followLocale, locale, t, term } from './i18n.js';
import { type PolicyData, type Preview, previewApproval } from './payout-preview.js';
import { shared } from './styles.js';

interface Address {
  line1: string;
  line2: string | null;
  city: string;
  region: string | null;
  postalCode: string | null;
  countryCode: string;
}

interface ClaimData {
  id: string;
  reference: string;
  type: 'LOSS' | 'PARTIAL_LOSS' | 'DAMAGE';
  status: 'NEEDS_DOCUMENTS' | 'UNDER_REVIEW' | 'APPROVED' | 'REJECTED' | 'PAID';
  description: string;
  memberId: string;
  filedAt: string;
  dueAt: string | null;
  overdue: boolean;
  flags: string[];
  missingDocuments: string[];
  paidAt: string | null;
  payoutReference: string | null;
  riskSignals?: { code: string; detail: string }[];
  documents: {
    id: string;
    kind: string;
    fileName: string;
    contentType: string;
    byteSize: number;
    uploadedAt: string | null;
    url: string | null;
  }[];
  timeline: {
    at: string;
    status: string;
    fromStatus: string | null;
    actor: string;
    note: string | null;
  }[];
  decision: {
    outcome: string;
    payable: Money;
    reasonCodes: string[];
    breakdown: { label: string; rule: string; amount: Money }[];
    decidedAt: string;
    note: string | null;
  } | null;
  package: {
    trackingNumber: string;
    status: string;
    declaredValue: Money;
    salePrice: Money;
    shippingFee: Money;
    paidTotal: Money;
    maxCompensation: Money;
    estimatedWeightGrams: number | null;
    actualWeightGrams: number | null;
    deliveryAddress: Address | null;
    memberCenterAddress: Address | null;
    shippedAt: string | null;
    deliveredAt: string | null;
    signedBy: string | null;
    flags: string[];
  };
  guarantee: {
    orderNumber: string;
    status: string;
    productValue: Money;
    fee: Money;
    policyVersion: string;
    purchasedAt: string;
    storefront: { name: string } | null;
    policy: PolicyData;
  };
}

const MONEY = 'amount currencyCode';
const CLAIM_FIELDS = `
  id reference type status description memberId filedAt dueAt overdue flags missingDocuments
  paidAt payoutReference
  RISK_SIGNALS
  documents { id kind fileName contentType byteSize uploadedAt url }
  timeline { at status fromStatus actor note }
  decision { outcome payable { ${MONEY} } reasonCodes breakdown { label rule amount { ${MONEY} } } decidedAt note }
  package {
    trackingNumber status declaredValue { ${MONEY} } salePrice { ${MONEY} } shippingFee { ${MONEY} }
    paidTotal { ${MONEY} } maxCompensation { ${MONEY} } estimatedWeightGrams actualWeightGrams
    deliveryAddress { line1 line2 city region postalCode countryCode }
    memberCenterAddress { line1 line2 city region postalCode countryCode }
    shippedAt deliveredAt signedBy flags
  }
  guarantee {
    orderNumber status productValue { ${MONEY} } fee { ${MONEY} } policyVersion purchasedAt
    storefront { name }
    policy {
      version feeRate minimumFee { ${MONEY} } maxCompensationPerPackage { ${MONEY} }
      lossShippingShare damageShippingShare damageProductCap { ${MONEY} } claimWindowHours
      unclaimedDays lossClaimableAfterDays responseDays weightShortfallShare
      weightShortfallMinGrams quoteLifetimeMinutes
      requiredDocuments { claimType documentKinds }
      exclusions { code kind title description translations { locale title description } }
    }
  }
`.replace('RISK_SIGNALS', 'riskSignals { code detail }');

const CLAIM_QUERY = `query ConsoleClaim($id: ID!) { claim(id: $id) { ${CLAIM_FIELDS} } }`;
const DECIDE = `mutation ConsoleDecide($input: DecideClaimInput!) {
  decideClaim(input: $input) { claim { ${CLAIM_FIELDS} } userErrors { field message code } }
}`;
const PAYOUT = `mutation ConsolePayout($input: RecordClaimPayoutInput!) {
  recordClaimPayout(input: $input) { claim { ${CLAIM_FIELDS} } userErrors { field message code } }
}`;

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp']);

/** Refusals by the form field they belong to (the input path after `input`). */
function byField(errors: UserError[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const error of errors) {
    const path = error.field ?? [];
    const name = (path[0] === 'input' ? path[1] : path[0]) ?? '';
    map.set(name, [...(map.get(name) ?? []), error.message]);
  }
  return map;
}

/**
 * One claim: its package, guarantee, risk signals, documents, timeline and what is missing;
 * the decision with the payout previewed as the audited amount is typed; the payout record.
 */
@customElement('lg-claim-view')
export class LgClaimView extends LitElement {
  static override styles = [
    shared,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr));
        gap: 1rem;
      }
      .grid section {
        margin: 0;
        min-width: 0;
      }
      .documents {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        list-style: none;
        padding: 0;
      }
      .documents figure {
        margin: 0;
      }
      .documents img {
        display: block;
        width: 100%;
        max-width: 28rem;
        max-height: 24rem;
        object-fit: contain;
        border: 1px solid #d5d9df;
        background: #f0f2f5;
      }
      fieldset {
        border: 1px solid #d5d9df;
        border-radius: 6px;
        margin: 0 0 1rem;
        padding: 0.75rem 1rem;
      }
      legend {
        font-weight: 700;
      }
      .reasons {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr));
        gap: 0.35rem 1rem;
      }
      .reasons label {
        font-weight: 400;
        display: flex;
        gap: 0.4rem;
        align-items: start;
      }
      .field {
        margin-bottom: 0.75rem;
      }
      .preview {
        margin: 0.75rem 0;
      }
      tfoot th,
      tfoot td {
        font-weight: 700;
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
      }
      ol.timeline {
        padding-inline-start: 1.25rem;
      }
    `,
  ];

  constructor() {
    super();
    followLocale(this);
  }

  @property({ attribute: false }) key = '';
  @property({ attribute: false }) claimId = '';
  @state() private claim: ClaimData | null = null;
  @state() private loadError = '';
  @state() private loaded = false;
  @state() private audited = '';
  @state() private decideErrors = new Map<string, string[]>();
  @state() private payoutErrors = new Map<string, string[]>();
  @state() private busy = false;
  @state() private announcement = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('claimId') && changed.get('claimId') !== undefined) void this.load();
  }

  private async load() {
    this.loaded = false;
    this.loadError = '';
    try {
      const data = await call<{ claim: ClaimData | null }>(this, this.key, CLAIM_QUERY, {
        id: this.claimId,
      });
      this.claim = data.claim;
    } catch (error) {
      this.loadError = error instanceof Error ? error.message : String(error);
    } finally {
      this.loaded = true;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('h1')?.focus();
  }

  private reasonTitle(code: string): { title: string; description: string } {
    const exclusion = this.claim?.guarantee.policy.exclusions.find((e) => e.code === code);
    if (!exclusion) return { title: code, description: '' };
    const translated = exclusion.translations.find((w) => w.locale === locale());
    return translated ?? exclusion;
  }

  private async handleDecide(event: SubmitEvent) {
    event.preventDefault();
    const claim = this.claim;
    if (!claim) return;
    const submitter = event.submitter as HTMLButtonElement | null;
    const outcome = submitter?.value === 'REJECT' ? 'REJECT' : 'APPROVE';
    const form = event.currentTarget as HTMLFormElement;
    const note = (form.elements.namedItem('note') as HTMLTextAreaElement).value.trim();
    const input: Record<string, unknown> = { claimId: claim.id, outcome };
    if (note) input.note = note;
    if (outcome === 'APPROVE' && claim.type !== 'LOSS') {
      input.auditedAmount = {
        amount: this.audited.trim(),
        currencyCode: claim.guarantee.policy.maxCompensationPerPackage.currencyCode,
      };
    }
    if (outcome === 'REJECT') {
      input.reasonCodes = [
        ...form.querySelectorAll<HTMLInputElement>('input[name="reason"]:checked'),
      ].map((box) => box.value as ClaimReasonCode);
    }
    await this.mutate('decideClaim', DECIDE, input, (errors) => {
      this.decideErrors = errors;
    });
  }

  private async handlePayout(event: SubmitEvent) {
    event.preventDefault();
    const claim = this.claim;
    if (!claim) return;
    const form = event.currentTarget as HTMLFormElement;
    const reference = (form.elements.namedItem('reference') as HTMLInputElement).value.trim();
    await this.mutate('recordClaimPayout', PAYOUT, { claimId: claim.id, reference }, (errors) => {
      this.payoutErrors = errors;
    });
  }

  private async mutate(
    name: 'decideClaim' | 'recordClaimPayout',
    query: string,
    input: Record<string, unknown>,
    showErrors: (errors: Map<string, string[]>) => void,
  ) {
    this.busy = true;
    showErrors(new Map());
    try {
      const data = await call<Record<string, { claim: ClaimData | null; userErrors: UserError[] }>>(
        this,
        this.key,
        query,
        { input },
      );
      const payload = data[name];
      if (!payload) return;
      if (payload.userErrors.length > 0) {
        showErrors(byField(payload.userErrors));
        return;
      }
      if (payload.claim) {
        this.claim = payload.claim;
        this.audited = '';
        this.announcement = t('saved');
      }
    } catch (error) {
      showErrors(new Map([['', [error instanceof Error ? error.message : String(error)]]]));
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const back = html`<p><a href="#/queue">${t('backToQueue')}</a></p>`;
    if (!this.loaded && !this.claim) return html`${back}<p role="status">${t('loading')}</p>`;
    if (this.loadError)
      return html`${back}
        <p class="error" role="alert">${this.loadError}</p>
        <button @click=${() => this.load()}>${t('retry')}</button>`;
    const claim = this.claim;
    if (!claim) return html`${back}<h1 tabindex="-1">${t('claim')}</h1><p>${t('notFound')}</p>`;
    return html`
      ${back}
      <h1 tabindex="-1">${t('claim')} ${claim.reference}</h1>
      <p>
        <span class="badge">${term(claim.type)}</span>
        <span class="badge">${term(claim.status)}</span>
        ${this.renderDue(claim)}
      </p>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
      <div class="grid">
        <section aria-labelledby="description-heading">
          <h2 id="description-heading">${t('description')}</h2>
          <p>${claim.description}</p>
          <dl>
            <dt>${t('member')}</dt>
            <dd>${claim.memberId}</dd>
            <dt>${t('filed')}</dt>
            <dd>${formatDateTime(claim.filedAt)}</dd>
            <dt>${t('claimFlags')}</dt>
            <dd>${this.renderFlags(claim.flags)}</dd>
          </dl>
        </section>
        ${this.renderRisk(claim)} ${this.renderPackage(claim)} ${this.renderGuarantee(claim)}
      </div>
      ${this.renderDocuments(claim)} ${this.renderDecision(claim)} ${this.renderTimeline(claim)}
    `;
  }

  private renderDue(claim: ClaimData) {
    if (!claim.dueAt || !['NEEDS_DOCUMENTS', 'UNDER_REVIEW'].includes(claim.status)) return nothing;
    const left = new Date(claim.dueAt).getTime() - Date.now();
    return claim.overdue || left < 0
      ? html`<span class="overdue">${t('overdueBy', { duration: formatDuration(left) })}</span>`
      : html`<span>${t('left', { duration: formatDuration(left) })}</span>`;
  }

  private renderFlags(flags: string[]) {
    if (flags.length === 0) return t('noFlags');
    return html`${flags.map((flag) => html`<span class="badge warn">${term(flag)}</span> `)}`;
  }

  private renderAddress(address: Address | null) {
    if (!address) return t('notGiven');
    return [
      address.line1,
      address.line2,
      address.city,
      address.region,
      address.postalCode,
      address.countryCode,
    ]
      .filter((part) => part)
      .join(', ');
  }

  private renderRisk(claim: ClaimData) {
    const signals = claim.riskSignals ?? [];
    return html`<section aria-labelledby="risk-heading">
      <h2 id="risk-heading">${t('riskSignals')}</h2>
      <p class="muted">${t('riskSignalsNote')}</p>
      ${
        signals.length === 0
          ? html`<p>${t('noRiskSignals')}</p>`
          : html`<ul>
            ${signals.map(
              (signal) =>
                html`<li><strong>${term(signal.code)}</strong> <code>${signal.code}</code>: ${signal.detail}</li>`,
            )}
          </ul>`
      }
    </section>`;
  }

  private renderPackage(claim: ClaimData) {
    const p = claim.package;
    const grams = (value: number | null) =>
      value === null ? t('notGiven') : t('grams', { value: value.toLocaleString(locale()) });
    return html`<section aria-labelledby="package-heading">
      <h2 id="package-heading">${t('package')}</h2>
      <dl>
        <dt>${t('trackingNumber')}</dt>
        <dd>${p.trackingNumber}</dd>
        <dt>${t('packageStatus')}</dt>
        <dd>${term(p.status)}</dd>
        <dt>${t('declaredValue')}</dt>
        <dd>${formatMoney(p.declaredValue)}</dd>
        <dt>${t('salePrice')}</dt>
        <dd>${formatMoney(p.salePrice)}</dd>
        <dt>${t('shippingFee')}</dt>
        <dd>${formatMoney(p.shippingFee)}</dd>
        <dt>${t('estimatedWeight')}</dt>
        <dd>${grams(p.estimatedWeightGrams)}</dd>
        <dt>${t('actualWeight')}</dt>
        <dd>${grams(p.actualWeightGrams)}</dd>
        <dt>${t('deliveryAddress')}</dt>
        <dd>${this.renderAddress(p.deliveryAddress)}</dd>
        <dt>${t('memberCenterAddress')}</dt>
        <dd>${this.renderAddress(p.memberCenterAddress)}</dd>
        <dt>${t('shippedAt')}</dt>
        <dd>${formatDateTime(p.shippedAt)}</dd>
        <dt>${t('deliveredAt')}</dt>
        <dd>${formatDateTime(p.deliveredAt)}</dd>
        <dt>${t('signedBy')}</dt>
        <dd>${p.signedBy ?? t('notGiven')}</dd>
        <dt>${t('flags')}</dt>
        <dd>${this.renderFlags(p.flags)}</dd>
        <dt>${t('paidTotal')}</dt>
        <dd>${formatMoney(p.paidTotal)}</dd>
        <dt>${t('maxCompensation')}</dt>
        <dd>${formatMoney(p.maxCompensation)}</dd>
      </dl>
    </section>`;
  }

  private renderGuarantee(claim: ClaimData) {
    const g = claim.guarantee;
    return html`<section aria-labelledby="guarantee-heading">
      <h2 id="guarantee-heading">${t('guarantee')}</h2>
      <dl>
        <dt>${t('orderNumber')}</dt>
        <dd>${g.orderNumber}</dd>
        <dt>${t('storefront')}</dt>
        <dd>${g.storefront?.name ?? '—'}</dd>
        <dt>${t('status')}</dt>
        <dd>${term(g.status)}</dd>
        <dt>${t('policyVersion')}</dt>
        <dd>${g.policyVersion}</dd>
        <dt>${t('productValue')}</dt>
        <dd>${formatMoney(g.productValue)}</dd>
        <dt>${t('fee')}</dt>
        <dd>${formatMoney(g.fee)}</dd>
        <dt>${t('purchasedAt')}</dt>
        <dd>${formatDateTime(g.purchasedAt)}</dd>
      </dl>
    </section>`;
  }

  private renderDocuments(claim: ClaimData) {
    return html`<section aria-labelledby="documents-heading">
      <h2 id="documents-heading">${t('documents')}</h2>
      ${
        claim.documents.length === 0
          ? html`<p>${t('noDocuments')}</p>`
          : html`<ul class="documents">
            ${claim.documents.map((doc) => {
              const label = `${term(doc.kind)}: ${doc.fileName}`;
              if (!doc.url) return html`<li>${label} (${t('notUploaded')})</li>`;
              if (IMAGE_TYPES.has(doc.contentType)) {
                return html`<li>
                  <figure>
                    <img src=${doc.url} alt=${label} loading="lazy" />
                    <figcaption>
                      ${label} ·
                      <a href=${doc.url} download=${doc.fileName}>${t('download', { name: doc.fileName })}</a>
                    </figcaption>
                  </figure>
                </li>`;
              }
              return html`<li>
                ${term(doc.kind)}:
                <a href=${doc.url} download=${doc.fileName}>${t('download', { name: doc.fileName })}</a>
                <span class="muted">(${doc.contentType}, ${Math.ceil(doc.byteSize / 1024)} KB)</span>
              </li>`;
            })}
          </ul>`
      }
      <h3>${t('missingDocuments')}</h3>
      ${
        claim.missingDocuments.length === 0
          ? html`<p>${t('nothingMissing')}</p>`
          : html`<ul>
            ${claim.missingDocuments.map((kind) => html`<li class="error">${term(kind)}</li>`)}
          </ul>`
      }
    </section>`;
  }

  private renderErrors(errors: Map<string, string[]>, field: string, id: string) {
    const messages = errors.get(field);
    if (!messages) return nothing;
    return html`<p id=${id} class="error" role="alert">${messages.join(' ')}</p>`;
  }

  private renderDecision(claim: ClaimData) {
    return html`<section aria-labelledby="decision-heading">
      <h2 id="decision-heading">${t('decision')}</h2>
      ${claim.decision ? this.renderRecordedDecision(claim) : nothing}
      ${claim.status === 'APPROVED' ? this.renderPayoutForm() : nothing}
      ${
        ['NEEDS_DOCUMENTS', 'UNDER_REVIEW', 'APPROVED'].includes(claim.status)
          ? this.renderDecideForm(claim)
          : nothing
      }
      ${
        claim.status === 'PAID'
          ? html`<p>
            ${t('paid', {
              amount: formatMoney(claim.decision?.payable),
              date: formatDateTime(claim.paidAt),
              reference: claim.payoutReference ?? '',
            })}
          </p>`
          : nothing
      }
    </section>`;
  }

  private renderRecordedDecision(claim: ClaimData) {
    const decision = claim.decision;
    if (!decision) return nothing;
    return html`<p>
        <strong>${term(decision.outcome)}</strong> · ${formatDateTime(decision.decidedAt)} ·
        ${t('payable')}: <strong>${formatMoney(decision.payable)}</strong>
      </p>
      ${
        decision.breakdown.length > 0
          ? this.renderBreakdown(decision.breakdown, decision.payable, t('breakdown'))
          : nothing
      }
      ${
        decision.reasonCodes.length > 0
          ? html`<p>${t('rejectedFor')}:</p>
            <ul>
              ${decision.reasonCodes.map(
                (code) => html`<li><code>${code}</code> ${this.reasonTitle(code).title}</li>`,
              )}
            </ul>`
          : nothing
      }
      ${decision.note ? html`<p>${decision.note}</p>` : nothing}`;
  }

  private renderBreakdown(
    lines: { label: string; rule: string; amount: Money }[],
    payable: Money,
    caption: string,
  ) {
    return html`<table>
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">${t('line')}</th>
          <th scope="col">${t('rule')}</th>
          <th scope="col" class="num">${t('amount')}</th>
        </tr>
      </thead>
      <tbody>
        ${lines.map(
          (line) => html`<tr>
            <td>${line.label}</td>
            <td>${line.rule}</td>
            <td class="num">${formatMoney(line.amount)}</td>
          </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colspan="2">${t('payable')}</th>
          <td class="num" data-testid="payable">${formatMoney(payable)}</td>
        </tr>
      </tfoot>
    </table>`;
  }

  private renderPreview(preview: Preview) {
    if (!preview.ok) {
      return html`<p class="error" id="preview-refusal">${preview.message}</p>`;
    }
    return this.renderBreakdown(preview.breakdown, preview.payable, t('payoutPreview'));
  }

  private renderDecideForm(claim: ClaimData) {
    const preview =
      claim.status === 'UNDER_REVIEW'
        ? previewApproval(
            {
              status: claim.status,
              type: claim.type,
              package: claim.package,
              policy: claim.guarantee.policy,
            },
            this.audited,
          )
        : null;
    const errors = this.decideErrors;
    const payLabel =
      preview?.ok === true
        ? t('approveClaim', { amount: formatMoney(preview.payable) })
        : t('approve');
    return html`<form @submit=${this.handleDecide} novalidate>
      <h3>${claim.status === 'APPROVED' ? t('rejectBeforePayout') : t('decide')}</h3>
      ${this.renderErrors(errors, '', 'decide-errors')}
      ${claim.status === 'APPROVED' ? nothing : this.renderApproveFieldset(claim, preview, payLabel)}
      <fieldset>
        <legend>${t('reasonCodes')}</legend>
        <div class="reasons">
          ${claim.guarantee.policy.exclusions.map((exclusion) => {
            const wording = this.reasonTitle(exclusion.code);
            return html`<label title=${wording.description}>
              <input type="checkbox" name="reason" value=${exclusion.code} />
              <span>${wording.title} <code class="muted">${exclusion.code}</code></span>
            </label>`;
          })}
        </div>
        ${this.renderErrors(errors, 'reasonCodes', 'reason-errors')}
      </fieldset>
      <div class="field">
        <label for="note">${t('note')}</label>
        <textarea id="note" name="note" rows="2" maxlength="5000"></textarea>
        ${this.renderErrors(errors, 'note', 'note-errors')}
      </div>
      ${['claimId', 'outcome'].map((field) => this.renderErrors(errors, field, `${field}-errors`))}
      <button type="submit" name="outcome" value="REJECT" class="danger" ?disabled=${this.busy}>
        ${t('rejectClaim')}
      </button>
    </form>`;
  }

  private renderApproveFieldset(claim: ClaimData, preview: Preview | null, payLabel: string) {
    const canApprove = claim.status === 'UNDER_REVIEW';
    const currency = claim.guarantee.policy.maxCompensationPerPackage.currencyCode;
    const errors = this.decideErrors;
    const amountNeeded = claim.type !== 'LOSS';
    return html`<fieldset>
        <legend>${t('approve')}</legend>
        ${
          canApprove
            ? html`
              ${
                amountNeeded
                  ? html`<div class="field">
                    <label for="audited">${t('auditedAmount', { currency })}</label>
                    <input
                      id="audited"
                      name="audited"
                      type="text"
                      inputmode="decimal"
                      autocomplete="off"
                      .value=${this.audited}
                      @input=${(e: InputEvent) => {
                        this.audited = (e.target as HTMLInputElement).value;
                      }}
                      aria-describedby="audited-help ${errors.has('auditedAmount') ? 'audited-errors' : ''}"
                      aria-invalid=${errors.has('auditedAmount') ? 'true' : 'false'}
                    />
                    <p id="audited-help" class="muted">
                      ${claim.type === 'DAMAGE' ? t('auditedAmountHelpDamage') : t('auditedAmountHelpPartial')}
                    </p>
                    ${this.renderErrors(errors, 'auditedAmount', 'audited-errors')}
                  </div>`
                  : html`<p class="muted">${t('lossNeedsNoAmount')}</p>`
              }
              <div class="preview" aria-live="polite">
                ${
                  preview && (!amountNeeded || this.audited.trim() !== '')
                    ? this.renderPreview(preview)
                    : nothing
                }
                <p class="muted">${t('payoutPreviewNote')}</p>
              </div>
              <button type="submit" name="outcome" value="APPROVE" ?disabled=${this.busy}>
                ${payLabel}
              </button>
            `
            : html`<p class="muted">${t('cannotApprove')}</p>`
        }
      </fieldset>`;
  }

  private renderPayoutForm() {
    const errors = this.payoutErrors;
    return html`<form @submit=${this.handlePayout} novalidate>
      <h3>${t('recordPayout')}</h3>
      ${this.renderErrors(errors, '', 'payout-form-errors')}
      <div class="field">
        <label for="reference">${t('payoutReference')}</label>
        <input
          id="reference"
          name="reference"
          type="text"
          maxlength="200"
          autocomplete="off"
          aria-invalid=${errors.has('reference') ? 'true' : 'false'}
          aria-describedby=${errors.has('reference') ? 'reference-errors' : nothing}
        />
        ${this.renderErrors(errors, 'reference', 'reference-errors')}
        ${this.renderErrors(errors, 'claimId', 'payout-claim-errors')}
      </div>
      <button type="submit" ?disabled=${this.busy}>${t('recordPayoutButton')}</button>
    </form>`;
  }

  private renderTimeline(claim: ClaimData) {
    return html`<section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">${t('timeline')}</h2>
      <ol class="timeline">
        ${claim.timeline.map(
          (event) => html`<li>
            <strong>${term(event.status)}</strong> · ${formatDateTime(event.at)} ·
            <span class="muted">${event.actor}</span>${event.note ? html` · ${event.note}` : nothing}
          </li>`,
        )}
      </ol>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lg-claim-view': LgClaimView;
  }
}
