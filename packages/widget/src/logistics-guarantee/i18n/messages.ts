/** Every text the widget shows. Numbers arrive already formatted for the locale. */
export interface Messages {
  /** The language of the policy's translations to show, as the API tags them (`zh-CN`). */
  lang: string;
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
  /** A lost package (R5, R9): its items' value and a share of its shipping fee, up to the cap. */
  loss: (maxPerPackage: string, shippingShare: string) => string;
  /** A damaged package (R8): a share of its shipping fee plus the product cap at most. */
  damage: (shippingShare: string, productCap: string) => string;
  /** The least a guarantee costs (R1). */
  minimumFee: (fee: string) => string;
  /** Heading of what the guarantee never covers (the policy's EXCLUSION reasons). */
  exclusions: string;
  /** Heading of how to claim: the conditions a claim can fail on (R13-R15, R17). */
  claims: string;
  claimWindow: (hours: number) => string;
  documents: string;
  unclaimed: (days: number) => string;
  response: (days: number) => string;
}
