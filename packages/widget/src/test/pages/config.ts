// What a test tells the framework pages, in `window.lgTest` before their script runs.
export interface PageConfig {
  /** The publishable key the page renders. */
  key: string;
  /**
   * How the page passes the cart. React: `array` (`lines={lines}`) or `json`
   * (`lines={JSON.stringify(lines)}`). Vue: `prop` (`:lines.prop`) or `attr` (`:lines`).
   */
  lines: 'array' | 'json' | 'prop' | 'attr';
}

/** What a test tells the member center pages (react-claims.tsx, vue-claims.ts). */
export interface ClaimsPageConfig {
  /** The session the app renders first; its session-expired handler then renders `renewTo`. */
  token: string;
  renewTo: string;
  apiUrl: string;
  /**
   * How the page binds `sessionToken` and `apiUrl`. React: `props` (`sessionToken={...}`)
   * or `attrs` (`session-token={...}`). Vue: `prop` (`:sessionToken.prop`), `camel`
   * (`:sessionToken`) or `attrs` (`:session-token`).
   */
  binding: 'props' | 'attrs' | 'prop' | 'camel';
}

/** The member center pages' config (the same `window.lgTest`, set by `appPage`). */
export function claimsPageConfig(): ClaimsPageConfig {
  return (window as unknown as { lgTest: ClaimsPageConfig }).lgTest;
}

declare global {
  interface Window {
    lgTest: PageConfig;
  }
}

/** The text a late status panel shows: the widget's state, read when it mounts. */
export function describeState(el: {
  status: string;
  lastError: { code: string } | null;
  fee: { amount: string } | null;
}): string {
  return [el.status, el.lastError?.code, el.fee?.amount].filter(Boolean).join(' ');
}
