// Exchange rates as operators publish them (API: publishExchangeRates, `pnpm lg fx import`):
// 1 USD = per_usd units of the currency, as of a moment, from a source. Rows are never edited
// (a trigger refuses it): a guarantee copies the rate it was quoted with, and a rate once
// used must read the same for every later audit.
import { sql } from 'drizzle-orm';
import { check, index, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, recordedAt } from './columns.js';

/** A per-USD rate column: up to 7 integer digits and 10 decimals (@lg/domain parseRate). */
export const ratePerUsd = (name: string) => numeric(name, { precision: 17, scale: 10 });

export const exchangeRates = pgTable(
  'exchange_rates',
  {
    id: uuid().primaryKey(),
    currency: text().notNull(),
    perUsd: ratePerUsd('per_usd').notNull(),
    asOf: at('as_of').notNull(),
    source: text().notNull(),
    publishedAt: recordedAt('published_at'),
    publishedBy: text().notNull(),
  },
  (t) => [
    // One rate per currency, source and moment: publishing the same table twice is a no-op.
    uniqueIndex('exchange_rates_currency_source_as_of_unique').on(t.currency, t.source, t.asOf),
    // The newest rate of a currency: one index probe.
    index('exchange_rates_newest_idx').on(t.currency, t.asOf.desc(), t.publishedAt.desc()),
    check('exchange_rates_positive', sql`${t.perUsd} > 0 and ${t.currency} <> 'USD'`),
  ],
);

export type ExchangeRateRow = typeof exchangeRates.$inferSelect;
