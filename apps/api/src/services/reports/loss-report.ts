// The loss report: per UTC calendar month, storefront and currency, what was sold, refunded,
// claimed, decided and paid, aggregated in one SQL statement (never a claim loaded into
// memory). Each figure is counted in the month its own event happened:
//   guaranteesSold, fees   guarantees by purchased_at (cancelled ones included: they were sold)
//   refunds                the refund each cancellation recorded (guarantees.refund_minor; the
//                          whole fee, POLICY R2), by cancelled_at
//   claimsFiled            claims by filed_at
//   claimsApproved/Rejected claims by decided_at and outcome
//   payouts                payable of claims by paid_at (APPROVED but unpaid is not a payout)
//   medianHoursToDecision  median of decided_at - filed_at over the claims decided that month
//   decidedWithinPromise   of the claims decided that month whose documents were complete
//                          (due_at set, POLICY R17), the share decided at or before due_at;
//                          claims decided without complete documents made no promise and are
//                          left out; null when none made one
// Every range is half-open, [from, to), so a month cut by `from` or `to` holds only its part.
// Those event times are the server's clock when each row is written, so a month's figures are
// final once it is over: whole months that ended more than SETTLE_MS ago are computed once
// and kept (loss_report_months, with a marker per storefront and month in
// loss_report_closed_months), ahead of any request by the month keeper (month-keeper.ts, run
// beside the outbox dispatcher), or by the first report that needs one it has not reached;
// the rest (the open month, months cut by from or to) is counted live. A report over closed months reads a row per storefront, month and currency.
// Months with nothing to count have no row. The report's indexes (packages/db schema:
// *_report_idx) hold the storefront and a time first and every column summed, so each part
// is an index-only range scan per storefront.

import { lossReportClosedMonths, lossReportMonths, storefronts } from '@lg/db';
import type { Database } from '@lg/db/client';
import { rowsOf } from '@lg/db/client';
import { lossRatio, ratioDecimal } from '@lg/domain';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import { failure, type Outcome, success } from '../outcome.js';

/** The longest span one report covers: two years, a leap day included. */
export const MAX_REPORT_DAYS = 731;
const DAY_MS = 86_400_000;

/** What is counted of one month of one storefront in one currency. Amounts in minor units. */
interface MonthCounts {
  /** "YYYY-MM", the UTC calendar month. */
  month: string;
  storefrontId: string;
  currency: string;
  guaranteesSold: number;
  feesMinor: number;
  refundsMinor: number;
  claimsFiled: number;
  claimsApproved: number;
  claimsRejected: number;
  payoutsMinor: number;
}

/** One month of one storefront in one currency, as reported. */
export interface LossReportRow extends MonthCounts {
  storefrontName: string;
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

/** A month's figures before the ratios, as counted live or kept for a closed month. */
interface Figures extends MonthCounts {
  medianHours: number | null;
  promised: number;
  kept: number;
}

/**
 * How long after a month ends before its figures are kept: longer than any transaction that
 * read the clock before midnight could take to commit, and than the clocks of instances differ.
 */
const SETTLE_MS = 60 * 60 * 1000;

interface RawRow {
  month: string;
  storefront_id: string;
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

function checkRange(input: LossReportInput): Outcome<never> | null {
  const span = input.to.getTime() - input.from.getTime();
  if (!(span > 0)) return failure('INVALID_INPUT', '`from` must be before `to`', ['from']);
  if (span > MAX_REPORT_DAYS * DAY_MS) {
    return failure('INVALID_INPUT', `a report covers at most ${MAX_REPORT_DAYS} days`, ['to']);
  }
  return null;
}

/** What the live count covers: [from, to) of these storefronts (null: all). */
interface LiveRange {
  from: Date;
  to: Date;
  storefrontIds: readonly string[] | null;
}

/** The live count's statement, for the service and for the benchmark's EXPLAIN. */
export function lossReportQuery(input: LiveRange): SQL {
  const from = sql`${input.from.toISOString()}::timestamptz`;
  const to = sql`${input.to.toISOString()}::timestamptz`;
  const shops =
    input.storefrontIds === null
      ? sql`select id from storefronts`
      : sql`select id from storefronts where id in (${sql.join(
          input.storefrontIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
  // date_trunc per row (cheap); to_char once per output row.
  const month = (column: string) =>
    sql`date_trunc('month', ${sql.identifier(column)} at time zone 'UTC')`;
  // Each part runs once per storefront (a lateral join) as a range scan of its report index,
  // whose leading columns are (storefront_id, time): one storefront's report reads only its
  // rows, and every storefront's reads each row once.
  const per = (table: string, column: string, select: SQL) =>
    sql`select p.* from shops s cross join lateral (
      select ${month(column)} as month, s.id as storefront_id, currency, ${select}
      from ${sql.identifier(table)}
      where storefront_id = s.id and ${sql.identifier(column)} >= ${from}
        and ${sql.identifier(column)} < ${to}
      group by 1, 3) p`;
  return sql`
    with shops as materialized (${shops}),
    parts as (
      ${per(
        'guarantees',
        'purchased_at',
        sql`count(*) as guarantees_sold, sum(fee_minor) as fees, 0 as refunds,
          0 as claims_filed, 0 as claims_approved, 0 as claims_rejected, 0 as payouts,
          null::float8 as median_hours, 0 as promised, 0 as kept`,
      )}
    union all
      ${per('guarantees', 'cancelled_at', sql`0, 0, sum(refund_minor), 0, 0, 0, 0, null::float8, 0, 0`)}
    union all
      ${per('claims', 'filed_at', sql`0, 0, 0, count(*), 0, 0, 0, null::float8, 0, 0`)}
    union all
      ${per(
        'claims',
        'decided_at',
        sql`0, 0, 0, 0,
          count(*) filter (where outcome = 'APPROVE'),
          count(*) filter (where outcome = 'REJECT'),
          0,
          percentile_cont(0.5) within group (order by extract(epoch from decided_at - filed_at)::float8 / 3600),
          count(due_at),
          count(*) filter (where decided_at <= due_at)`,
      )}
    union all
      ${per('claims', 'paid_at', sql`0, 0, 0, 0, 0, 0, sum(payable_minor), null::float8, 0, 0`)}
    )
    select to_char(p.month, 'YYYY-MM') as month, p.storefront_id, p.currency,
      sum(p.guarantees_sold)::bigint as guarantees_sold, sum(p.fees)::bigint as fees,
      sum(p.refunds)::bigint as refunds, sum(p.claims_filed)::bigint as claims_filed,
      sum(p.claims_approved)::bigint as claims_approved,
      sum(p.claims_rejected)::bigint as claims_rejected, sum(p.payouts)::bigint as payouts,
      round(max(p.median_hours)::numeric, 2)::float8 as median_hours,
      sum(p.promised)::bigint as promised, sum(p.kept)::bigint as kept
    from parts p
    group by p.month, p.storefront_id, p.currency`;
}

const figuresOf = (result: unknown): Figures[] =>
  rowsOf<RawRow>(result).map((row) => ({
    month: row.month,
    storefrontId: row.storefront_id,
    currency: row.currency,
    guaranteesSold: Number(row.guarantees_sold),
    feesMinor: Number(row.fees),
    refundsMinor: Number(row.refunds),
    claimsFiled: Number(row.claims_filed),
    claimsApproved: Number(row.claims_approved),
    claimsRejected: Number(row.claims_rejected),
    payoutsMinor: Number(row.payouts),
    medianHours: row.median_hours === null ? null : Number(row.median_hours),
    promised: Number(row.promised),
    kept: Number(row.kept),
  }));

/** The median sorts each month's decisions: enough memory keeps that sort off the disk. */
const WORK_MEM = sql`set local work_mem = '64MB'`;

async function countLive(db: Database, range: LiveRange): Promise<Figures[]> {
  if (range.storefrontIds !== null && range.storefrontIds.length === 0) return [];
  const result = await db.transaction(async (tx) => {
    await tx.execute(WORK_MEM);
    return tx.execute(lossReportQuery(range));
  });
  return figuresOf(result);
}

const monthStart = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
const nextMonth = (month: Date) =>
  new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
/** "YYYY-MM-01", the kept rows' key. */
const dayOf = (month: Date) => month.toISOString().slice(0, 10);

/**
 * [from, to) cut into the whole months that are over (kept) and at most two live ranges: the
 * part of a month before the first whole one, and everything from the first month not yet
 * settled (or cut by `to`) to `to`.
 */
export function splitRange(from: Date, to: Date, now: Date) {
  const live: { from: Date; to: Date }[] = [];
  const closed: Date[] = [];
  let cursor = monthStart(from).getTime() === from.getTime() ? from : nextMonth(from);
  if (cursor.getTime() >= to.getTime()) return { closed, live: [{ from, to }] };
  if (cursor.getTime() > from.getTime()) live.push({ from, to: cursor });
  while (
    nextMonth(cursor).getTime() <= to.getTime() &&
    nextMonth(cursor).getTime() + SETTLE_MS <= now.getTime()
  ) {
    closed.push(cursor);
    cursor = nextMonth(cursor);
  }
  if (cursor.getTime() < to.getTime()) live.push({ from: cursor, to });
  return { closed, live };
}

/**
 * Computes and keeps one closed month of the storefronts named, those not kept already: the
 * one place a month is kept, by a report that needs it or by the keeper (month-keeper.ts).
 * Every instance computes a given month one at a time (an advisory lock per month, held to
 * commit), and checks the markers again once it holds the lock: a month another instance (or
 * report) kept meanwhile is not counted twice. Rows and markers are written together: a marker
 * never stands for figures not written. Answers how many storefront-months it kept.
 */
export async function keepMonth(
  db: Database,
  month: Date,
  storefrontIds: readonly string[],
): Promise<number> {
  if (storefrontIds.length === 0) return 0;
  const day = dayOf(month);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`lg_loss_report:${day}`}))`);
    const markers = await tx
      .select({ storefrontId: lossReportClosedMonths.storefrontId })
      .from(lossReportClosedMonths)
      .where(
        and(
          eq(lossReportClosedMonths.month, day),
          inArray(lossReportClosedMonths.storefrontId, [...storefrontIds]),
        ),
      );
    const kept = new Set(markers.map((m) => m.storefrontId));
    const missing = storefrontIds.filter((id) => !kept.has(id));
    if (missing.length === 0) return 0;
    await tx.execute(WORK_MEM);
    const figures = figuresOf(
      await tx.execute(
        lossReportQuery({ from: month, to: nextMonth(month), storefrontIds: missing }),
      ),
    );
    if (figures.length > 0) {
      await tx
        .insert(lossReportMonths)
        .values(figures.map(({ month: _m, ...f }) => ({ ...f, month: day })))
        .onConflictDoNothing();
    }
    await tx
      .insert(lossReportClosedMonths)
      .values(missing.map((id) => ({ storefrontId: id, month: day })))
      .onConflictDoNothing();
    return missing.length;
  });
}

/**
 * Up to `limit` closed (storefront, month) pairs not kept yet, oldest month first: from the
 * month of each storefront's first sale (every figure follows a sale: refunds, claims,
 * decisions and payouts all belong to a guarantee) to the last month settled at `now`.
 */
export async function unkeptMonths(
  db: Database,
  now: Date,
  limit: number,
): Promise<{ month: Date; storefrontIds: string[] }[]> {
  // The last month that ended SETTLE_MS or more before now: the one before the month of now - SETTLE_MS.
  const settled = monthStart(new Date(now.getTime() - SETTLE_MS));
  const lastClosed = new Date(Date.UTC(settled.getUTCFullYear(), settled.getUTCMonth() - 1, 1));
  const result = await db.execute(sql`
    select to_char(m.month, 'YYYY-MM-DD') as month, s.id as storefront_id
    from storefronts s
    cross join lateral (select min(purchased_at) as first from guarantees g
      where g.storefront_id = s.id) f
    cross join lateral generate_series(
      date_trunc('month', f.first at time zone 'UTC'),
      ${dayOf(lastClosed)}::timestamp, interval '1 month') m(month)
    where not exists (select 1 from loss_report_closed_months c
      where c.storefront_id = s.id and c.month = m.month::date)
    order by m.month, s.id
    limit ${limit}`);
  const byMonth = new Map<string, string[]>();
  for (const row of rowsOf<{ month: string; storefront_id: string }>(result)) {
    const ids = byMonth.get(row.month) ?? [];
    ids.push(row.storefront_id);
    byMonth.set(row.month, ids);
  }
  return [...byMonth].map(([day, storefrontIds]) => ({
    month: new Date(`${day}T00:00:00Z`),
    storefrontIds,
  }));
}

/** The kept figures of whole closed months, computing (once) those not kept yet. */
async function closedMonths(
  db: Database,
  months: readonly Date[],
  storefrontId: string | null,
): Promise<Figures[]> {
  if (months.length === 0) return [];
  const days = months.map(dayOf);
  const inScope = storefrontId === null ? undefined : eq(storefronts.id, storefrontId);
  const scope = (await db.select({ id: storefronts.id }).from(storefronts).where(inScope)).map(
    (row) => row.id,
  );
  const markers = await db
    .select({
      storefrontId: lossReportClosedMonths.storefrontId,
      month: lossReportClosedMonths.month,
    })
    .from(lossReportClosedMonths)
    .where(
      and(
        inArray(lossReportClosedMonths.month, days),
        storefrontId === null ? undefined : eq(lossReportClosedMonths.storefrontId, storefrontId),
      ),
    );
  const kept = new Set(markers.map((m) => `${m.storefrontId} ${m.month}`));
  // Normally the keeper has kept every closed month already; this is the fallback for a month
  // it has not reached yet (a new deployment, or a report an instant after the hour).
  for (const month of months) {
    await keepMonth(
      db,
      month,
      scope.filter((id) => !kept.has(`${id} ${dayOf(month)}`)),
    );
  }
  const rows = await db
    .select()
    .from(lossReportMonths)
    .where(
      and(
        inArray(lossReportMonths.month, days),
        storefrontId === null ? undefined : eq(lossReportMonths.storefrontId, storefrontId),
      ),
    );
  return rows.map((row) => ({ ...row, month: row.month.slice(0, 7) }));
}

/**
 * The report for `from` to `to` (at most MAX_REPORT_DAYS): operators see every storefront or
 * the one named; a storefront's secret key only its own, and naming another is refused.
 */
export async function lossReport(
  db: Database,
  viewer: Viewer,
  input: LossReportInput,
  now: Date,
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
  const { closed, live } = splitRange(input.from, input.to, now);
  const figures = await closedMonths(db, closed, storefrontId);
  for (const range of live) {
    figures.push(
      ...(await countLive(db, {
        ...range,
        storefrontIds: storefrontId === null ? null : [storefrontId],
      })),
    );
  }
  // A month cut by `from` and `to` both is one live range; otherwise every month's figures come
  // from exactly one part, so rows never need adding up.
  const ids = [...new Set(figures.map((f) => f.storefrontId))];
  const names = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .select({ id: storefronts.id, name: storefronts.name })
            .from(storefronts)
            .where(inArray(storefronts.id, ids))
        ).map((row) => [row.id, row.name]),
  );
  return success(
    figures
      .map(
        (f): LossReportRow => ({
          month: f.month,
          storefrontId: f.storefrontId,
          storefrontName: names.get(f.storefrontId) ?? '',
          currency: f.currency,
          guaranteesSold: f.guaranteesSold,
          feesMinor: f.feesMinor,
          refundsMinor: f.refundsMinor,
          claimsFiled: f.claimsFiled,
          claimsApproved: f.claimsApproved,
          claimsRejected: f.claimsRejected,
          payoutsMinor: f.payoutsMinor,
          lossRatio: lossRatio(f.payoutsMinor, f.feesMinor, f.refundsMinor),
          medianHoursToDecision: f.medianHours,
          decidedWithinPromise: ratioDecimal(f.kept, f.promised),
        }),
      )
      .sort(
        (a, b) =>
          a.month.localeCompare(b.month) ||
          a.storefrontName.localeCompare(b.storefrontName) ||
          a.storefrontId.localeCompare(b.storefrontId) ||
          a.currency.localeCompare(b.currency),
      ),
  );
}
