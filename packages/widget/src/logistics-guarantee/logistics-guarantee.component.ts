import { html, LitElement, type PropertyValues, type TemplateResult } from 'lit';
import {
  ApiError,
  type CartLine,
  type Money,
  type Policy,
  type Quote,
  quoteGuarantee,
} from '../api-client.js';
import { cartOf, UNREADABLE, UNREADABLE_LINES } from './cart.js';
import {
  CHANGE_EVENT,
  ERROR_EVENT,
  type LogisticsGuaranteeChangeDetail,
  type LogisticsGuaranteeErrorDetail,
} from './events.js';
import { formatMoney, messagesFor } from './i18n/index.js';
import { styles } from './logistics-guarantee.styles.js';
import { renderPolicy } from './policy-details.js';
import { presentationFor, resolveLocale } from './presentation.js';

/** A burst of cart edits within this window makes one request. */
const DEBOUNCE_MS = 300;
/** Quotes are renewed this long before they expire (the contract asks for at least 60 s). */
const REFRESH_MARGIN_MS = 65_000;
/** After a network or server failure, try again after twice this long, doubling up to the max. */
const RETRY_MS = 10_000;
const MAX_RETRY_MS = 300_000;

interface QuoteResult {
  /** The arguments the quote was made for: it is current only while they still hold. */
  args: string;
  quote: Quote;
}

/** url, key, currency, cart (JSON), locale, preselected: what a quote is asked for with. */
type Args = [string, string, string, string, string, string];

/**
 * Where the latest quote request stands. This is @lit/task's pending/complete/error cycle
 * written out by hand: the Task class alone cost ~640 bytes gzip, which broke the budget.
 */
type State = 'pending' | 'complete' | 'error';

/**
 * Where the widget stands, for a page that reads it instead of (or before) listening:
 * `idle` nothing to quote, `loading` a quote is on its way, `ready` a current quote is held,
 * `error` the latest attempt failed (see `lastError`).
 */
export type LogisticsGuaranteeStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * Offers the Logistics Guarantee at checkout: shows the fee quoted for the cart, a checkbox
 * to add it (unticked unless the storefront sets `checked`), what is covered, and the
 * exclusions and claim rules. Inside a `<form>` it submits `<name>=<quote token>` while
 * ticked and holding a current quote, and nothing otherwise.
 *
 * @tagname logistics-guarantee
 * @summary Shipping protection checkbox for a storefront's cart or checkout form.
 *
 * @fires {LogisticsGuaranteeChangeEvent} logistics-guarantee-change - The submitted value changed. `detail`: `{ selected, fee, quoteToken, expiresAt }`.
 * @fires {LogisticsGuaranteeErrorEvent} logistics-guarantee-error - A quote failed (unreachable API, origin not allowed, refusal). `detail`: `{ code, message }`.
 *
 * @csspart base - The box around everything.
 * @csspart label - The clickable row: checkbox, label text and fee.
 * @csspart checkbox - The native checkbox.
 * @csspart fee - The fee, or a placeholder of the same size while it loads.
 * @csspart description - The line on what is covered, or the quiet status message.
 * @csspart details - The disclosure with exclusions and claim rules.
 * @csspart summary - The disclosure's toggle.
 *
 * @cssprop [--lg-color=inherit] - Text colour; borders and placeholders derive from it.
 * @cssprop [--lg-background=transparent] - Background of the box.
 * @cssprop [--lg-border-color=currentColor at 25%] - Border colour of the box.
 * @cssprop [--lg-radius=8px] - Corner radius of the box.
 * @cssprop [--lg-padding=12px 16px] - Padding of the box.
 * @cssprop [--lg-accent-color=auto] - Colour of the ticked checkbox.
 * @cssprop [--lg-font-size=inherit] - Base font size.
 */
export class LogisticsGuarantee extends LitElement {
  static override styles = styles;
  static formAssociated = true;
  static override shadowRootOptions: ShadowRootInit = {
    ...LitElement.shadowRootOptions,
    delegatesFocus: true,
  };
  // Declared here rather than with decorators: the decorator helpers cost ~370 bytes gzip.
  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    apiUrl: { attribute: 'api-url' },
    currencyCode: { attribute: 'currency-code' },
    productValue: { attribute: 'product-value' },
    // The attribute takes JSON; a framework that rendered before the upgrade may leave a
    // string such as "[object Object]" in it, which args() refuses.
    lines: {},
    name: { reflect: true },
    locale: {},
    defaultChecked: { attribute: 'checked', type: Boolean, reflect: true },
    checked: { attribute: false },
    // State properties are never attributes (Lit sets `attribute: false` for them).
    disabled: { state: true },
    state: { state: true },
  };

  /** The storefront's publishable key (`pk_test_...` / `pk_live_...`). Required. */
  publishableKey = '';

  /** The GraphQL endpoint. Defaults to `/graphql` on the origin that served this script. */
  apiUrl: string = new URL(/* @vite-ignore */ '/graphql', import.meta.url).href;

  /** ISO 4217 currency of the cart. */
  currencyCode = 'USD';

  /** The cart's product value as a decimal string, e.g. `"120.00"`. Ignored when `lines` is set. */
  productValue = '';

  /**
   * The cart lines, as an array or its JSON (the `lines` attribute takes JSON); wins over
   * `product-value`. Assign a new value to re-quote. Set before the element is defined, as
   * a plain property, it is taken over at the upgrade.
   */
  lines?: CartLine[] | string | null;

  /** The form field name the quote token is submitted under. */
  name = '';

  /** BCP 47 locale for text and money. Defaults to `<html lang>`, else the browser's language. */
  locale = '';

  /** The initial choice, as set by the `checked` attribute; a form reset returns to it. */
  defaultChecked = false;

  /** The shopper's current choice, kept while a quote loads or after a failure. */
  checked = false;

  private disabled = false;

  /** Where the widget stands: `idle`, `loading`, `ready` or `error`. Read-only. */
  get status(): LogisticsGuaranteeStatus {
    return this.state === 'error'
      ? 'error'
      : this.#current()
        ? 'ready'
        : this.state === 'complete' && this.#result === null
          ? 'idle'
          : 'loading';
  }

  /** The fee quoted for the cart as it is now, ticked or not; null without a current quote. Read-only. */
  get fee(): Money | null {
    return this.#current()?.quote.fee ?? null;
  }

  /**
   * What the form submits: the quote token while ticked with a current quote, else null
   * (the `quoteToken` of the latest `logistics-guarantee-change`). Read-only.
   */
  get value(): string | null {
    return this.#token;
  }

  /**
   * The latest failure, as its `logistics-guarantee-error` reported it, until a quote
   * succeeds; null otherwise. Read-only: lets a listener attached late catch up.
   */
  get lastError(): LogisticsGuaranteeErrorDetail | null {
    return this.#failure;
  }

  // Internal state in #private members: the minifier shortens their names (a TypeScript
  // `private` name ships as written). Lit's reactive `state` and `disabled` keep theirs.

  /** Missing before Safari 16.4: the widget then stays empty rather than offer a box that adds nothing. */
  readonly #internals: ElementInternals | undefined = this.attachInternals?.();
  /** The shopper has ticked or unticked the box: the default no longer applies. */
  #dirty = false;
  #token: string | null = null;
  /** The policy of the latest quote, its amounts in that quote's currency: the details show it. */
  #policy?: Policy;
  #timer?: ReturnType<typeof setTimeout>;
  #retryMs = RETRY_MS;
  /** The first quote goes out at once; later ones wait for the cart to settle. */
  #hasQuoted = false;

  private state: State = 'pending';
  #failure: LogisticsGuaranteeErrorDetail | null = null;
  /** The last completed quote (null: nothing to quote); kept while a refresh loads. */
  #result?: QuoteResult | null;
  /** The arguments of the latest request, to re-quote only when they change. */
  #requested = '';
  #controller?: AbortController;

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved in the DOM: the refresh timer was stopped on disconnect.
    if (this.hasUpdated) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  /** Called by the form on reset: back to the `checked` attribute. */
  formResetCallback(): void {
    this.checked = this.defaultChecked;
    this.#dirty = false;
  }

  /** Called on history navigation or autofill with the state given to `setFormValue`. */
  formStateRestoreCallback(state: string | null): void {
    this.checked = state === 'on';
    this.#dirty = true;
  }

  formDisabledCallback(disabled: boolean): void {
    this.disabled = disabled;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('defaultChecked') && !this.#dirty) this.checked = this.defaultChecked;
    if (this.#args().join('\n') !== this.#requested) void this.#load();
  }

  /** Quotes the cart as it is now; a newer call supersedes (and aborts) an older one. */
  async #load(): Promise<void> {
    const args = this.#args();
    const [url, key, currencyCode, cart, locale, preselected] = args;
    clearTimeout(this.#timer);
    this.#controller?.abort();
    this.#controller = new AbortController();
    const { signal } = this.#controller;
    this.#requested = args.join('\n');
    this.state = 'pending';
    try {
      let result: QuoteResult | null = null;
      if (cart === UNREADABLE) {
        console.warn(UNREADABLE_LINES);
        throw new ApiError('INVALID_LINES', UNREADABLE_LINES);
      }
      if (cart) {
        if (!key) {
          throw new ApiError(
            'MISSING_PUBLISHABLE_KEY',
            'The publishable-key attribute is required.',
          );
        }
        if (this.#hasQuoted) {
          await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
          signal.throwIfAborted();
        }
        this.#hasQuoted = true;
        const lines = JSON.parse(cart) as CartLine[];
        const presentation = presentationFor(locale, preselected === 'true');
        const quote = quoteGuarantee(url, key, { currencyCode, lines, presentation }, signal);
        // Intl's first use on a page loads its locale data (~10 ms of CPU, BENCHMARKS.md): done
        // while the quote is on its way, in a task of its own, rather than inside the first
        // render's task (which it made a long task) or after the answer.
        setTimeout(() => formatMoney({ amount: '0', currencyCode }, locale));
        result = { args: this.#requested, quote: await quote };
      }
      if (signal.aborted) return;
      this.#result = result;
      // The terms shown are those of the quote shown: none without one.
      this.#policy = result?.quote.policy;
      if (result) {
        this.#schedule(Date.parse(result.quote.expiresAt) - Date.now() - REFRESH_MARGIN_MS);
      }
      this.state = 'complete';
      this.#failure = null;
      this.#retryMs = RETRY_MS;
    } catch (error) {
      if (signal.aborted) return;
      this.#result = undefined;
      this.#policy = undefined;
      this.state = 'error';
      const { code, message } =
        error instanceof ApiError ? error : { code: 'UNKNOWN', message: String(error) };
      this.#failure = { code, message };
      this.#emit(ERROR_EVENT, this.#failure);
      // Refusals and configuration errors don't heal by themselves; outages may.
      if (/^(NETWORK|HTTP)/.test(code)) {
        this.#retryMs = Math.min(this.#retryMs * 2, MAX_RETRY_MS);
        this.#schedule(this.#retryMs);
      }
    }
  }

  protected override render(): TemplateResult | undefined {
    // Without form association the box could add nothing to the order: render nothing.
    if (!this.#internals) return;
    const locale = resolveLocale(this.locale);
    const m = messagesFor(locale);
    const policy = this.#policy;
    // The coverage line of the latest quote (a current quote's own policy). Without one it
    // is the invisible sizer under the status text, so the box is as tall while loading or
    // after a failure as with the quote: the cart doesn't jump. Its amount is then a stand-in
    // of a typical width, written out: the first render uses no Intl (see #load).
    const covered = m.covered(
      policy ? formatMoney(policy.maxCompensationPerPackage, locale) : '$5,000.00',
      policy?.claimWindowHours ?? 24,
    );
    const status = this.status;
    // Ready also while a refresh of the same cart loads: its quote is still valid. Loading,
    // an empty fee shows as a placeholder of the fee's size (see the styles).
    const fee = this.fee ? formatMoney(this.fee, locale) : status === 'loading' ? '' : '—';
    const description = {
      ready: covered,
      error: m.unavailable,
      idle: m.empty,
      loading: m.loading,
    }[status];
    const announcement =
      status === 'ready' ? `${m.label}: ${fee}` : status === 'loading' ? '' : description;
    return html`<div part="base" lang=${locale}>
      <label part="label">
        <input
          part="checkbox"
          type="checkbox"
          .checked=${this.checked}
          ?disabled=${this.disabled}
          aria-describedby="description"
          @change=${this.#handleChange}
        />
        <span>${m.label}</span>
        <span part="fee">${fee}</span>
      </label>
      <p part="description" id="description">
        <span>${description}</span>
        <span class="sizer" aria-hidden="true">${covered}</span>
      </p>
      <details part="details" class=${policy ? '' : 'hidden'}>
        <summary part="summary">${m.details}</summary>
        ${policy && renderPolicy(policy, m, locale)}
      </details>
      <span class="sr" aria-live="polite">${announcement}</span>
    </div>`;
  }

  protected override updated(): void {
    const quote = this.checked ? this.#current()?.quote : undefined;
    const token = quote?.token ?? null;
    this.#internals?.setFormValue(token, this.checked ? 'on' : '');
    if (token === this.#token) return;
    this.#token = token;
    this.#emit<LogisticsGuaranteeChangeDetail>(CHANGE_EVENT, {
      selected: !!quote,
      fee: quote?.fee ?? null,
      quoteToken: token,
      expiresAt: quote?.expiresAt ?? null,
    });
  }

  #handleChange(event: Event): void {
    this.checked = (event.target as HTMLInputElement).checked;
    this.#dirty = true;
  }

  /** What a quote depends on, the consent it records included: any change quotes again. */
  #args(): Args {
    return [
      this.apiUrl,
      this.publishableKey,
      this.currencyCode,
      cartOf(this.lines, this.productValue),
      resolveLocale(this.locale),
      String(this.defaultChecked),
    ];
  }

  /** The quote the form may submit: made for the current cart and not yet expired. */
  #current(): QuoteResult | undefined {
    const result = this.#result;
    return result &&
      result.args === this.#args().join('\n') &&
      Date.parse(result.quote.expiresAt) > Date.now()
      ? result
      : undefined;
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#load(), Math.max(ms, 1000));
  }

  #emit<T>(type: string, detail: T): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'logistics-guarantee': LogisticsGuarantee;
  }
}
