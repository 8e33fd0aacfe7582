// What a quote token carries: the offer and the consent record, in short keys because the
// token travels in every checkout form.

/** The consent record a quote carries to its purchase: what was shown, and how. */
export interface QuoteConsent {
  quotedAt: Date;
  locale: string | null;
  preselected: boolean;
  surface: string;
}

/** What the signed token says. Short keys: it travels in every checkout form. */
export interface QuotePayload {
  exp: number;
  id: string;
  sf: string;
  cur: string;
  pv: number;
  fee: number;
  pol: string;
  /** Issued at (ms), and the presentation: locale, pre-ticked (1/0), surface. */
  iat: number;
  loc?: string;
  pre: 0 | 1;
  srf: string;
  /** The exchange rate the amounts were converted at (absent in USD): per USD, as of (ms), source. */
  fx?: readonly [string, number, string];
}
