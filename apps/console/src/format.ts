// Numbers, money and times for people, in the console's language. Amounts stay the API's
// decimal strings: Intl formats a string without turning it into a float first.
import type { Money } from './api.js';
import { locale } from './i18n.js';

export function formatMoney(value: Money | null | undefined): string {
  if (!value) return '—';
  const format = new Intl.NumberFormat(locale(), {
    style: 'currency',
    currency: value.currencyCode,
  }) as Intl.NumberFormat & { format(value: string): string };
  return format.format(value.amount);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "2 days 4 hours", "35 minutes": the two largest units of a span. */
export function formatDuration(ms: number): string {
  const span = Math.abs(ms);
  const units: [Intl.NumberFormatOptions['unit'], number][] = [
    ['day', DAY],
    ['hour', HOUR],
    ['minute', MINUTE],
  ];
  const parts: string[] = [];
  let rest = span;
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0 || (parts.length === 0 && unit === 'minute')) {
      parts.push(
        new Intl.NumberFormat(locale(), { style: 'unit', unit, unitDisplay: 'long' }).format(count),
      );
      rest -= count * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(' ');
}

export function formatPercent(decimal: string | null | undefined): string {
  if (decimal === null || decimal === undefined) return '—';
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 2 }).format(
    Number(decimal),
  );
}

export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: digits }).format(value);
}
