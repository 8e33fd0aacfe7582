import type { PolicyVersion } from './policy.js';
import { POLICY_2026_11 } from './policy-2026-11.js';

/** The version new quotes are issued under. */
export const CURRENT_POLICY_VERSION = '2026-11';

/** Policy versions shipped with the code, by version. Operator-published ones live in the database. */
export const BUILT_IN_POLICIES: Readonly<Record<string, PolicyVersion>> = Object.freeze({
  [POLICY_2026_11.version]: POLICY_2026_11,
});
