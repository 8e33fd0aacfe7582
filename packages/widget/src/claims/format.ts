// Pure display logic of the member center: the filing countdown (POLICY R14) and dates.

/**
 * Milliseconds left to file before `deadline`, or null once it has passed. The deadline
 * itself still counts (R14: exactly 24 hours after delivery is in time), so at the deadline
 * this is 0, not null.
 */
export function timeLeft(deadline: string, now: number): number | null {
  const end = Date.parse(deadline);
  if (Number.isNaN(end)) return null;
  return now <= end ? end - now : null;
}

/** `ms` as hours, minutes and seconds for the locale ("23 hr, 5 min, 9 sec"), rounded down. */
export function formatDuration(ms: number, locale: string): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const parts: [number, string][] = [
    [Math.floor(total / 3600), 'hour'],
    [Math.floor(total / 60) % 60, 'minute'],
    [total % 60, 'second'],
  ];
  // Leading zero units are dropped ("5 min, 9 sec"); the seconds always show.
  const shown = parts.filter(
    ([value], i) => value > 0 || i === 2 || parts.slice(0, i).some(([v]) => v > 0),
  );
  return shown
    .map(([value, unit]) => {
      try {
        return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(
          value,
        );
      } catch {
        return `${value} ${unit[0]}`;
      }
    })
    .join(' ');
}

/** A date and time a member reads ("Dec 2, 2026, 4:32 PM"), in the page's time zone. */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
      date,
    );
  } catch {
    return date.toISOString();
  }
}
