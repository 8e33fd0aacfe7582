// Query.lossReport: the book of business per month, storefront and currency, aggregated by the
// database (services/reports/loss-report.ts says how each figure is counted).
import { money } from '@lg/domain';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import {
  type LossReportRow,
  lossReport,
  MAX_REPORT_DAYS,
} from '../../services/reports/loss-report.js';
import { builder } from '../builder.js';
import { idOf } from '../global-id.js';
import { CurrencyCode, MoneyRef } from './money.js';

const LossReportRowRef = builder.objectRef<LossReportRow>('LossReportRow').implement({
  description:
    "One UTC calendar month of one storefront in one currency. Each figure counts the month its own event happened in (a guarantee's purchase, a claim's filing, decision or payout), within the report's [from, to).",
  fields: (t) => {
    const amount = (description: string, minor: (r: LossReportRow) => number) =>
      t.field({
        type: MoneyRef,
        description,
        resolve: (r) => money(minor(r), r.currency),
      });
    return {
      month: t.exposeString('month', { description: 'The UTC calendar month, "YYYY-MM".' }),
      currencyCode: t.field({
        type: CurrencyCode,
        description: 'The currency every amount of the row is in.',
        resolve: (r) => r.currency,
      }),
      storefrontId: t.id({
        description: "The storefront's global ID (an extension: rows are per storefront too).",
        resolve: (r) => encodeGlobalID('Storefront', r.storefrontId),
      }),
      storefrontName: t.exposeString('storefrontName', {
        description: "The storefront's name, for people.",
      }),
      guaranteesSold: t.exposeInt('guaranteesSold', {
        description: 'Guarantees purchased in the month, later cancellations included.',
      }),
      fees: amount('The fees of those guarantees (POLICY R1).', (r) => r.feesMinor),
      refunds: amount(
        'Fees of guarantees cancelled in the month: cancellation is only possible before shipping (R2), so the whole fee is refunded.',
        (r) => r.refundsMinor,
      ),
      claimsFiled: t.exposeInt('claimsFiled', { description: 'Claims filed in the month.' }),
      claimsApproved: t.exposeInt('claimsApproved', {
        description: 'Claims approved in the month.',
      }),
      claimsRejected: t.exposeInt('claimsRejected', {
        description: 'Claims rejected in the month.',
      }),
      payouts: amount(
        'What the claims paid in the month paid (recordClaimPayout); approved but unpaid claims are not counted.',
        (r) => r.payoutsMinor,
      ),
      lossRatio: t.field({
        type: 'Decimal',
        nullable: true,
        description:
          'payouts / (fees - refunds), four places, rounded half-up; null when fees less refunds is not positive.',
        resolve: (r) => r.lossRatio,
      }),
      medianHoursToDecision: t.float({
        nullable: true,
        description:
          'Median hours from filing to decision of the claims decided in the month, two places; null when none was decided.',
        resolve: (r) => r.medianHoursToDecision,
      }),
      decidedWithinPromise: t.field({
        type: 'Decimal',
        nullable: true,
        description:
          'Of the claims decided in the month whose documents were complete, the share decided by their dueAt (7 days after the documents, POLICY R17), four places; claims decided before their documents were complete are left out. Null when there were none.',
        resolve: (r) => r.decidedWithinPromise,
      }),
    };
  },
});

builder.queryField('lossReport', (t) =>
  t.field({
    type: [LossReportRowRef],
    description: `Guarantees, fees, refunds, claims and payouts per UTC month, storefront and currency, from \`from\` (inclusive) to \`to\` (exclusive), at most ${MAX_REPORT_DAYS} days; months with nothing to count have no row. Operators: every storefront, or the one named. Secret keys: their own storefront only (naming another is FORBIDDEN).`,
    authScopes: { operator: true, secretKey: true },
    args: {
      from: t.arg({ type: 'DateTime', required: true, description: 'Start, inclusive.' }),
      to: t.arg({ type: 'DateTime', required: true, description: 'End, exclusive.' }),
      storefrontId: t.arg.id({ description: 'One storefront; all when omitted (operators).' }),
    },
    resolve: async (_root, args, ctx) => {
      let storefrontId: string | null = null;
      if (args.storefrontId !== null && args.storefrontId !== undefined) {
        storefrontId = idOf('Storefront', String(args.storefrontId));
        if (!storefrontId) {
          throw new GraphQLError('storefrontId is not a Storefront id', {
            extensions: { code: 'BAD_USER_INPUT' },
          });
        }
      }
      const outcome = await lossReport(
        ctx.app.db,
        ctx.viewer,
        {
          from: args.from,
          to: args.to,
          storefrontId,
        },
        ctx.now,
      );
      if (outcome.ok) return outcome.value;
      const [error] = outcome.errors;
      const forbidden = error?.code === 'NOT_FOUND';
      throw new GraphQLError(error?.message ?? 'refused', {
        extensions: forbidden
          ? { code: 'FORBIDDEN' }
          : { code: 'BAD_USER_INPUT', field: error?.field ?? null },
      });
    },
  }),
);
