// Exchange rates are data (API: publishExchangeRates, `pnpm lg fx import`): a quote in another
// currency than the policy's converts the policy's USD amounts with the newest published rate,
// and the guarantee keeps that rate for life (services/quotes, services/guarantees).
//
// The quote path reads no table, so the newest rate of each currency is held in memory.
// Several processes share one database, so what one publishes must reach the others: the
// publishing transaction NOTIFYs and every store reloads. A notification can be missed (a
// dropped LISTEN connection), so a currency asked for with no fresh rate in memory is looked
// for in the database before it is refused (a miss costs a query, never a wrong refusal), and
// every store rereads the table each minute, which bounds how long a missed newer rate can go
// unused.
import { randomUUID } from 'node:crypto';
import { exchangeRates } from '@lg/db';
import type { Database, DatabaseHandle } from '@lg/db/client';
import {
  convertFromUsd,
  type ExchangeRate,
  formatRate,
  ISO_4217_CURRENCIES,
  isRateFresh,
  maxAmountMinor,
  money,
  type PolicyVersion,
  parseRate,
  policyInCurrency,
  RATE_CLOCK_SKEW_MS,
} from '@lg/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { failure, type Outcome, success, type UserErrorShape } from './services/outcome.js';

/** The NOTIFY channel of published exchange rates. */
const RATES_PUBLISHED_CHANNEL = 'lg_fx_published';
/** How often every store rereads the table, in case a notification was missed. */
const REFRESH_MS = 60_000;
/** A miss reads the table at most this often: unsupported currencies can't flood it. */
const MISS_READ_INTERVAL_MS = 1_000;
/** Most rates one publication may hold (the ECB's table has about 30). */
export const MAX_RATES_PER_PUBLICATION = 200;
/** Longest source label kept. */
const MAX_SOURCE = 64;

/** The policy a quote is priced under, in the cart's currency, and the rate it was priced at. */
export interface PricedPolicy {
  policy: PolicyVersion;
  rate: ExchangeRate | null;
}

export interface PublishRatesInput {
  source: string;
  asOf: Date;
  rates: readonly { currencyCode: string; perUsd: string }[];
}

/** A stored per-USD rate read back into the domain's shape, in its canonical spelling. */
function exchangeRateOf(row: {
  currency: string;
  perUsd: string;
  asOf: Date;
  source: string;
}): ExchangeRate {
  const parsed = parseRate(
    row.perUsd.includes('.') ? row.perUsd.replace(/\.?0+$/, '') : row.perUsd,
  );
  if (!parsed.ok) throw new Error(`stored rate ${row.currency} ${row.perUsd} is invalid`);
  return {
    currency: row.currency,
    perUsd: formatRate(parsed.value),
    asOf: row.asOf,
    source: row.source,
  };
}

/** What a stored guarantee keeps of the rate it was bought with (null columns in USD). */
export interface GuaranteeRate {
  policyVersion: string;
  currency: string;
  fxPerUsd: string | null;
  fxAsOf: Date | null;
  fxSource: string | null;
}

/** The exchange rate a guarantee was bought with, or null when it needed none. */
export function rateOfGuarantee(guarantee: GuaranteeRate): ExchangeRate | null {
  if (guarantee.fxPerUsd === null || guarantee.fxAsOf === null || guarantee.fxSource === null) {
    return null;
  }
  return exchangeRateOf({
    currency: guarantee.currency,
    perUsd: guarantee.fxPerUsd,
    asOf: guarantee.fxAsOf,
    source: guarantee.fxSource,
  });
}

export class ExchangeRateStore {
  #newest = new Map<string, ExchangeRate>();
  /** The policy converted at each rate held, made once per rate and policy version. */
  #converted = new WeakMap<ExchangeRate, { from: PolicyVersion; to: PolicyVersion }>();
  #reading: Promise<void> | null = null;
  #rereading: Promise<void> | null = null;
  #missRead: Promise<void> | null = null;
  #lastMissRead = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly db: Database,
    /** LG_FX_MAX_AGE_HOURS: an older rate prices nothing. */
    readonly maxAgeHours: number,
  ) {}

  static async open(db: Database, maxAgeHours: number): Promise<ExchangeRateStore> {
    const store = new ExchangeRateStore(db, maxAgeHours);
    await store.reload();
    return store;
  }

  /**
   * The policy in the cart's currency. The policy's own currency needs no rate and answers
   * synchronously (the quote's hot path stays free of promises); another currency uses its
   * newest rate if fresh, and when none in memory is, reads the table once before refusing.
   */
  price(
    policy: PolicyVersion,
    currency: string,
    now: Date,
  ): Outcome<PricedPolicy> | Promise<Outcome<PricedPolicy>> {
    if (currency === policy.currency) return success({ policy, rate: null });
    const known = this.#priced(policy, currency, now);
    if (known.ok) return known;
    return this.#readOnMiss().then(() => this.#priced(policy, currency, now));
  }

  /** The newest rate of every currency, as this process holds them. */
  newest(): ExchangeRate[] {
    return [...this.#newest.values()].sort((a, b) => a.currency.localeCompare(b.currency));
  }

  #priced(policy: PolicyVersion, currency: string, now: Date): Outcome<PricedPolicy> {
    const field = ['input', 'currencyCode'];
    const rate = this.#newest.get(currency);
    if (!rate) {
      return failure(
        'UNSUPPORTED_CURRENCY',
        `no exchange rate is published for ${currency}`,
        field,
      );
    }
    if (!isRateFresh(rate, now, this.maxAgeHours)) {
      return failure(
        'UNSUPPORTED_CURRENCY',
        `the newest ${currency} exchange rate (as of ${rate.asOf.toISOString()}) is older than ${this.maxAgeHours} hours`,
        field,
      );
    }
    if (policy.currency !== 'USD') {
      return failure(
        'UNSUPPORTED_CURRENCY',
        `policy ${policy.version} is in ${policy.currency}: only USD policies convert`,
        field,
      );
    }
    let converted = this.#converted.get(rate);
    if (converted?.from !== policy) {
      converted = { from: policy, to: policyInCurrency(policy, rate) };
      this.#converted.set(rate, converted);
    }
    return success({ policy: converted.to, rate });
  }

  /**
   * A read of the table for a currency asked for without a fresh rate in memory: at once if
   * none was made for a miss in the last second, else the next one, which every miss until
   * then waits for (a flood of unsold currencies costs one read a second, never a refusal
   * decided without reading).
   */
  #readOnMiss(): Promise<void> {
    const wait = this.#lastMissRead + MISS_READ_INTERVAL_MS - performance.now();
    if (wait <= 0 && !this.#missRead) {
      this.#lastMissRead = performance.now();
      return this.reload();
    }
    this.#missRead ??= new Promise<void>((resolve) => {
      setTimeout(resolve, Math.max(0, wait)).unref();
    }).then(() => {
      this.#missRead = null;
      this.#lastMissRead = performance.now();
      return this.reload();
    });
    return this.#missRead;
  }

  /**
   * Reads the newest rate of each currency. A call while a read is under way gets one more
   * read after it (that read may have started before what the caller waits for, a NOTIFY or
   * a publication, was committed); calls meanwhile share it.
   */
  reload(): Promise<void> {
    if (!this.#reading) {
      this.#reading = this.#read().finally(() => {
        this.#reading = null;
      });
      return this.#reading;
    }
    this.#rereading ??= this.#reading
      .catch(() => {})
      .then(() => {
        this.#rereading = null;
        return this.reload();
      });
    return this.#rereading;
  }

  async #read(): Promise<void> {
    const rows = await this.db
      .selectDistinctOn([exchangeRates.currency], {
        currency: exchangeRates.currency,
        perUsd: exchangeRates.perUsd,
        asOf: exchangeRates.asOf,
        source: exchangeRates.source,
      })
      .from(exchangeRates)
      .orderBy(exchangeRates.currency, desc(exchangeRates.asOf), desc(exchangeRates.publishedAt));
    this.#newest = new Map(rows.map((row) => [row.currency, exchangeRateOf(row)]));
  }

  /**
   * Reloads whenever any process publishes rates, and each minute besides. Resolves once
   * listening, with the function that stops both.
   */
  async follow(
    database: Pick<DatabaseHandle, 'listen'>,
    onError: (error: unknown) => void,
  ): Promise<() => Promise<void>> {
    this.#timer = setInterval(() => {
      this.reload().catch(onError);
    }, REFRESH_MS);
    this.#timer.unref();
    let unlisten: () => Promise<void> = async () => {};
    try {
      unlisten = await database.listen(RATES_PUBLISHED_CHANNEL, () => {
        this.reload().catch(onError);
      });
    } catch (error) {
      onError(error);
    }
    return async () => {
      clearInterval(this.#timer);
      await unlisten();
    };
  }

  /**
   * Publishes a table of rates (operators). All or nothing: a rate already published for the
   * same currency, source and moment is kept when equal and refused when it differs (a rate
   * once published may have priced a guarantee, so it is never overwritten).
   */
  async publish(
    input: PublishRatesInput,
    policy: PolicyVersion,
    publishedBy: string,
    now: Date,
  ): Promise<Outcome<ExchangeRate[]>> {
    const checked = checkPublication(input, policy, now);
    if (!checked.ok) return checked;
    const rates = checked.value;
    const { source, asOf } = rates[0] as ExchangeRate;
    const conflicts = await this.db
      .transaction(async (tx) => {
        const values = rates.map((rate) => ({
          id: randomUUID(),
          currency: rate.currency,
          perUsd: rate.perUsd,
          asOf: rate.asOf,
          source: rate.source,
          publishedBy,
        }));
        const inserted = await tx
          .insert(exchangeRates)
          .values(values)
          .onConflictDoNothing()
          .returning({ currency: exchangeRates.currency });
        const written = new Set(inserted.map((row) => row.currency));
        const existing = rates.filter((rate) => !written.has(rate.currency));
        const differing: UserErrorShape[] = [];
        if (existing.length > 0) {
          const stored = await tx
            .select({
              currency: exchangeRates.currency,
              perUsd: exchangeRates.perUsd,
              asOf: exchangeRates.asOf,
              source: exchangeRates.source,
            })
            .from(exchangeRates)
            .where(
              and(
                eq(exchangeRates.source, source),
                eq(exchangeRates.asOf, asOf),
                inArray(
                  exchangeRates.currency,
                  existing.map((rate) => rate.currency),
                ),
              ),
            );
          for (const row of stored) {
            const kept = exchangeRateOf(row);
            const asked = rates.find((rate) => rate.currency === row.currency);
            if (asked && asked.perUsd !== kept.perUsd) {
              differing.push({
                code: 'INVALID_INPUT',
                message: `${row.currency} as of ${kept.asOf.toISOString()} from ${source} is already published at ${kept.perUsd}; published rates are never changed (publish a newer asOf)`,
                field: ['input', 'rates', String(rates.indexOf(asked)), 'perUsd'],
              });
            }
          }
        }
        if (differing.length > 0) {
          // Roll back what this publication wrote: all or nothing.
          throw new RatesDiffer(differing);
        }
        if (inserted.length > 0)
          await tx.execute(sql`select pg_notify(${RATES_PUBLISHED_CHANNEL}, '')`);
        return null;
      })
      .catch((error: unknown) => {
        if (error instanceof RatesDiffer) return error.errors;
        throw error;
      });
    if (conflicts) return { ok: false, errors: conflicts };
    await this.reload();
    return success(rates);
  }
}

class RatesDiffer extends Error {
  constructor(readonly errors: UserErrorShape[]) {
    super('published rates differ');
  }
}

/** Checks a publication field by field; every problem is reported at once. */
function checkPublication(
  input: PublishRatesInput,
  policy: PolicyVersion,
  now: Date,
): Outcome<ExchangeRate[]> {
  const errors: UserErrorShape[] = [];
  const source = input.source.trim();
  if (source.length < 1 || source.length > MAX_SOURCE || /[\p{Cc}]/u.test(source)) {
    errors.push({
      code: 'INVALID_INPUT',
      message: `source must be 1 to ${MAX_SOURCE} printable characters, e.g. "ECB"`,
      field: ['input', 'source'],
    });
  }
  if (
    Number.isNaN(input.asOf.getTime()) ||
    input.asOf.getTime() > now.getTime() + RATE_CLOCK_SKEW_MS
  ) {
    errors.push({
      code: 'INVALID_INPUT',
      message: 'asOf must not be in the future (5 minutes of clock skew allowed)',
      field: ['input', 'asOf'],
    });
  }
  if (input.rates.length < 1 || input.rates.length > MAX_RATES_PER_PUBLICATION) {
    errors.push({
      code: 'INVALID_INPUT',
      message: `rates must hold 1 to ${MAX_RATES_PER_PUBLICATION} currencies`,
      field: ['input', 'rates'],
    });
  }
  const seen = new Set<string>();
  const rates: ExchangeRate[] = [];
  input.rates.forEach((rate, index) => {
    const field = ['input', 'rates', String(index)];
    const currency = rate.currencyCode;
    if (!Object.hasOwn(ISO_4217_CURRENCIES, currency) || currency === 'USD') {
      errors.push({
        code: 'INVALID_INPUT',
        message: `${currency} is not an ISO 4217 currency other than USD (rates are per USD)`,
        field: [...field, 'currencyCode'],
      });
      return;
    }
    if (seen.has(currency)) {
      errors.push({
        code: 'INVALID_INPUT',
        message: `${currency} is listed twice`,
        field: [...field, 'currencyCode'],
      });
      return;
    }
    seen.add(currency);
    const parsed = parseRate(rate.perUsd);
    if (!parsed.ok) {
      errors.push({ code: 'INVALID_INPUT', message: parsed.message, field: [...field, 'perUsd'] });
      return;
    }
    const perUsd = formatRate(parsed.value);
    // The policy's largest amount must still be an amount in that currency.
    const cap = Math.max(policy.maxCompensationPerPackageMinor, policy.minimumFeeMinor);
    let fits = false;
    try {
      fits = convertFromUsd(money(cap, 'USD'), perUsd, currency).minor <= maxAmountMinor(currency);
    } catch {
      fits = false;
    }
    if (!fits) {
      errors.push({
        code: 'INVALID_INPUT',
        message: `at ${perUsd} ${currency} per USD the policy's amounts exceed what ${currency} amounts may be`,
        field: [...field, 'perUsd'],
      });
      return;
    }
    rates.push({ currency, perUsd, asOf: input.asOf, source });
  });
  return errors.length > 0 ? { ok: false, errors } : success(rates);
}
