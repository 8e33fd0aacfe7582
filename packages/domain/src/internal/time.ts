// Time spans of the policy are elapsed time: a "day" is 24 hours of UTC milliseconds, so
// windows never stretch or shrink with daylight saving or the server's time zone.
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Throws unless `value` is a valid Date: an Invalid Date would make every window silently false. */
export function assertValidDate(value: Date, name: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw new TypeError(`${name} must be a valid Date`);
  }
}

/** A new Date `ms` milliseconds after `date`. */
export function addMilliseconds(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
