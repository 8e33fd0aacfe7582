import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Money } from './api.js';
import { call, STOREFRONTS_QUERY, type StorefrontOption } from './call.js';
import { formatDateTime, formatDuration } from './format.js';
import { followLocale, t, term } from './i18n.js';
import { LatestOnly } from './latest-only.js';
import { shared } from './styles.js';

const PAGE_SIZES = [10, 25, 50, 100] as const;
const STATUSES = ['NEEDS_DOCUMENTS', 'UNDER_REVIEW', 'APPROVED', 'REJECTED', 'PAID'] as const;
const OPEN = ['NEEDS_DOCUMENTS', 'UNDER_REVIEW', 'APPROVED'];
const TYPES = ['LOSS', 'PARTIAL_LOSS', 'DAMAGE'] as const;

interface QueueClaim {
  id: string;
  reference: string;
  type: string;
  status: string;
  filedAt: string;
  dueAt: string | null;
  overdue: boolean;
  memberId: string;
  guarantee: { orderNumber: string; storefront: { name: string } | null };
  decision: { payable: Money } | null;
}

interface QueuePage {
  claims: {
    totalCount: number;
    pageInfo: {
      hasNextPage: boolean;
      hasPreviousPage: boolean;
      startCursor: string | null;
      endCursor: string | null;
    };
    nodes: QueueClaim[];
  };
}

const QUEUE_QUERY = `query ConsoleQueue($first: Int, $after: String, $last: Int, $before: String, $filter: ClaimFilter) {
  claims(first: $first, after: $after, last: $last, before: $before, filter: $filter) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes {
      id reference type status filedAt dueAt overdue memberId
      guarantee { orderNumber storefront { name } }
      decision { payable { amount currencyCode } }
    }
  }
}`;

interface Filters {
  status: string;
  type: string;
  storefrontId: string;
  overdue: boolean;
  pageSize: number;
}

/** Where the adjuster was, kept while the tab lives so "back to the queue" returns there. */
const remembered: { filters: Filters; page: { after?: string; before?: string } } = {
  filters: { status: 'OPEN', type: '', storefrontId: '', overdue: false, pageSize: 50 },
  page: {},
};

/** The claim queue: by due time, overdue first and highlighted, filtered, in keyset pages. */
@customElement('lg-claim-queue')
export class LgClaimQueue extends LitElement {
  static override styles = [
    shared,
    css`
      form.filters {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: end;
      }
      form.filters .check {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
      form.filters .check label {
        margin: 0;
      }
      .pager {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        margin-top: 0.75rem;
      }
    `,
  ];

  constructor() {
    super();
    followLocale(this);
  }

  @property({ attribute: false }) key = '';
  @state() private filters: Filters = { ...remembered.filters };
  @state() private data: QueuePage['claims'] | null = null;
  @state() private storefronts: StorefrontOption[] = [];
  @state() private error = '';
  @state() private loading = false;
  #page = remembered.page;
  #now = Date.now();

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void this.loadStorefronts();
  }

  private async loadStorefronts() {
    try {
      const data = await call<{ storefronts: StorefrontOption[] }>(
        this,
        this.key,
        STOREFRONTS_QUERY,
      );
      this.storefronts = data.storefronts;
    } catch {
      // The queue works without the storefront names; the filter offers "all" only.
    }
  }

  private filterInput(): Record<string, unknown> {
    const { status, type, storefrontId, overdue } = this.filters;
    const filter: Record<string, unknown> = {};
    if (status === 'OPEN') filter.status = OPEN;
    else if (status) filter.status = [status];
    if (type) filter.type = [type];
    if (storefrontId) filter.storefrontId = storefrontId;
    if (overdue) filter.overdue = true;
    return filter;
  }

  readonly #latest = new LatestOnly();

  private async load() {
    const isLatest = this.#latest.begin();
    this.loading = true;
    this.error = '';
    const page = this.#page;
    const variables: Record<string, unknown> = { filter: this.filterInput() };
    if (page.before) {
      variables.last = this.filters.pageSize;
      variables.before = page.before;
    } else {
      variables.first = this.filters.pageSize;
      if (page.after) variables.after = page.after;
    }
    try {
      const data = await call<QueuePage>(this, this.key, QUEUE_QUERY, variables);
      if (!isLatest()) return;
      this.#now = Date.now();
      this.data = data.claims;
    } catch (error) {
      if (!isLatest()) return;
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (isLatest()) this.loading = false;
    }
  }

  private handleFilter(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLSelectElement).value;
    this.filters = {
      status: value('status'),
      type: value('type'),
      storefrontId: value('storefront'),
      overdue: (form.elements.namedItem('overdue') as HTMLInputElement).checked,
      pageSize: Number(value('page-size')),
    };
    remembered.filters = this.filters;
    this.goTo({});
  }

  private goTo(page: { after?: string; before?: string }) {
    this.#page = page;
    remembered.page = page;
    void this.load();
  }

  private dueCell(claim: QueueClaim) {
    if (claim.decision || ['APPROVED', 'REJECTED', 'PAID'].includes(claim.status)) {
      return html`<span class="muted">${t('decided')}</span>`;
    }
    if (!claim.dueAt) return html`<span class="muted">${t('noDueTime')}</span>`;
    const left = new Date(claim.dueAt).getTime() - this.#now;
    if (claim.overdue || left < 0) {
      return html`<span class="overdue">${t('overdueBy', { duration: formatDuration(left) })}</span>`;
    }
    return html`${t('left', { duration: formatDuration(left) })}`;
  }

  override render() {
    const data = this.data;
    return html`
      <h1>${t('queue')}</h1>
      <section aria-labelledby="filters-heading">
        <h2 id="filters-heading" class="visually-hidden">${t('filters')}</h2>
        <form class="filters" @submit=${this.handleFilter}>
          <div>
            <label for="status">${t('status')}</label>
            <select id="status" name="status">
              <option value="" ?selected=${this.filters.status === ''}>${t('anyStatus')}</option>
              <option value="OPEN" ?selected=${this.filters.status === 'OPEN'}>
                ${t('openStatuses')}
              </option>
              ${STATUSES.map(
                (s) =>
                  html`<option value=${s} ?selected=${this.filters.status === s}>${term(s)}</option>`,
              )}
            </select>
          </div>
          <div>
            <label for="type">${t('type')}</label>
            <select id="type" name="type">
              <option value="">${t('anyType')}</option>
              ${TYPES.map(
                (s) =>
                  html`<option value=${s} ?selected=${this.filters.type === s}>${term(s)}</option>`,
              )}
            </select>
          </div>
          <div>
            <label for="storefront">${t('storefront')}</label>
            <select id="storefront" name="storefront">
              <option value="">${t('allStorefronts')}</option>
              ${this.storefronts.map(
                (s) =>
                  html`<option value=${s.id} ?selected=${this.filters.storefrontId === s.id}>
                    ${s.name} (${s.mode.toLowerCase()})
                  </option>`,
              )}
            </select>
          </div>
          <div class="check">
            <input id="overdue" name="overdue" type="checkbox" ?checked=${this.filters.overdue} />
            <label for="overdue">${t('overdueOnly')}</label>
          </div>
          <div>
            <label for="page-size">${t('pageSize')}</label>
            <select id="page-size" name="page-size">
              ${PAGE_SIZES.map(
                (size) =>
                  html`<option value=${size} ?selected=${this.filters.pageSize === size}>
                    ${size}
                  </option>`,
              )}
            </select>
          </div>
          <button type="submit">${t('apply')}</button>
        </form>
      </section>
      <section>
        <p role="status" aria-live="polite">
          ${
            this.loading
              ? t('loading')
              : data
                ? data.totalCount >= 10_000
                  ? t('totalClaimsAtLeast', { count: data.totalCount })
                  : t('totalClaims', { count: data.totalCount })
                : ''
          }
        </p>
        ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
        ${data ? this.renderTable(data) : nothing}
      </section>
    `;
  }

  private renderTable(data: QueuePage['claims']) {
    if (data.nodes.length === 0) return html`<p>${t('noClaims')}</p>`;
    return html`
      <table>
        <caption>
          ${t('claimsCaption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">${t('reference')}</th>
            <th scope="col">${t('type')}</th>
            <th scope="col">${t('status')}</th>
            <th scope="col">${t('storefront')}</th>
            <th scope="col">${t('filed')}</th>
            <th scope="col">${t('due')}</th>
            <th scope="col">${t('timeLeft')}</th>
          </tr>
        </thead>
        <tbody>
          ${data.nodes.map(
            (claim) => html`
              <tr class=${claim.overdue ? 'overdue-row' : ''} data-claim-id=${claim.id}>
                <th scope="row">
                  <a href="#/claims/${encodeURIComponent(claim.id)}">${claim.reference}</a>
                </th>
                <td>${term(claim.type)}</td>
                <td>${term(claim.status)}</td>
                <td>${claim.guarantee.storefront?.name ?? '—'}</td>
                <td>${formatDateTime(claim.filedAt)}</td>
                <td>${formatDateTime(claim.dueAt)}</td>
                <td>${this.dueCell(claim)}</td>
              </tr>
            `,
          )}
        </tbody>
      </table>
      <div class="pager">
        <button
          class="secondary"
          ?disabled=${!data.pageInfo.hasPreviousPage || !data.pageInfo.startCursor}
          @click=${() => this.goTo({ before: data.pageInfo.startCursor ?? '' })}
        >
          ${t('previousPage')}
        </button>
        <button
          class="secondary"
          ?disabled=${!data.pageInfo.hasNextPage || !data.pageInfo.endCursor}
          @click=${() => this.goTo({ after: data.pageInfo.endCursor ?? '' })}
        >
          ${t('nextPage')}
        </button>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lg-claim-queue': LgClaimQueue;
  }
}
