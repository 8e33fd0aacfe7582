// The event data the templates read: the objects as the API returns them (serialize.ts),
// typed loosely because they come back from JSON stored in the outbox.

export interface MoneyJson {
  amount: string;
  currencyCode: string;
}

export interface GuaranteeJson {
  id: string;
  orderNumber: string;
  memberId: string;
  status: string;
  productValue: MoneyJson;
  fee: MoneyJson;
  policyVersion: string;
  purchasedAt: string;
  cancelledAt?: string | null;
}

export interface PackageJson {
  trackingNumber: string;
  status: string;
}

/** A compensation line as the API shows it. */
export interface BreakdownLineJson {
  label: string;
  rule: string;
  amount: MoneyJson;
}

export interface ClaimJson {
  id: string;
  reference: string;
  type: string;
  status: string;
  description: string;
  filedAt: string;
  dueAt: string | null;
  missingDocuments: string[];
  package: PackageJson;
  guarantee: GuaranteeJson;
  decision: {
    outcome: string;
    payable: MoneyJson;
    reasonCodes: string[];
    breakdown: BreakdownLineJson[];
    decidedAt: string;
    note: string | null;
  } | null;
  payoutReference?: string | null;
  paidAt?: string | null;
}

/** One email, in both forms every client can show. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}
