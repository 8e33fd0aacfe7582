import type { Chart } from 'chart.js';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import { call, STOREFRONTS_QUERY, type StorefrontOption } from './call.js';
import { formatMoney, formatNumber, formatPercent } from './format.js';
import { followLocale, t } from './i18n.js';
import { LatestOnly } from './latest-only.js';
import { type LossReportRow, lossReportCsv } from './report-csv.js';
import { shared } from './styles.js';

const MONEY = 'amount currencyCode';
const REPORT_QUERY = `query ConsoleLossReport($from: DateTime!, $to: DateTime!, $storefrontId: ID) {
  lossReport(from: $from, to: $to, storefrontId: $storefrontId) {
    month currencyCode storefrontId storefrontName
    guaranteesSold fees { ${MONEY} } refunds { ${MONEY} }
    claimsFiled claimsApproved claimsRejected payouts { ${MONEY} }
    lossRatio medianHoursToDecision decidedWithinPromise
  }
}`;

/** "2026-11" for a date, in UTC (the report's months are UTC months). */
function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00.000Z`);
}

function nextMonthStart(month: string): Date {
  const start = monthStart(month);
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
}

/** A decimal as a float, for the chart's scale only: the table and the CSV stay exact. */
function chartAmount(amount: string): number {
  return Number(amount);
}

/**
 * The loss report: per month, storefront and currency, a table, a Chart.js chart of fees
 * and payouts, and a CSV download. Chart.js is loaded only when this view draws.
 */
@customElement('lg-loss-report')
export class LgLossReport extends LitElement {
  static override styles = [
    shared,
    css`
      form.range {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: end;
      }
      .chart {
        position: relative;
        height: 20rem;
        margin-bottom: 1rem;
      }
      .table-wrap {
        overflow-x: auto;
      }
    `,
  ];

  constructor() {
    super();
    followLocale(this);
  }

  @property({ attribute: false }) key = '';
  @state() private from = monthOf(new Date(Date.now() - 150 * 86_400_000));
  @state() private to = monthOf(new Date());
  @state() private storefrontId = '';
  @state() private rows: LossReportRow[] | null = null;
  @state() private storefronts: StorefrontOption[] = [];
  @state() private error = '';
  @state() private loading = false;
  @query('canvas') private canvas!: HTMLCanvasElement | null;
  #chart: Chart | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    void call<{ storefronts: StorefrontOption[] }>(this, this.key, STOREFRONTS_QUERY)
      .then((data) => {
        this.storefronts = data.storefronts;
      })
      .catch(() => {});
  }

  override disconnectedCallback(): void {
    this.#chart?.destroy();
    this.#chart = null;
    super.disconnectedCallback();
  }

  readonly #latest = new LatestOnly();

  private async load() {
    const isLatest = this.#latest.begin();
    this.loading = true;
    this.error = '';
    try {
      const data = await call<{ lossReport: LossReportRow[] }>(this, this.key, REPORT_QUERY, {
        from: monthStart(this.from).toISOString(),
        to: nextMonthStart(this.to).toISOString(),
        storefrontId: this.storefrontId || null,
      });
      if (!isLatest()) return;
      this.rows = data.lossReport;
    } catch (error) {
      if (!isLatest()) return;
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      if (isLatest()) this.loading = false;
    }
  }

  private handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    this.from = value('from') || this.from;
    this.to = value('to') || this.to;
    this.storefrontId = value('storefront');
    void this.load();
  }

  private handleCsv() {
    const blob = new Blob([lossReportCsv(this.rows ?? [])], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `loss-report-${this.from}-to-${this.to}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  override async updated(changed: Map<string, unknown>): Promise<void> {
    if (changed.has('rows')) await this.drawChart();
  }

  private async drawChart() {
    const canvas = this.canvas;
    const rows = this.rows ?? [];
    if (!canvas || rows.length === 0) {
      this.#chart?.destroy();
      this.#chart = null;
      return;
    }
    const { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } =
      await import('chart.js');
    Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
    const months = [...new Set(rows.map((r) => r.month))].sort();
    const currencies = [...new Set(rows.map((r) => r.currencyCode))].sort();
    const sum = (currency: string, month: string, pick: (r: LossReportRow) => string) =>
      rows
        .filter((r) => r.currencyCode === currency && r.month === month)
        .reduce((total, r) => total + chartAmount(pick(r)), 0);
    const palette = ['#0b57d0', '#b3261e', '#1e7b34', '#8a4b00'];
    const datasets = currencies.flatMap((currency, i) => [
      {
        label: `${t('fees')} (${currency})`,
        data: months.map((m) => sum(currency, m, (r) => r.fees.amount)),
        backgroundColor: palette[(2 * i) % palette.length],
      },
      {
        label: `${t('payouts')} (${currency})`,
        data: months.map((m) => sum(currency, m, (r) => r.payouts.amount)),
        backgroundColor: palette[(2 * i + 1) % palette.length],
      },
    ]);
    this.#chart?.destroy();
    this.#chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: months, datasets },
      options: { responsive: true, maintainAspectRatio: false, animation: false },
    });
  }

  override render() {
    return html`
      <h1>${t('report')}</h1>
      <section>
        <form class="range" @submit=${this.handleSubmit}>
          <div>
            <label for="from">${t('from')}</label>
            <input id="from" name="from" type="month" .value=${this.from} required />
          </div>
          <div>
            <label for="to">${t('to')}</label>
            <input id="to" name="to" type="month" .value=${this.to} required />
          </div>
          <div>
            <label for="storefront">${t('storefront')}</label>
            <select id="storefront" name="storefront">
              <option value="">${t('allStorefronts')}</option>
              ${this.storefronts.map(
                (s) =>
                  html`<option value=${s.id} ?selected=${s.id === this.storefrontId}>
                    ${s.name} (${s.mode.toLowerCase()})
                  </option>`,
              )}
            </select>
          </div>
          <button type="submit">${t('show')}</button>
          <button
            type="button"
            class="secondary"
            @click=${this.handleCsv}
            ?disabled=${!this.rows || this.rows.length === 0}
          >
            ${t('downloadCsv')}
          </button>
        </form>
      </section>
      <p role="status" aria-live="polite">${this.loading ? t('loading') : ''}</p>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      ${this.rows ? this.renderRows(this.rows) : nothing}
    `;
  }

  private renderRows(rows: LossReportRow[]) {
    if (rows.length === 0) return html`<section><p>${t('noReportRows')}</p></section>`;
    return html`
      <section>
        <div class="chart">
          <canvas role="img" aria-label=${t('chartLabel')}></canvas>
        </div>
        <div class="table-wrap" tabindex="0" role="region" aria-label=${t('reportCaption')}>
          <table>
            <caption>
              ${t('reportCaption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('month')}</th>
                <th scope="col">${t('storefront')}</th>
                <th scope="col">${t('currency')}</th>
                <th scope="col" class="num">${t('guaranteesSold')}</th>
                <th scope="col" class="num">${t('fees')}</th>
                <th scope="col" class="num">${t('refunds')}</th>
                <th scope="col" class="num">${t('claimsFiled')}</th>
                <th scope="col" class="num">${t('claimsApproved')}</th>
                <th scope="col" class="num">${t('claimsRejected')}</th>
                <th scope="col" class="num">${t('payouts')}</th>
                <th scope="col" class="num">${t('lossRatio')}</th>
                <th scope="col" class="num">${t('medianHours')}</th>
                <th scope="col" class="num">${t('withinPromise')}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (row) => html`<tr>
                  <th scope="row">${row.month}</th>
                  <td>${row.storefrontName}</td>
                  <td>${row.currencyCode}</td>
                  <td class="num">${formatNumber(row.guaranteesSold)}</td>
                  <td class="num" data-col="fees">${formatMoney(row.fees)}</td>
                  <td class="num">${formatMoney(row.refunds)}</td>
                  <td class="num">${formatNumber(row.claimsFiled)}</td>
                  <td class="num">${formatNumber(row.claimsApproved)}</td>
                  <td class="num">${formatNumber(row.claimsRejected)}</td>
                  <td class="num" data-col="payouts">${formatMoney(row.payouts)}</td>
                  <td class="num" data-col="lossRatio">${formatPercent(row.lossRatio)}</td>
                  <td class="num">${formatNumber(row.medianHoursToDecision, 1)}</td>
                  <td class="num">${formatPercent(row.decidedWithinPromise)}</td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lg-loss-report': LgLossReport;
  }
}
