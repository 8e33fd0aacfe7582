/**
 * An exchange rate as an operator published it: 1 USD = `perUsd` units of `currency`
 * (a Decimal string such as "0.92"), valid as of `asOf`, from `source` ("ECB", a bank...).
 * A guarantee bought in another currency keeps the rate it was quoted with for life: its
 * fee, caps and payouts never move with rates published later.
 */
export interface ExchangeRate {
  readonly currency: string;
  readonly perUsd: string;
  readonly asOf: Date;
  readonly source: string;
}

/** Most decimal places a rate keeps: the ECB publishes 4-6 significant digits. */
export const RATE_DECIMALS = 10;
/**
 * Most integer digits a rate may have: below 10,000,000 per USD (the weakest currencies trade
 * near 100,000), which keeps every converted cap a safe integer of minor units.
 */
export const RATE_INTEGER_DIGITS = 7;
