// What `pnpm lg fx import <file>` reads: the European Central Bank's daily reference rates
// (eurofxref-daily.xml: units per EUR, converted to per USD through the USD rate) or JSON
// `{ source, asOf, rates: { EUR: "0.92", ... } }` already per USD.
import { ratesPerUsd } from '@lg/domain';
import { XMLParser } from 'fast-xml-parser';
import type { PublishRatesInput } from '../../exchange-rates.js';
import { failure, type Outcome, success } from '../outcome.js';

/** The ECB fixes its reference rates at about 16:00 CET on each working day. */
const ECB_FIXING_HOUR = 16;
const ECB_TIME_ZONE = 'Europe/Berlin';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads a rate table from a file's text: ECB XML when it starts with `<`, else JSON. */
export function readRateTable(text: string): Outcome<PublishRatesInput> {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  return trimmed.startsWith('<') ? readEcbXml(trimmed) : readJson(trimmed);
}

function readEcbXml(xml: string): Outcome<PublishRatesInput> {
  let document: unknown;
  try {
    document = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      removeNSPrefix: true,
      // Entities are never needed in this format; refusing them rules out expansion attacks.
      processEntities: false,
      isArray: (name) => name === 'Cube',
    }).parse(xml, true);
  } catch (error) {
    return failure('INVALID_INPUT', `not well-formed XML: ${(error as Error).message}`);
  }
  // Envelope > Cube > Cube[time] > Cube[currency, rate]
  const envelope = (document as { Envelope?: { Cube?: { Cube?: unknown[] }[] } }).Envelope;
  const days = envelope?.Cube?.[0]?.Cube as { time?: string; Cube?: unknown[] }[] | undefined;
  if (!days || days.length === 0) {
    return failure(
      'INVALID_INPUT',
      'not the ECB reference-rate format: no <Cube time="..."> found',
    );
  }
  // The daily file holds one day; the 90-day and historical files start with the newest.
  const newest = [...days].sort((a, b) => String(b.time).localeCompare(String(a.time)))[0]!;
  const day = String(newest.time ?? '');
  if (!DAY.test(day)) return failure('INVALID_INPUT', `the ECB day "${day}" is not YYYY-MM-DD`);
  const perEur: Record<string, string> = {};
  for (const cube of (newest.Cube ?? []) as { currency?: unknown; rate?: unknown }[]) {
    if (typeof cube.currency !== 'string' || typeof cube.rate !== 'string') {
      return failure('INVALID_INPUT', 'an ECB <Cube> has no currency or rate attribute');
    }
    perEur[cube.currency] = cube.rate.trim();
  }
  const converted = ratesPerUsd('EUR', perEur);
  if (!converted.ok) return failure('INVALID_INPUT', converted.message);
  return success({
    source: 'ECB',
    asOf: zonedTime(day, ECB_FIXING_HOUR, ECB_TIME_ZONE),
    rates: Object.entries(converted.value).map(([currencyCode, perUsd]) => ({
      currencyCode,
      perUsd,
    })),
  });
}

function readJson(text: string): Outcome<PublishRatesInput> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return failure('INVALID_INPUT', `neither ECB XML nor JSON: ${(error as Error).message}`);
  }
  const table = value as { source?: unknown; asOf?: unknown; rates?: unknown };
  if (
    typeof table !== 'object' ||
    table === null ||
    typeof table.source !== 'string' ||
    typeof table.asOf !== 'string' ||
    typeof table.rates !== 'object' ||
    table.rates === null ||
    Array.isArray(table.rates)
  ) {
    return failure(
      'INVALID_INPUT',
      'JSON rates must look like { "source": "...", "asOf": "2026-12-01T15:00:00Z", "rates": { "EUR": "0.92" } }',
    );
  }
  const asOf = new Date(table.asOf);
  if (Number.isNaN(asOf.getTime()) || !/(Z|[+-]\d{2}:\d{2})$/.test(table.asOf)) {
    return failure(
      'INVALID_INPUT',
      'asOf must be an ISO 8601 time with a zone, e.g. 2026-12-01T15:00:00Z',
    );
  }
  const rates: { currencyCode: string; perUsd: string }[] = [];
  for (const [currencyCode, perUsd] of Object.entries(table.rates as Record<string, unknown>)) {
    if (typeof perUsd !== 'string') {
      return failure('INVALID_INPUT', `${currencyCode}: a rate is a decimal string such as "0.92"`);
    }
    rates.push({ currencyCode, perUsd });
  }
  return success({ source: table.source, asOf, rates });
}

/** `day` at `hour`:00 local time in `timeZone`, as an instant (daylight saving included). */
function zonedTime(day: string, hour: number, timeZone: string): Date {
  const utcGuess = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: 'numeric',
    hourCycle: 'h23',
  }).formatToParts(utcGuess);
  const localHour = Number(parts.find((part) => part.type === 'hour')?.value);
  // The zone is ahead of UTC by (localHour - hour): go back by that much.
  return new Date(utcGuess.getTime() - (localHour - hour) * 3_600_000);
}
