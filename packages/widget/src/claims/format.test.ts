import { describe, expect, it } from 'vitest';
import { formatDate, formatDuration, timeLeft } from './format.js';

const DELIVERED = Date.parse('2026-12-01T10:00:00Z');
const HOUR = 3_600_000;
/** The deadline the API gives for a damage claim: 24 hours after delivery (POLICY R14). */
const DEADLINE = new Date(DELIVERED + 24 * HOUR).toISOString();

describe('timeLeft (R14 countdown)', () => {
  it('counts down to the deadline', () => {
    expect(timeLeft(DEADLINE, DELIVERED)).toBe(24 * HOUR);
    expect(timeLeft(DEADLINE, DELIVERED + 23 * HOUR + 59 * 60_000)).toBe(60_000);
  });

  it('R14 exactly 24 hours after delivery still counts: 0 left, not closed', () => {
    expect(timeLeft(DEADLINE, DELIVERED + 24 * HOUR)).toBe(0);
  });

  it('R14 closes one millisecond after the deadline', () => {
    expect(timeLeft(DEADLINE, DELIVERED + 24 * HOUR + 1)).toBeNull();
  });

  it('treats an unreadable deadline as closed rather than open forever', () => {
    expect(timeLeft('not a date', DELIVERED)).toBeNull();
  });
});

describe('formatDuration', () => {
  it('shows hours, minutes and seconds, rounded down', () => {
    expect(formatDuration(23 * HOUR + 5 * 60_000 + 9_999, 'en')).toBe('23 hr 5 min 9 sec');
  });

  it('drops leading zero units but keeps the seconds, and a zero inside', () => {
    expect(formatDuration(5 * 60_000 + 9_000, 'en')).toBe('5 min 9 sec');
    expect(formatDuration(HOUR + 9_000, 'en')).toBe('1 hr 0 min 9 sec');
    expect(formatDuration(0, 'en')).toBe('0 sec');
    expect(formatDuration(-5, 'en')).toBe('0 sec');
  });

  it('speaks Chinese for zh-CN', () => {
    expect(formatDuration(2 * HOUR + 3 * 60_000 + 4_000, 'zh-CN')).toBe(
      ['hour', 'minute', 'second']
        .map((unit, i) =>
          new Intl.NumberFormat('zh-CN', { style: 'unit', unit, unitDisplay: 'short' }).format(
            [2, 3, 4][i] as number,
          ),
        )
        .join(' '),
    );
    expect(formatDuration(HOUR, 'zh-CN')).toContain('小时');
  });

  it('falls back to plain units for a locale Intl rejects', () => {
    expect(formatDuration(61_000, 'not a locale!')).toBe('1 m 1 s');
  });
});

describe('formatDate', () => {
  it('formats an instant for the locale', () => {
    const iso = '2026-12-02T16:32:00Z';
    expect(formatDate(iso, 'en-US')).toBe(
      new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(iso),
      ),
    );
  });

  it('shows an unreadable value as given, and survives a bad locale', () => {
    expect(formatDate('soon', 'en')).toBe('soon');
    expect(formatDate('2026-12-02T16:32:00.000Z', 'not a locale!')).toBe(
      '2026-12-02T16:32:00.000Z',
    );
  });
});
