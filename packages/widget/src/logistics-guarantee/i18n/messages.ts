/** Every text the widget shows. Numbers arrive already formatted for the locale. */
export interface Messages {
  /** The checkbox label. */
  label: string;
  /** Announced while a quote loads. */
  loading: string;
  /** The one line on what is covered: the cap per package and the damage claim window. */
  covered: (maxPerPackage: string, claimWindowHours: number) => string;
  /** No value to quote yet: empty cart, or a product value that is missing or zero. */
  empty: string;
  /** The quiet message after a failure; the cart stays usable. */
  unavailable: string;
  /** Summary of the details disclosure. */
  details: string;
  /** Heading of the exclusions list. */
  exclusions: string;
  /** Heading of the claim rules. */
  claims: string;
  claimWindow: (hours: number) => string;
  documents: string;
  unclaimed: (days: number) => string;
  response: (days: number) => string;
}
