import { BUILT_IN_POLICIES } from './built-in-policies.js';
import type { PolicyVersion } from './policy.js';

/**
 * A built-in policy by version, or undefined. Only built-ins: versions an operator published
 * are loaded by the API and checked with `validatePolicy`.
 */
export function getPolicyVersion(version: string): PolicyVersion | undefined {
  return Object.hasOwn(BUILT_IN_POLICIES, version) ? BUILT_IN_POLICIES[version] : undefined;
}
