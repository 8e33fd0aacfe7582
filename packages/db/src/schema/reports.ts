// The loss report's closed months (apps/api services/reports/loss-report.ts). Every figure of
// the report is counted in the month its own event happened (a purchase, a cancellation, a
// filing, a decision, a payout), and those times are the server's clock when the row is
// written, so once a month is over its figures never change: they are computed once, on the
// first report that covers the whole month, and read from here afterwards. A marker row says
// a storefront's month was computed (months with nothing to count have no figures row).
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  doublePrecision,
  integer,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { storefronts } from './accounts.js';
import { money, recordedAt } from './columns.js';

export const lossReportMonths = pgTable(
  'loss_report_months',
  {
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    /** The month's first day (UTC). */
    month: date({ mode: 'string' }).notNull(),
    currency: text().notNull(),
    guaranteesSold: integer().notNull(),
    feesMinor: money('fees_minor').notNull(),
    refundsMinor: money('refunds_minor').notNull(),
    claimsFiled: integer().notNull(),
    claimsApproved: integer().notNull(),
    claimsRejected: integer().notNull(),
    payoutsMinor: money('payouts_minor').notNull(),
    medianHours: doublePrecision(),
    /** Claims decided in the month whose documents were complete (due_at set). */
    promised: integer().notNull(),
    /** ... of which decided by their due_at (POLICY R17). */
    kept: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.storefrontId, t.month, t.currency] }),
    check('loss_report_months_first_day', sql`extract(day from ${t.month}) = 1`),
  ],
);

export const lossReportClosedMonths = pgTable(
  'loss_report_closed_months',
  {
    storefrontId: uuid()
      .notNull()
      .references(() => storefronts.id),
    month: date({ mode: 'string' }).notNull(),
    computedAt: recordedAt('computed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storefrontId, t.month] }),
    check('loss_report_closed_months_first_day', sql`extract(day from ${t.month}) = 1`),
  ],
);

export type LossReportMonthRow = typeof lossReportMonths.$inferSelect;
