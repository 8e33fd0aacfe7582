import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { ApiError, request } from './api.js';
import { followLocale, LOCALES, type Locale, locale, setLocale, t } from './i18n.js';
import { forgetKey, storedKey, storeKey } from './session.js';
import { shared } from './styles.js';
import './claim-queue.js';
import './claim-view.js';
import './loss-report.js';

type Route = { view: 'queue' } | { view: 'claim'; id: string } | { view: 'report' };

function routeOf(hash: string): Route {
  const claim = /^#\/claims\/([A-Za-z0-9_=-]+)$/.exec(hash);
  if (claim) return { view: 'claim', id: decodeURIComponent(claim[1] as string) };
  if (hash === '#/report') return { view: 'report' };
  return { view: 'queue' };
}

/**
 * The adjuster console: sign-in with an operator key, then the claim queue, a claim, and
 * the loss report. The key is checked with `viewer { kind }`: only an operator key opens it.
 */
@customElement('lg-console')
export class LgConsole extends LitElement {
  static override styles = [
    shared,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.75rem 1.5rem;
        background: #14213d;
        color: #fff;
      }
      header .brand {
        font-size: 1.15rem;
        font-weight: 700;
        margin: 0;
      }
      nav ul {
        display: flex;
        gap: 1rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      nav a {
        color: #fff;
      }
      nav a[aria-current='page'] {
        font-weight: 700;
      }
      header a:focus-visible,
      header button:focus-visible,
      header select:focus-visible {
        outline-color: #ffd166;
      }
      .tools {
        display: flex;
        gap: 0.75rem;
        align-items: center;
      }
      .tools label {
        display: inline;
        margin: 0;
      }
      .tools select {
        color: #1b1f24;
        background: #fff;
      }
      main {
        padding: 1.25rem 1.5rem;
        max-width: 80rem;
        margin: 0 auto;
      }
      form.sign-in {
        max-width: 28rem;
      }
      form.sign-in input {
        width: 100%;
        box-sizing: border-box;
        margin-bottom: 0.75rem;
      }
    `,
  ];

  constructor() {
    super();
    followLocale(this);
  }

  @state() private key: string | null = storedKey();
  @state() private route: Route = routeOf(location.hash);
  @state() private signInError = '';
  @state() private signingIn = false;

  readonly #onHash = () => {
    this.route = routeOf(location.hash);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = locale();
    window.addEventListener('hashchange', this.#onHash);
    this.addEventListener('lg-unauthenticated', this.#onUnauthenticated);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.#onHash);
    this.removeEventListener('lg-unauthenticated', this.#onUnauthenticated);
    super.disconnectedCallback();
  }

  readonly #onUnauthenticated = () => {
    forgetKey();
    this.key = null;
    this.signInError = t('sessionEnded');
  };

  private async handleSignIn(event: SubmitEvent) {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.elements.namedItem('key') as HTMLInputElement;
    const key = input.value.trim();
    if (!key) return;
    this.signingIn = true;
    this.signInError = '';
    try {
      const data = await request<{ viewer: { kind: string } }>(key, '{ viewer { kind } }');
      if (data.viewer.kind !== 'OPERATOR') {
        this.signInError = t('notOperatorKey');
        return;
      }
      storeKey(key);
      input.value = '';
      this.key = key;
    } catch (error) {
      this.signInError =
        error instanceof ApiError && error.code === 'UNAUTHENTICATED'
          ? t('wrongKey')
          : error instanceof ApiError && error.code === 'FORBIDDEN'
            ? t('notOperatorKey')
            : error instanceof Error
              ? error.message
              : String(error);
    } finally {
      this.signingIn = false;
    }
  }

  private handleSignOut() {
    forgetKey();
    this.key = null;
    this.signInError = '';
  }

  private handleLocale(event: Event) {
    setLocale((event.target as HTMLSelectElement).value as Locale);
  }

  override updated(): void {
    document.title = `${t('appTitle')} · Logistics Guarantee`;
  }

  override render() {
    return html`
      <header>
        <p class="brand">Logistics Guarantee · ${t('appTitle')}</p>
        ${
          this.key
            ? html`<nav aria-label=${t('mainNav')}>
              <ul>
                <li>
                  <a href="#/queue" aria-current=${this.route.view !== 'report' ? 'page' : nothing}
                    >${t('queue')}</a
                  >
                </li>
                <li>
                  <a href="#/report" aria-current=${this.route.view === 'report' ? 'page' : nothing}
                    >${t('report')}</a
                  >
                </li>
              </ul>
            </nav>`
            : nothing
        }
        <div class="tools">
          <label for="locale">${t('language')}</label>
          <select id="locale" @change=${this.handleLocale}>
            ${LOCALES.map(
              (code) =>
                html`<option value=${code} ?selected=${code === locale()}>
                  ${code === 'en' ? 'English' : '简体中文'}
                </option>`,
            )}
          </select>
          ${
            this.key
              ? html`<button class="secondary" @click=${this.handleSignOut}>${t('signOut')}</button>`
              : nothing
          }
        </div>
      </header>
      <main>${this.key ? this.renderView(this.key) : this.renderSignIn()}</main>
    `;
  }

  private renderSignIn() {
    return html`
      <h1>${t('signInHeading')}</h1>
      <p>${t('signInIntro')}</p>
      <form class="sign-in" @submit=${this.handleSignIn} autocomplete="off">
        <label for="key">${t('operatorKey')}</label>
        <input
          id="key"
          name="key"
          type="password"
          required
          spellcheck="false"
          aria-describedby="sign-in-error"
          aria-invalid=${this.signInError ? 'true' : 'false'}
        />
        <p id="sign-in-error" class="error" role="alert">${this.signInError}</p>
        <button type="submit" ?disabled=${this.signingIn}>
          ${this.signingIn ? t('signingIn') : t('signIn')}
        </button>
      </form>
    `;
  }

  private renderView(key: string) {
    switch (this.route.view) {
      case 'claim':
        return html`<lg-claim-view .key=${key} .claimId=${this.route.id}></lg-claim-view>`;
      case 'report':
        return html`<lg-loss-report .key=${key}></lg-loss-report>`;
      default:
        return html`<lg-claim-queue .key=${key}></lg-claim-queue>`;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'lg-console': LgConsole;
  }
}
