// What a tracking service's webhook says about one package, once read: the package events it
// carries (in the package service's vocabulary) and the checkpoints that mean nothing for the
// terms. Shared by the EasyPost and AfterShip readers.
import type { PackageEventType } from '@lg/domain';
import type { PackageEventInput } from '../packages/record-package-event.js';

/** Longest signer name a package event keeps (recordPackageEvent's limit). */
const MAX_SIGNER_LENGTH = 200;

/** A checkpoint left out, and why (for the log). */
export interface IgnoredCheckpoint {
  status: string;
  reason: string;
}

export interface CarrierReport {
  trackingNumber: string;
  /** At most one event per (type, time): a delivery repeats the whole history. */
  events: PackageEventInput[];
  ignored: IgnoredCheckpoint[];
}

/** The webhook read: a report, an event of another kind (answered 200, ignored), or garbage. */
export type ReadCarrierWebhook =
  | { kind: 'report'; report: CarrierReport }
  | { kind: 'other'; reason: string }
  | { kind: 'malformed'; reason: string };

// 2026-12-02, 2026-12-02T10:15, 2026-12-02T10:15:30.123, each optionally with Z or ±hh:mm.
const CARRIER_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A carrier's timestamp as an instant. With an offset it is exact. Without one (some carriers
 * report the local time of the scan only) it is read as UTC, and never later than `notAfter`
 * (when the provider learned of it): the scan can't have happened after it was reported.
 * Null when it is no date.
 */
export function parseCarrierTime(value: unknown, notAfter: Date | null = null): Date | null {
  if (typeof value !== 'string') return null;
  const match = CARRIER_TIME.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', zone] = match;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const date = new Date(utc);
  // Date.UTC rolls 2026-02-30 over to March: a field out of range is no date.
  if (
    Number.isNaN(utc) ||
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  )
    return null;
  if (zone === undefined) {
    if (notAfter !== null && notAfter.getTime() < utc) return new Date(notAfter.getTime());
    return date;
  }
  if (zone.toUpperCase() === 'Z') return date;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
  if (offsetMinutes > 14 * 60) return null;
  return new Date(utc - sign * offsetMinutes * 60_000);
}

/** A signer's name as a package event keeps it; null when blank or absent. */
export function signerName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed.slice(0, MAX_SIGNER_LENGTH);
}

/** Collects events, one per (type, time), and the checkpoints left out. */
export class ReportBuilder {
  private readonly events = new Map<string, PackageEventInput>();
  private readonly ignored: IgnoredCheckpoint[] = [];

  add(
    type: PackageEventType,
    occurredAt: Date,
    extra: { signedBy?: string | null; actualWeightGrams?: number | null } = {},
  ): void {
    const key = `${type}@${occurredAt.getTime()}`;
    if (this.events.has(key)) return;
    const event: PackageEventInput = { type, occurredAt };
    if (type === 'DELIVERED') {
      if (extra.signedBy) event.signedBy = extra.signedBy;
      if (extra.actualWeightGrams !== null && extra.actualWeightGrams !== undefined)
        event.actualWeightGrams = extra.actualWeightGrams;
    }
    this.events.set(key, event);
  }

  /**
   * One checkpoint of the carrier's history, as a provider's mapping read it (`label` names it
   * in the ignored list): recorded when it means an event for the terms (`type`) at a readable
   * time, otherwise ignored saying which was missing (`timeField`: the provider's field).
   */
  checkpoint(
    label: string,
    type: PackageEventType | null,
    occurredAt: Date | null,
    timeField: string,
    extra: { signedBy?: string | null; actualWeightGrams?: number | null } = {},
  ): void {
    if (type === null) this.ignore(label, 'no meaning for the terms');
    else if (!occurredAt) this.ignore(label, `no readable ${timeField}`);
    else this.add(type, occurredAt, extra);
  }

  ignore(status: string, reason: string): void {
    this.ignored.push({ status: status.slice(0, 60), reason });
  }

  build(trackingNumber: string): CarrierReport {
    return { trackingNumber, events: [...this.events.values()], ignored: this.ignored };
  }
}

/** A string field's value, or '' for anything else. */
export function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A plain JSON object, or null. */
export function objectOf(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** A tracking number as the package service accepts it, or null. */
export function trackingNumberOf(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed.length >= 1 && trimmed.length <= 100 ? trimmed : null;
}
