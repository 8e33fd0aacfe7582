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
