import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiError, type Money } from '../api-client.js';
import { formatMoney } from '../logistics-guarantee/i18n/index.js';
import { resolveLocale } from '../logistics-guarantee/presentation.js';
import {
  addClaimDocuments,
  CLAIM_FIELDS,
  type Claim,
  checkEligibility,
  createUpload,
  type Eligibility,
  fileClaim,
  loadMember,
  type MemberData,
  type MemberGuarantee,
  putFile,
} from './claims-api.js';
import {
  CLAIM_FILED_EVENT,
  CLAIM_UPDATED_EVENT,
  DOCUMENTS_ADDED_EVENT,
  type LogisticsGuaranteeClaimDetail,
  type LogisticsGuaranteeClaimsErrorDetail,
  SESSION_EXPIRED_EVENT,
} from './events.js';
import { formatDate, formatDuration, timeLeft } from './format.js';
import { type ClaimsMessages, claimsMessagesFor } from './i18n/index.js';
import { subscribe } from './live.js';
import { styles } from './logistics-guarantee-claims.styles.js';

/** Without a live stream (refused, or not yet open), claims are read again this often. */
const POLL_MS = 10_000;
/** After a failed load, try again after this long, doubling up to the max. */
const RETRY_MS = 5_000;
const MAX_RETRY_MS = 120_000;

const TYPES = ['DAMAGE', 'PARTIAL_LOSS', 'LOSS'];
const OPEN = ['NEEDS_DOCUMENTS', 'UNDER_REVIEW', 'APPROVED'];
const UPDATED = `subscription ClaimUpdated{claimUpdated{${CLAIM_FIELDS}}}`;

/** One file on its way to becoming a document. */
interface Upload {
  kind: string;
  name: string;
  progress: number;
  documentId?: string;
  error?: string;
}

/** The filing form: `tracking` and `type` are picked first, then eligibility is asked. */
interface Draft {
  tracking: string;
  type: string;
  /** undefined: not asked yet (or asking); null: the question failed. */
  eligibility?: Eligibility | null;
  description: string;
  submitting: boolean;
  error: string;
}

const emptyDraft = (): Draft => ({
  tracking: '',
  type: '',
  description: '',
  submitting: false,
  error: '',
});

type Phase = 'loading' | 'ready' | 'error' | 'expired';

/**
 * The properties' camelCase names as attributes. Before the element is defined it has no
 * `sessionToken` property, so React 19 (`sessionToken={...}`) and Vue (`:sessionToken`) set
 * an attribute of that name instead, which HTML lowercases. Read them, or a script loaded
 * after the app rendered would never see the session. Once defined, both set the property.
 */
const CAMEL_ATTRIBUTES: Record<string, 'sessionToken' | 'apiUrl'> = {
  sessiontoken: 'sessionToken',
  apiurl: 'apiUrl',
};

/**
 * A member's protected orders and claims, for a storefront's member center: guarantees, their
 * packages, and claims with status, due date, decision and history; files a claim after
 * showing whether it can be filed (and until when, and for how much), uploads the required
 * documents with progress, and follows every claim live.
 *
 * @tagname logistics-guarantee-claims
 * @summary Member center: protected orders, packages and claims, with filing and live status.
 *
 * @fires {LogisticsGuaranteeClaimEvent} logistics-guarantee-claim-filed - A claim was filed. `detail`: `{ claimId, reference, status }`.
 * @fires {LogisticsGuaranteeClaimEvent} logistics-guarantee-claim-updated - A claim's status changed (live or on a refresh). `detail`: `{ claimId, reference, status }`.
 * @fires {LogisticsGuaranteeClaimEvent} logistics-guarantee-documents-added - Documents were added to a claim waiting for them. `detail`: `{ claimId, reference, status }`.
 * @fires {LogisticsGuaranteeSessionExpiredEvent} logistics-guarantee-session-expired - The API refused the session: set a new `session-token` to resume. `detail`: `{ code }`.
 * @fires {CustomEvent} logistics-guarantee-error - Loading failed (retried by itself). `detail`: `{ code, message }`.
 *
 * @csspart base - The box around everything.
 * @csspart heading - The element's heading.
 * @csspart message - The quiet loading, failure or session-ended line.
 * @csspart order - One guarantee (an order) with its packages.
 * @csspart package - One package row: tracking number, status, flags.
 * @csspart claim - One claim.
 * @csspart status - A claim's status badge.
 * @csspart decision - The decision: amount, breakdown or reasons.
 * @csspart timeline - A claim's history.
 * @csspart form - The filing form.
 * @csspart eligibility - Why a claim cannot be filed, or until when and for how much it can.
 * @csspart countdown - The time left to file.
 * @csspart uploads - A list of files being uploaded.
 * @csspart file - One file: name, progress or error.
 * @csspart notice - The keep-the-evidence notice (POLICY R18).
 * @csspart button - The buttons.
 *
 * @cssprop [--lg-color=inherit] - Text colour; borders derive from it.
 * @cssprop [--lg-background=transparent] - Background of the boxes.
 * @cssprop [--lg-border-color=currentColor at 25%] - Border colour of the boxes.
 * @cssprop [--lg-radius=8px] - Corner radius of boxes and buttons.
 * @cssprop [--lg-padding=12px 16px] - Padding of the boxes.
 * @cssprop [--lg-accent-color=transparent] - Button background and focus ring.
 * @cssprop [--lg-accent-text-color=inherit] - Button text colour.
 * @cssprop [--lg-error-color=#b3261e] - Refusals and upload errors.
 * @cssprop [--lg-font-size=inherit] - Base font size.
 */
export class LogisticsGuaranteeClaims extends LitElement {
  static override styles = styles;
  static override properties = {
    sessionToken: { attribute: 'session-token' },
    apiUrl: { attribute: 'api-url' },
    locale: {},
    phase: { state: true, attribute: false },
    data: { state: true, attribute: false },
    draft: { state: true, attribute: false },
    uploads: { state: true, attribute: false },
    now: { state: true, attribute: false },
    announcement: { state: true, attribute: false },
  };

  /** The member session from `createMemberSession`. Set a new one to resume after it expired. */
  sessionToken = '';

  /** The GraphQL endpoint. Defaults to `/graphql` on the origin that served this script. */
  apiUrl: string = new URL(/* @vite-ignore */ '/graphql', import.meta.url).href;

  /** BCP 47 locale for text, money and dates. Defaults to `<html lang>`, else the browser's. */
  locale = '';

  private phase: Phase = 'loading';
  private data?: MemberData;
  private draft: Draft = emptyDraft();
  /** Files by where they go: `new` (the filing form) or a claim's id. */
  private uploads: Record<string, Upload[]> = {};
  private now = Date.now();
  private announcement = '';
  /**
   * True while claim updates arrive live over the stream; false while the element polls
   * instead (stream refused, or reconnecting after a drop). Read-only.
   */
  get live(): boolean {
    return this.streaming;
  }

  /** Bumped on every new session: answers for an older one are dropped, never shown. */
  private generation = 0;
  private stopLive?: () => void;
  private streaming = false;
  private timer?: ReturnType<typeof setTimeout>;
  private ticker?: ReturnType<typeof setInterval>;
  private retryMs = RETRY_MS;

  static override get observedAttributes(): string[] {
    // biome-ignore lint/complexity/noThisInStatic: Lit's getter reads `this`, this class's properties
    return [...super.observedAttributes, ...Object.keys(CAMEL_ATTRIBUTES)];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    const property = CAMEL_ATTRIBUTES[name];
    if (!property) super.attributeChangedCallback(name, old, value);
    else if (value !== null) this[property] = value;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('sessionToken') || changed.has('apiUrl')) this.start();
  }

  /** Forgets everything of the previous session and loads this one's data. */
  private start(): void {
    this.stop();
    this.generation++;
    this.data = undefined;
    this.draft = emptyDraft();
    this.uploads = {};
    this.retryMs = RETRY_MS;
    this.phase = 'loading';
    if (this.sessionToken) void this.load(true);
  }

  private stop(): void {
    this.stopLive?.();
    this.stopLive = undefined;
    this.streaming = false;
    clearTimeout(this.timer);
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  /** Reads the member's data; `first` also opens the live stream once it is in. */
  private async load(first = false): Promise<void> {
    const generation = this.generation;
    clearTimeout(this.timer);
    try {
      const data = await loadMember(this.apiUrl, this.sessionToken);
      if (generation !== this.generation) return;
      const before = this.data;
      this.data = data;
      this.phase = 'ready';
      this.retryMs = RETRY_MS;
      if (before) for (const claim of data.claims) this.noticeChange(before.claims, claim);
      if (first) this.openLive(generation);
      if (!this.streaming) this.timer = setTimeout(() => void this.load(), POLL_MS);
    } catch (error) {
      if (generation !== this.generation) return;
      if (this.failed(error)) return;
      // Data already shown stays: it was this session's, and the next load refreshes it.
      if (!this.data) this.phase = 'error';
      this.timer = setTimeout(() => void this.load(first), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
    }
  }

  private openLive(generation: number): void {
    const url = `${this.apiUrl.replace(/\/$/, '')}/stream`;
    this.stopLive = subscribe(url, this.sessionToken, UPDATED, {
      open: () => {
        if (generation !== this.generation) return;
        this.streaming = true;
        clearTimeout(this.timer);
        // Changes made before the stream opened (since the first read, or while it was down)
        // were not sent on it: read them once.
        void this.load();
      },
      data: (data) => {
        if (generation !== this.generation) return;
        this.upsert((data as { claimUpdated: Claim }).claimUpdated);
      },
      dropped: () => {
        if (generation !== this.generation) return;
        this.streaming = false;
        this.timer = setTimeout(() => void this.load(), POLL_MS);
      },
      refused: () => {
        if (generation !== this.generation) return;
        this.streaming = false;
        this.timer = setTimeout(() => void this.load(), POLL_MS);
      },
      unauthenticated: () => {
        if (generation === this.generation) this.expire('UNAUTHENTICATED');
      },
    });
  }

  /**
   * Handles a failure every request shares: an ended session hides the data and asks the
   * page for a new token. Returns true when it did; other failures are reported as errors.
   */
  private failed(error: unknown): boolean {
    const code = error instanceof ApiError ? error.code : 'NETWORK_ERROR';
    if (code === 'UNAUTHENTICATED') {
      this.expire(code);
      return true;
    }
    this.emit<LogisticsGuaranteeClaimsErrorDetail>('logistics-guarantee-error', {
      code,
      message: error instanceof Error ? error.message : String(error),
    });
    return false;
  }

  private expire(code: string): void {
    if (this.phase === 'expired') return;
    this.stop();
    this.generation++;
    this.data = undefined;
    this.uploads = {};
    this.draft = emptyDraft();
    this.phase = 'expired';
    this.emit(SESSION_EXPIRED_EVENT, { code });
  }

  /** A claim as the API returned it, replacing the one held; announced when its status moved. */
  private upsert(claim: Claim): void {
    if (!this.data) return;
    const claims = this.data.claims;
    const i = claims.findIndex((c) => c.id === claim.id);
    this.noticeChange(claims, claim);
    this.data = {
      ...this.data,
      claims: i < 0 ? [claim, ...claims] : claims.map((c) => (c.id === claim.id ? claim : c)),
    };
  }

  private noticeChange(before: Claim[], claim: Claim): void {
    const old = before.find((c) => c.id === claim.id);
    if (!old || old.status === claim.status) return;
    this.say(claim);
    this.emit(CLAIM_UPDATED_EVENT, detailOf(claim));
  }

  private say(claim: Claim): void {
    const m = this.messages();
    this.announcement = m.announce(claim.reference, m.status[claim.status] ?? claim.status);
  }

  // ---- filing ----

  private pick(patch: Partial<Draft>): void {
    this.draft = { ...this.draft, ...patch, eligibility: undefined, error: '' };
    const { tracking, type } = this.draft;
    clearInterval(this.ticker);
    this.ticker = undefined;
    if (!tracking || !type) return;
    const generation = this.generation;
    checkEligibility(this.apiUrl, this.sessionToken, tracking, type).then(
      (eligibility) => {
        const d = this.draft;
        if (generation !== this.generation || d.tracking !== tracking || d.type !== type) return;
        this.draft = { ...d, eligibility };
        if (eligibility.eligible && eligibility.deadline) {
          this.now = Date.now();
          this.ticker = setInterval(() => this.tick(), 1000);
        }
      },
      (error) => {
        if (generation !== this.generation || this.failed(error)) return;
        this.draft = { ...this.draft, eligibility: null };
      },
    );
  }

  private tick(): void {
    this.now = Date.now();
    const deadline = this.draft.eligibility?.deadline;
    // The window closed while the form was open: ask again, the API says why not.
    if (deadline && timeLeft(deadline, this.now) === null) this.pick({});
  }

  private addFiles(key: string, kind: string, input: HTMLInputElement): void {
    for (const file of input.files ?? []) void this.upload(key, kind, file);
    input.value = '';
  }

  private async upload(key: string, kind: string, file: File): Promise<void> {
    const generation = this.generation;
    const item: Upload = { kind, name: file.name, progress: 0 };
    const set = (patch: Partial<Upload>) => {
      if (generation !== this.generation) return;
      Object.assign(item, patch);
      this.uploads = { ...this.uploads, [key]: [...(this.uploads[key] ?? [])] };
    };
    this.uploads = { ...this.uploads, [key]: [...(this.uploads[key] ?? []), item] };
    const contentType = file.type || 'application/octet-stream';
    try {
      const upload = await createUpload(this.apiUrl, this.sessionToken, {
        kind,
        fileName: file.name,
        contentType,
        byteSize: file.size,
      });
      await putFile(new URL(upload.url, this.apiUrl).href, file, contentType, (progress) =>
        set({ progress }),
      );
      set({ progress: 100, documentId: upload.documentId });
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED')
        return this.expire(error.code);
      set({ error: (error instanceof Error && error.message) || this.messages().uploadFailed });
    }
  }

  private discard(key: string, item: Upload): void {
    this.uploads = { ...this.uploads, [key]: (this.uploads[key] ?? []).filter((u) => u !== item) };
  }

  private documentIds(key: string): string[] {
    return (this.uploads[key] ?? []).flatMap((u) => (u.documentId ? [u.documentId] : []));
  }

  private busy(key: string): boolean {
    return (this.uploads[key] ?? []).some((u) => !u.documentId && !u.error);
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const generation = this.generation;
    const { tracking, type, description } = this.draft;
    this.draft = { ...this.draft, submitting: true, error: '' };
    try {
      const claim = await fileClaim(this.apiUrl, this.sessionToken, {
        trackingNumber: tracking,
        type,
        description,
        documentIds: this.documentIds('new'),
      });
      if (generation !== this.generation) return;
      clearInterval(this.ticker);
      this.draft = emptyDraft();
      this.uploads = { ...this.uploads, new: [] };
      this.upsert(claim);
      this.say(claim);
      this.emit(CLAIM_FILED_EVENT, detailOf(claim));
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED')
        return this.expire(error.code);
      this.draft = { ...this.draft, submitting: false, error: (error as Error).message };
    }
  }

  private async sendDocuments(claim: Claim): Promise<void> {
    const generation = this.generation;
    try {
      const updated = await addClaimDocuments(this.apiUrl, this.sessionToken, {
        claimId: claim.id,
        documentIds: this.documentIds(claim.id),
      });
      if (generation !== this.generation) return;
      this.uploads = { ...this.uploads, [claim.id]: [] };
      this.upsert(updated);
      this.say(updated);
      this.emit(DOCUMENTS_ADDED_EVENT, detailOf(updated));
    } catch (error) {
      if (generation !== this.generation) return;
      if (!this.failed(error)) this.announcement = (error as Error).message;
    }
  }

  // ---- rendering ----

  private messages(): ClaimsMessages {
    return claimsMessagesFor(resolveLocale(this.locale));
  }

  protected override render(): TemplateResult {
    const locale = resolveLocale(this.locale);
    const m = claimsMessagesFor(locale);
    const data = this.data;
    const message =
      this.phase === 'expired'
        ? m.expired
        : this.phase === 'error'
          ? m.unavailable
          : this.phase === 'loading' && this.sessionToken
            ? m.loading
            : '';
    return html`<div part="base" lang=${locale}>
      <h2 part="heading">${m.heading}</h2>
      <p part="message" role="status" ?hidden=${!message}>${message}</p>
      ${data ? this.renderData(data, m, locale) : nothing}
      <div class="sr" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  private renderData(data: MemberData, m: ClaimsMessages, locale: string): TemplateResult {
    const shown = new Set<string>();
    const orders = data.guarantees.map((g) => {
      const claims = data.claims.filter((c) => c.guarantee.id === g.id);
      for (const c of claims) shown.add(c.id);
      return this.renderOrder(g, claims, m, locale);
    });
    const others = data.claims.filter((c) => !shown.has(c.id));
    return html`${data.guarantees.length ? orders : html`<p>${m.noOrders}</p>`}
      ${others.length ? html`<section><h3>${m.claims}</h3>${others.map((c) => this.renderClaim(c, m, locale))}</section>` : nothing}
      ${this.renderForm(data, m, locale)}`;
  }

  private renderOrder(g: MemberGuarantee, claims: Claim[], m: ClaimsMessages, locale: string) {
    return html`<section part="order">
      <h3>${m.order(g.orderNumber)} <span class="badge">${m.guarantee[g.status] ?? g.status}</span></h3>
      <dl><dt>${m.fee}</dt><dd>${formatMoney(g.fee, locale)}</dd></dl>
      <h4>${m.packages}</h4>
      <ul>
        ${g.packages.map(
          (p) => html`<li part="package">
            <span class="sr">${m.tracking}</span> <code>${p.trackingNumber}</code>
            <span class="badge">${m.packageStatus[p.status] ?? p.status}</span>
            ${p.flags.map((f) => html` <span class="badge">${m.flag[f] ?? f}</span>`)}
          </li>`,
        )}
      </ul>
      ${claims.length ? html`<h4>${m.claims}</h4>${claims.map((c) => this.renderClaim(c, m, locale))}` : nothing}
    </section>`;
  }

  private renderClaim(c: Claim, m: ClaimsMessages, locale: string) {
    const d = c.decision;
    return html`<article part="claim" data-claim=${c.id}>
      <h4>${c.reference} <span part="status" class="badge">${m.status[c.status] ?? c.status}</span></h4>
      <p>${m.type[c.type] ?? c.type} · <code>${c.package.trackingNumber}</code> · ${m.filed(formatDate(c.filedAt, locale))}</p>
      ${c.dueAt && !d ? html`<p>${m.due(formatDate(c.dueAt, locale))}</p>` : nothing}
      ${d ? this.renderDecision(d, m, locale) : nothing}
      ${c.paidAt ? html`<p>${m.paid(formatDate(c.paidAt, locale), c.payoutReference ?? '')}</p>` : nothing}
      ${c.documents.length ? html`<p>${m.documents}: ${c.documents.map((doc) => doc.fileName).join(', ')}</p>` : nothing}
      ${c.status === 'NEEDS_DOCUMENTS' ? this.renderCompletion(c, m) : nothing}
      ${OPEN.includes(c.status) ? html`<p part="notice">${m.keepEvidence}</p>` : nothing}
      <details>
        <summary>${m.timeline}</summary>
        <ol part="timeline">
          ${c.timeline.map(
            (e) =>
              html`<li>${formatDate(e.at, locale)}: ${m.status[e.status] ?? e.status}${e.note ? ` (${e.note})` : ''}</li>`,
          )}
        </ol>
      </details>
    </article>`;
  }

  private renderDecision(d: NonNullable<Claim['decision']>, m: ClaimsMessages, locale: string) {
    const money = (x: Money) => formatMoney(x, locale);
    return html`<div part="decision">
      <p><strong>${d.outcome === 'APPROVE' ? m.approved(money(d.payable)) : m.rejected}</strong></p>
      ${
        d.outcome === 'APPROVE' && d.breakdown.length
          ? html`<table>
            <caption class="sr">${m.breakdown}</caption>
            ${d.breakdown.map((l) => html`<tr><td>${l.label}</td><td>${l.rule}</td><td>${money(l.amount)}</td></tr>`)}
          </table>`
          : nothing
      }
      ${d.reasonCodes.length ? html`<ul>${d.reasonCodes.map((r) => html`<li>${this.reasonText(r, m)}</li>`)}</ul>` : nothing}
      ${d.note ? html`<p>${d.note}</p>` : nothing}
    </div>`;
  }

  /** A reason in words: the policy's title (translated) where the API has one, else ours. */
  private reasonText(code: string, m: ClaimsMessages): string {
    const reason = this.data?.policy.exclusions.find((e) => e.code === code);
    if (reason) return reason.translations.find((t) => t.locale === m.lang)?.title ?? reason.title;
    return m.reason[code] ?? code;
  }

  private renderCompletion(c: Claim, m: ClaimsMessages) {
    const kinds = c.missingDocuments;
    const ready = this.documentIds(c.id).length > 0 && !this.busy(c.id);
    return html`<fieldset>
      <legend>${m.addDocuments}</legend>
      <p>${m.missing}: ${kinds.map((k) => m.kind[k] ?? k).join(', ')}</p>
      ${this.renderUploader(c.id, kinds, m)}
      <button part="button" type="button" ?disabled=${!ready} @click=${() => this.sendDocuments(c)}>${m.sendDocuments}</button>
    </fieldset>`;
  }

  private renderUploader(key: string, kinds: string[], m: ClaimsMessages) {
    const files = this.uploads[key] ?? [];
    return html`${kinds.map(
      (kind) => html`<label>${m.kind[kind] ?? kind}
        <input type="file" multiple data-kind=${kind} @change=${(e: Event) => this.addFiles(key, kind, e.target as HTMLInputElement)} /></label>`,
    )}
      <ul part="uploads" ?hidden=${!files.length}>
        ${files.map(
          (u) => html`<li part="file">
            ${m.kind[u.kind] ?? u.kind}: ${u.name}
            ${
              u.error
                ? html`<span class="error" role="alert">${u.error}</span>`
                : u.documentId
                  ? html`<span>${m.uploaded}</span>`
                  : html`<progress max="100" .value=${u.progress} aria-label=${`${u.name}: ${m.uploading(u.progress)}`}></progress>`
            }
            <button part="button" type="button" @click=${() => this.discard(key, u)} aria-label=${`${m.remove} ${u.name}`}>${m.remove}</button>
          </li>`,
        )}
      </ul>`;
  }

  private renderForm(data: MemberData, m: ClaimsMessages, locale: string) {
    const packages = data.guarantees
      .filter((g) => g.status === 'ACTIVE')
      .flatMap((g) => g.packages);
    if (!packages.length) return nothing;
    const d = this.draft;
    const e = d.eligibility;
    const kinds =
      data.policy.requiredDocuments.find((r) => r.claimType === d.type)?.documentKinds ?? [];
    const uploaded = new Set(
      (this.uploads.new ?? []).filter((u) => u.documentId).map((u) => u.kind),
    );
    const missing = kinds.filter((k) => !uploaded.has(k));
    const left = e?.deadline ? timeLeft(e.deadline, this.now) : null;
    return html`<form part="form" @submit=${this.submit}>
      <h3>${m.fileClaim}</h3>
      <label>${m.pickPackage}
        <select name="package" .value=${d.tracking} @change=${(ev: Event) => this.pick({ tracking: (ev.target as HTMLSelectElement).value })}>
          <option value="">—</option>
          ${packages.map((p) => html`<option value=${p.trackingNumber} ?selected=${p.trackingNumber === d.tracking}>${p.trackingNumber} · ${m.packageStatus[p.status] ?? p.status}</option>`)}
        </select>
      </label>
      <fieldset>
        <legend>${m.pickType}</legend>
        ${TYPES.map(
          (t) =>
            html`<label><input type="radio" name="type" value=${t} .checked=${d.type === t} @change=${() => this.pick({ type: t })} /> ${m.type[t]}</label>`,
        )}
      </fieldset>
      <div part="eligibility" ?hidden=${!d.tracking || !d.type}>
        ${
          e === undefined
            ? html`<p>${m.checking}</p>`
            : e === null
              ? html`<p>${m.unavailable}</p>`
              : e.eligible
                ? html`${e.deadline ? html`<p part="countdown">${m.timeLeft(formatDuration(left ?? 0, locale), formatDate(e.deadline, locale))}</p>` : nothing}
                ${e.maxPayable ? html`<p>${m.maxPayable(formatMoney(e.maxPayable, locale))}</p>` : nothing}`
                : html`<p>${m.notEligible}</p>
                  <ul>${e.reasons.map((r) => html`<li data-reason=${r}>${this.reasonText(r, m)}</li>`)}</ul>`
        }
      </div>
      ${
        e?.eligible
          ? html`<label>${m.description}
              <textarea name="description" required maxlength="5000" rows="3" .value=${d.description}
                @input=${(ev: Event) => {
                  this.draft = {
                    ...this.draft,
                    description: (ev.target as HTMLTextAreaElement).value,
                  };
                }}></textarea></label>
            <fieldset>
              <legend>${m.documents}</legend>
              ${this.renderUploader('new', kinds, m)}
              ${missing.length ? html`<p>${m.missing}: ${missing.map((k) => m.kind[k] ?? k).join(', ')}</p>` : nothing}
            </fieldset>
            <p part="notice">${m.keepEvidence}</p>
            <p class="error" role="alert" ?hidden=${!d.error}>${d.error}</p>
            <button part="button" type="submit" ?disabled=${d.submitting || this.busy('new')}>${d.submitting ? m.submitting : m.submit}</button>`
          : nothing
      }
    </form>`;
  }

  private emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

const detailOf = (c: Claim): LogisticsGuaranteeClaimDetail => ({
  claimId: c.id,
  reference: c.reference,
  status: c.status,
});

declare global {
  interface HTMLElementTagNameMap {
    'logistics-guarantee-claims': LogisticsGuaranteeClaims;
  }
}
