// The loss report as CSV (RFC 4180): one row per month, storefront and currency, the
// amounts as the API's exact decimals (no grouping, no symbol) so a spreadsheet sums them.
import type { Money } from './api.js';

export interface LossReportRow {
  month: string;
  currencyCode: string;
  storefrontId: string;
  storefrontName: string;
  guaranteesSold: number;
  fees: Money;
  refunds: Money;
  claimsFiled: number;
  claimsApproved: number;
  claimsRejected: number;
  payouts: Money;
  lossRatio: string | null;
  medianHoursToDecision: number | null;
  decidedWithinPromise: string | null;
}

const HEADER = [
  'month',
  'storefront_id',
  'storefront',
  'currency',
  'guarantees_sold',
  'fees',
  'refunds',
  'claims_filed',
  'claims_approved',
  'claims_rejected',
  'payouts',
  'loss_ratio',
  'median_hours_to_decision',
  'decided_within_promise',
];

function cell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet: quote it as text.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function lossReportCsv(rows: readonly LossReportRow[]): string {
  const lines = [HEADER.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.month,
        row.storefrontId,
        row.storefrontName,
        row.currencyCode,
        row.guaranteesSold,
        row.fees.amount,
        row.refunds.amount,
        row.claimsFiled,
        row.claimsApproved,
        row.claimsRejected,
        row.payouts.amount,
        row.lossRatio,
        row.medianHoursToDecision,
        row.decidedWithinPromise,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
