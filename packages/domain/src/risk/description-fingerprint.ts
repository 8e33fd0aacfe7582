import { RISK_THRESHOLDS } from './risk-thresholds.js';

/**
 * The text two claims' descriptions are compared by: trimmed, whitespace runs made one space,
 * lower-cased, so a pasted description matches however it was wrapped or capitalised. Null
 * for a description too short to say anything when repeated (`reusedDescriptionMinChars`).
 */
export function descriptionFingerprint(description: string): string | null {
  const normalised = description.trim().replace(/\s+/gu, ' ').toLowerCase();
  return normalised.length < RISK_THRESHOLDS.reusedDescriptionMinChars ? null : normalised;
}
