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
  /** The fee refunded on cancellation (R2); absent in events recorded before refunds were. */
  refund?: MoneyJson | null;
  /** The rate the guarantee was bought with; null or absent in USD. */
  exchangeRate?: ExchangeRateJson | null;
}

export interface ExchangeRateJson {
  currencyCode: string;
  perUsd: string;
  asOf: string;
  source: string;
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
  /** The Message-ID of the member's mail this one answers. */
  inReplyTo?: string;
}

/** Why an attachment of a claim email was not taken. */
export type AttachmentRefusal = 'TYPE' | 'CONTENT' | 'SIZE' | 'NAME' | 'LIMIT';

/**
 * The answer to a member's claim email (event `email.reply`), decided when the mail was
 * received and worded when it is sent, in the language the member wrote in.
 */
export interface EmailReplyJson {
  language: 'en' | 'zh';
  answer:
    | 'FILED'
    | 'DOCUMENTS_ADDED'
    | 'STATUS'
    | 'ASK_CLAIM_TYPE'
    | 'ASK_PACKAGE'
    | 'NO_PACKAGE'
    | 'REFUSED'
    | 'NOT_THE_MEMBER'
    | 'UNREADABLE_SUBJECT'
    | 'TOO_MANY_ATTACHMENTS';
  /** The subject of the member's mail, answered as "Re: ...". */
  subject: string;
  /** The Message-ID of the member's mail. */
  inReplyTo: string | null;
  orderNumber: string | null;
  claim: {
    reference: string;
    type: string;
    status: string;
    trackingNumber: string;
    missingDocuments: string[];
    dueAt: string | null;
  } | null;
  /** Why the claim was not filed or the documents not added: a refusal code and its words. */
  refusal: { code: string; message: string } | null;
  /** The order's packages, when the mail did not say which one it is about. */
  trackingNumbers: string[];
  accepted: { fileName: string; kind: string }[];
  rejected: { fileName: string; reason: AttachmentRefusal }[];
  /** The most attachments one mail may carry. */
  maxAttachments: number;
}
