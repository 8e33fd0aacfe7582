// The loss report: per UTC calendar month, storefront and currency, what was sold, refunded,
// claimed, decided and paid, aggregated in one SQL statement (never a claim loaded into
// memory). Each figure is counted in the month its own event happened:
//   guaranteesSold, fees   guarantees by purchased_at (cancelled ones included: they were sold)
//   refunds                fees of guarantees by cancelled_at. A guarantee can only be cancelled
//                          before its order ships (POLICY R2), so its whole fee goes back; the
//                          API keeps no separate refund record.
//   claimsFiled            claims by filed_at
//   claimsApproved/Rejected claims by decided_at and outcome
//   payouts                payable of claims by paid_at (APPROVED but unpaid is not a payout)
//   medianHoursToDecision  median of decided_at - filed_at over the claims decided that month
//   decidedWithinPromise   of the claims decided that month whose documents were complete
//                          (due_at set, POLICY R17), the share decided at or before due_at;
//                          claims decided without complete documents made no promise and are
//                          left out; null when none made one
// Every range is half-open, [from, to), so a month cut by `from` or `to` holds only its part.
// Months with nothing to count have no row. The report's indexes (packages/db schema:
// *_report_idx) hold a time first and every column summed, so each part is an index-only
// range scan.

import type { Database } from '@lg/db/client';
import { lossRatio, ratioDecimal } from '@lg/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import { failure, type Outcome, success } from '../outcome.js';

/** The longest span one report covers: two years, a leap day included. */
export const MAX_REPORT_DAYS = 731;
const DAY_MS = 86_400_000;

/** One month of one storefront in one currency. Amounts in minor units. */
export interface LossReportRow {
  /** "YYYY-MM", the UTC calendar month. */
  month: string;
  storefrontId: string;
  storefrontName: string;
  currency: string;
  guaranteesSold: number;
  feesMinor: number;
  refundsMinor: number;
  claimsFiled: number;
  claimsApproved: number;
  claimsRejected: number;
  payoutsMinor: number;
  lossRatio: string | null;
  medianHoursToDecision: number | null;
  decidedWithinPromise: string | null;
}

export interface LossReportInput {
  from: Date;
  to: Date;
  /** Null: every storefront the viewer may see. */
  storefrontId: string | null;
}

interface RawRow {
  month: string;
  storefront_id: string;
  storefront_name: string;
  currency: string;
  guarantees_sold: number | string;
  fees: number | string;
  refunds: number | string;
  claims_filed: number | string;
  claims_approved: number | string;
  claims_rejected: number | string;
  payouts: number | string;
  median_hours: number | string | null;
  promised: number | string;
  kept: number | string;
}

function rowsOf<T>(result: unknown): T[] {
  // postgres.js answers with an array, PGlite with { rows }.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

function checkRange(input: LossReportInput): Outcome<never> | null {
  const span = input.to.getTime() - input.from.getTime();
  if (!(span > 0)) return failure('INVALID_INPUT', '`from` must be before `to`', ['from']);
  if (span > MAX_REPORT_DAYS * DAY_MS) {
    return failure('INVALID_INPUT', `a report covers at most ${MAX_REPORT_DAYS} days`, ['to']);
  }
  return null;
}

/** The statement, for the service and for the benchmark's EXPLAIN. */
export function lossReportQuery(input: LossReportInput): SQL {
  const from = sql`${input.from.toISOString()}::timestamptz`;
  const to = sql`${input.to.toISOString()}::timestamptz`;
  const only = (column: string) =>
    input.storefrontId === null
      ? sql``
      : sql`and ${sql.identifier(column)} = ${input.storefrontId}::uuid`;
  const month = (column: string) =>
    sql`to_char(${sql.identifier(column)} at time zone 'UTC', 'YYYY-MM')`;
  return sql`
    with parts as (
      select ${month('purchased_at')} as month, storefront_id, currency,
        count(*) as guarantees_sold, sum(fee_minor) as fees, 0 as refunds,
        0 as claims_filed, 0 as claims_approved, 0 as claims_rejected, 0 as payouts,
        null::float8 as median_hours, 0 as promised, 0 as kept
      from guarantees
      where purchased_at >= ${from} and purchased_at < ${to} ${only('storefront_id')}
      group by 1, 2, 3
    union all
      select ${month('cancelled_at')}, storefront_id, currency,
        0, 0, sum(fee_minor), 0, 0, 0, 0, null, 0, 0
      from guarantees
      where cancelled_at >= ${from} and cancelled_at < ${to} ${only('storefront_id')}
      group by 1, 2, 3
    union all
      select ${month('filed_at')}, storefront_id, currency,
        0, 0, 0, count(*), 0, 0, 0, null, 0, 0
      from claims
      where filed_at >= ${from} and filed_at < ${to} ${only('storefront_id')}
      group by 1, 2, 3
    union all
      select ${month('decided_at')}, storefront_id, currency,
        0, 0, 0, 0,
        count(*) filter (where outcome = 'APPROVE'),
        count(*) filter (where outcome = 'REJECT'),
        0,
        percentile_cont(0.5) within group (order by extract(epoch from decided_at - filed_at)::float8 / 3600),
        count(due_at),
        count(*) filter (where decided_at <= due_at)
      from claims
      where decided_at >= ${from} and decided_at < ${to} ${only('storefront_id')}
      group by 1, 2, 3
    union all
      select ${month('paid_at')}, storefront_id, currency,
        0, 0, 0, 0, 0, 0, sum(payable_minor), null, 0, 0
      from claims
      where paid_at >= ${from} and paid_at < ${to} ${only('storefront_id')}
      group by 1, 2, 3
    )
    select p.month, p.storefront_id, s.name as storefront_name, p.currency,
      sum(p.guarantees_sold)::bigint as guarantees_sold, sum(p.fees)::bigint as fees,
      sum(p.refunds)::bigint as refunds, sum(p.claims_filed)::bigint as claims_filed,
      sum(p.claims_approved)::bigint as claims_approved,
      sum(p.claims_rejected)::bigint as claims_rejected, sum(p.payouts)::bigint as payouts,
      round(max(p.median_hours)::numeric, 2)::float8 as median_hours,
      sum(p.promised)::bigint as promised, sum(p.kept)::bigint as kept
    from parts p
    join storefronts s on s.id = p.storefront_id
    group by p.month, p.storefront_id, s.name, p.currency
    order by p.month, s.name, p.storefront_id, p.currency`;
}

/**
 * The report for `from` to `to` (at most MAX_REPORT_DAYS): operators see every storefront or
 * the one named; a storefront's secret key only its own, and naming another is refused.
 */
export async function lossReport(
  db: Database,
  viewer: Viewer,
  input: LossReportInput,
): Promise<Outcome<LossReportRow[]>> {
  const invalid = checkRange(input);
  if (invalid) return invalid;
  let storefrontId = input.storefrontId;
  if (viewer.kind === 'secret') {
    if (storefrontId !== null && storefrontId !== viewer.storefrontId) {
      return failure('NOT_FOUND', 'no such storefront', ['storefrontId']);
    }
    storefrontId = viewer.storefrontId;
  } else if (viewer.kind !== 'operator') {
    throw new Error('lossReport is for operators and secret keys');
  }
  const result = await db.execute(lossReportQuery({ ...input, storefrontId }));
  return success(
    rowsOf<RawRow>(result).map((row) => {
      const fees = Number(row.fees);
      const refunds = Number(row.refunds);
      const payouts = Number(row.payouts);
      return {
        month: row.month,
        storefrontId: row.storefront_id,
        storefrontName: row.storefront_name,
        currency: row.currency,
        guaranteesSold: Number(row.guarantees_sold),
        feesMinor: fees,
        refundsMinor: refunds,
        claimsFiled: Number(row.claims_filed),
        claimsApproved: Number(row.claims_approved),
        claimsRejected: Number(row.claims_rejected),
        payoutsMinor: payouts,
        lossRatio: lossRatio(payouts, fees, refunds),
        medianHoursToDecision: row.median_hours === null ? null : Number(row.median_hours),
        decidedWithinPromise: ratioDecimal(Number(row.kept), Number(row.promised)),
      };
    }),
  );
}
