import { addMilliseconds, assertValidDate, DAY_MS } from '../internal/time.js';
import type { PolicyVersion } from '../policy/policy.js';

/** R17: a decision is due 7 days (of 24 h) after the last required document arrived. */
export function decisionDueAt(documentsCompleteAt: Date, policy: PolicyVersion): Date {
  assertValidDate(documentsCompleteAt, 'documentsCompleteAt');
  return addMilliseconds(documentsCompleteAt, policy.responseDays * DAY_MS);
}
