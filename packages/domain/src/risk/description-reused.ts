import type { RiskSignal } from './risk-signal-vocabulary.js';

/**
 * DESCRIPTION_REUSED: `total` other claims carry the same description word for word (the
 * same `descriptionFingerprint`; short stock phrases have none and never match). Names the
 * `otherReferences` given (the caller may list only the latest few of many).
 */
export function descriptionReused(
  otherReferences: readonly string[],
  total: number = otherReferences.length,
): RiskSignal | null {
  if (total === 0) return null;
  const more = total - otherReferences.length;
  const listed = otherReferences.join(', ') + (more > 0 ? ` and ${more} more` : '');
  return {
    code: 'DESCRIPTION_REUSED',
    detail: `the same description, word for word, is on ${total} other claim${total === 1 ? '' : 's'}: ${listed}`,
  };
}
