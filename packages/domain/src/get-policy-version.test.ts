import { describe, expect, it } from 'vitest';
import { BUILT_IN_POLICIES, CURRENT_POLICY_VERSION } from './built-in-policies.js';
import { getPolicyVersion } from './get-policy-version.js';
import { POLICY_2026_11 } from './policy-2026-11.js';

describe('getPolicyVersion', () => {
  it('finds a built-in version, the current one included', () => {
    expect(CURRENT_POLICY_VERSION).toBe('2026-11');
    expect(getPolicyVersion(CURRENT_POLICY_VERSION)).toBe(POLICY_2026_11);
  });

  it('is undefined for a version that is not built in, and for prototype keys', () => {
    expect(getPolicyVersion('2025-01')).toBeUndefined();
    expect(getPolicyVersion('constructor')).toBeUndefined();
    expect(getPolicyVersion('__proto__')).toBeUndefined();
  });

  it('keys every built-in policy by its own version', () => {
    for (const [version, policy] of Object.entries(BUILT_IN_POLICIES)) {
      expect(policy.version).toBe(version);
    }
    expect(Object.isFrozen(BUILT_IN_POLICIES)).toBe(true);
  });
});
