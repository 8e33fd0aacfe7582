/** Every text the member center shows. Numbers and dates arrive formatted for the locale. */
export interface ClaimsMessages {
  /** The language of the policy's translations to show, as the API tags them (`zh-CN`). */
  lang: string;
  heading: string;
  loading: string;
  /** A request failed; the element retries by itself. */
  unavailable: string;
  /** The session ended; the host page was asked for a new one. */
  expired: string;
  noOrders: string;
  order: (orderNumber: string) => string;
  fee: string;
  /** Guarantee statuses. */
  guarantee: Record<string, string>;
  packages: string;
  tracking: string;
  /** Package statuses and flags. */
  packageStatus: Record<string, string>;
  flag: Record<string, string>;
  claims: string;
  /** Claim types and statuses. */
  type: Record<string, string>;
  status: Record<string, string>;
  filed: (date: string) => string;
  due: (date: string) => string;
  paid: (date: string, reference: string) => string;
  approved: (amount: string) => string;
  rejected: string;
  breakdown: string;
  timeline: string;
  documents: string;
  missing: string;
  /** Document kinds. */
  kind: Record<string, string>;
  fileClaim: string;
  pickPackage: string;
  pickType: string;
  checking: string;
  notEligible: string;
  /** Eligibility refusals (UserErrorCode) that the policy has no title for. */
  reason: Record<string, string>;
  /** Time left to file: "3 h 02 min 10 s". */
  timeLeft: (left: string, until: string) => string;
  maxPayable: (amount: string) => string;
  description: string;
  uploading: (percent: number) => string;
  /** An upload that got no answer (network); a refusal shows the server's reason. */
  uploadFailed: string;
  uploaded: string;
  remove: string;
  submit: string;
  submitting: string;
  addDocuments: string;
  sendDocuments: string;
  /** POLICY R18. */
  keepEvidence: string;
  /** Announced when a claim is filed or its status changes. */
  announce: (reference: string, status: string) => string;
}
