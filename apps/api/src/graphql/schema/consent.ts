import type { GuaranteeRow } from '@lg/db';
import { type Money, money } from '@lg/domain';
import { builder } from '../builder.js';
import { MoneyRef } from './money.js';

interface Consent {
  quotedAt: Date;
  feeShown: Money;
  policyVersion: string;
  locale: string | null;
  preselected: boolean;
  surface: string | null;
}

/**
 * The consent record of a guarantee, from the quote it was bought with. Guarantees bought
 * before quotes carried one show the moment of purchase, the widget's default of an unticked
 * box, and no locale or surface.
 */
export function consentOf(row: GuaranteeRow): Consent {
  const quote = row.quote;
  return {
    quotedAt: quote.quotedAt ? new Date(quote.quotedAt) : row.purchasedAt,
    // The guarantee's own fee and version are the quote's, copied when it was bought.
    feeShown: money(row.feeMinor, row.currency),
    policyVersion: row.policyVersion,
    locale: quote.locale ?? null,
    preselected: quote.preselected ?? false,
    surface: quote.surface ?? null,
  };
}

export const ConsentRef = builder.objectRef<Consent>('Consent').implement({
  description:
    'The record, per order, that the shopper was offered this fee under this policy version and the order bought it. The fee, version and time come from the signed quote; locale, preselected and surface are what the surface that showed the offer reported (the widget, or your own page through PresentationInput).',
  fields: (t) => ({
    quotedAt: t.field({
      type: 'DateTime',
      description:
        'When the offer was quoted (the purchase time for guarantees older than consent records).',
      resolve: (c) => c.quotedAt,
    }),
    feeShown: t.expose('feeShown', {
      type: MoneyRef,
      description: 'The fee the shopper was shown.',
    }),
    policyVersion: t.exposeString('policyVersion', {
      description: 'The policy version the offer was made under.',
    }),
    locale: t.exposeString('locale', {
      nullable: true,
      description: 'The language the offer was shown in, e.g. "zh-CN"; null if not told.',
    }),
    preselected: t.exposeBoolean('preselected', {
      description:
        'True if the box was ticked before the shopper acted, as the surface reported it (false for guarantees older than consent records).',
    }),
    surface: t.exposeString('surface', {
      nullable: true,
      description: 'Where the offer was shown, e.g. "widget@0.1.0", or "api".',
    }),
  }),
});
