// Objects as the API returns them, for webhook payloads and emails: the same names, global
// ids and Money shapes a partner sees over GraphQL.

import type { ClaimRow, GuaranteeRow, PackageRow } from '@lg/db';
import { formatDecimal, money } from '@lg/domain';
import { rateOfGuarantee } from '../exchange-rates.js';
import { globalId } from './global-id.js';

function moneyJson(minor: number, currency: string) {
  return { amount: formatDecimal(money(minor, currency)), currencyCode: currency };
}

export function guaranteeJson(row: GuaranteeRow) {
  return {
    id: globalId('Guarantee', row.id),
    orderNumber: row.orderNumber,
    memberId: row.memberId,
    status: row.status,
    productValue: moneyJson(row.productValueMinor, row.currency),
    fee: moneyJson(row.feeMinor, row.currency),
    policyVersion: row.policyVersion,
    purchasedAt: row.purchasedAt.toISOString(),
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    refund: row.refundMinor === null ? null : moneyJson(row.refundMinor, row.currency),
    exchangeRate: exchangeRateJson(row),
  };
}

/** The rate a guarantee was bought with, as the API shows an ExchangeRate; null in USD. */
function exchangeRateJson(row: GuaranteeRow) {
  const rate = rateOfGuarantee(row);
  return rate
    ? {
        currencyCode: rate.currency,
        perUsd: rate.perUsd,
        asOf: rate.asOf.toISOString(),
        source: rate.source,
      }
    : null;
}

function packageJson(row: PackageRow) {
  return {
    id: globalId('Package', row.id),
    trackingNumber: row.trackingNumber,
    status: row.status,
    declaredValue: moneyJson(row.declaredValueMinor, row.currency),
    salePrice: moneyJson(row.salePriceMinor, row.currency),
    shippingFee: moneyJson(row.shippingFeeMinor, row.currency),
    shippedAt: row.shippedAt?.toISOString() ?? null,
    arrivedAt: row.arrivedAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    flags: row.flags,
  };
}

export function claimJson(
  row: ClaimRow,
  pkg: PackageRow,
  guarantee: GuaranteeRow,
  missingDocuments: string[],
) {
  return {
    id: globalId('Claim', row.id),
    reference: row.reference,
    type: row.type,
    status: row.status,
    description: row.description,
    filedAt: row.filedAt.toISOString(),
    dueAt: row.dueAt?.toISOString() ?? null,
    missingDocuments,
    flags: row.flags,
    package: packageJson(pkg),
    guarantee: guaranteeJson(guarantee),
    decision:
      row.outcome && row.decidedAt
        ? {
            outcome: row.outcome,
            payable: moneyJson(row.payableMinor ?? 0, row.currency),
            reasonCodes: row.reasonCodes ?? [],
            breakdown: (
              (row.breakdown as
                | { label: string; rule: string; amountMinor: number; currency: string }[]
                | null) ?? []
            ).map((line) => ({
              label: line.label,
              amount: moneyJson(line.amountMinor, line.currency),
              rule: line.rule,
            })),
            decidedAt: row.decidedAt.toISOString(),
            note: row.decisionNote,
          }
        : null,
    payoutReference: row.payoutReference,
    paidAt: row.paidAt?.toISOString() ?? null,
  };
}
