import { assertValidDate } from '../internal/time.js';

/**
 * R17: whether a claim's decision is late: strictly after its due time (at the due instant
 * it is still on time). No due time yet (documents incomplete) is never overdue.
 */
export function isDecisionOverdue(dueAt: Date | null, now: Date): boolean {
  assertValidDate(now, 'now');
  if (dueAt === null) return false;
  assertValidDate(dueAt, 'dueAt');
  return now.getTime() > dueAt.getTime();
}
