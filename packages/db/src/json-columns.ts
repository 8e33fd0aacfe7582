// The shapes of the jsonb columns, so every reader and writer agrees on them through the type
// checker instead of restating them (and casting) where they are used.

import type { RiskSignalCode } from '@lg/domain';

/** A risk signal as computed for a claim when it was filed or got documents. */
export interface StoredRiskSignal {
  code: RiskSignalCode;
  detail: string;
}

/** One line of an approved claim's payout, as stored with the decision. */
export interface StoredCompensationLine {
  label: string;
  /** The POLICY rule that produced or capped this line, e.g. "R5". */
  rule: string;
  amountMinor: number;
  currency: string;
}

/**
 * The accepted quote as signed, kept with the guarantee as the record of what was offered and
 * of the shopper's consent (when it was quoted, in which language, whether the box started
 * ticked, on which surface). Guarantees bought before the consent record lack those four.
 */
export interface StoredQuote {
  id: string;
  storefrontId: string;
  currency: string;
  productValueMinor: number;
  feeMinor: number;
  policyVersion: string;
  /** ISO 8601. */
  expiresAt: string;
  /** ISO 8601. */
  quotedAt?: string;
  locale?: string | null;
  preselected?: boolean;
  surface?: string;
  /** The exchange rate the quote was priced at (absent in USD); asOf in ISO 8601. */
  exchangeRate?: { currency: string; perUsd: string; asOf: string; source: string };
}

/** An outbox event as delivered: the body of a webhook and the input of a member email. */
export interface StoredEvent {
  id: string;
  type: string;
  /** ISO 8601. */
  createdAt: string;
  /** The object as the API returns it. */
  data: unknown;
}
