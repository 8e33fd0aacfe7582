// Policy versions are data (docs/architecture.md): the built-in 2026-11 is seeded, operators may publish
// more, and a guarantee is judged by the version it was bought under for life. Versions are
// few and immutable, so they are held in memory: the quote path reads no table.
import { policyVersions } from '@lg/db';
import type { Database } from '@lg/db/client';
import {
  BUILT_IN_POLICIES,
  CURRENT_POLICY_VERSION,
  type PolicyVersion,
  validatePolicy,
} from '@lg/domain';
import { asc } from 'drizzle-orm';

export class PolicyStore {
  #versions = new Map<string, PolicyVersion>();
  #current: PolicyVersion;

  private constructor(private readonly db: Database) {
    const builtIn = BUILT_IN_POLICIES[CURRENT_POLICY_VERSION];
    if (!builtIn) throw new Error(`built-in policy ${CURRENT_POLICY_VERSION} is missing`);
    this.#current = builtIn;
  }

  /** Seeds the built-in versions (idempotent) and loads every published version. */
  static async open(db: Database): Promise<PolicyStore> {
    const store = new PolicyStore(db);
    await db
      .insert(policyVersions)
      .values(
        Object.values(BUILT_IN_POLICIES).map((policy) => ({
          version: policy.version,
          document: policy,
        })),
      )
      .onConflictDoNothing();
    await store.reload();
    return store;
  }

  /** The version new quotes are issued under: the latest published. */
  get current(): PolicyVersion {
    return this.#current;
  }

  get(version: string): PolicyVersion | undefined {
    return this.#versions.get(version);
  }

  /** A version a stored guarantee refers to; its absence is a broken invariant. */
  require(version: string): PolicyVersion {
    const policy = this.#versions.get(version);
    if (!policy) throw new Error(`policy version ${version} is not loaded`);
    return policy;
  }

  async reload(): Promise<void> {
    const rows = await this.db
      .select()
      .from(policyVersions)
      .orderBy(asc(policyVersions.publishedAt), asc(policyVersions.version));
    const versions = new Map<string, PolicyVersion>();
    let latest: PolicyVersion | undefined;
    for (const row of rows) {
      const checked = validatePolicy(row.document);
      if (!checked.ok)
        throw new Error(`stored policy ${row.version} is invalid: ${checked.message}`);
      versions.set(row.version, checked.value);
      latest = checked.value;
    }
    this.#versions = versions;
    if (latest) this.#current = latest;
  }

  /** Publishes a new version; it becomes current for new quotes. */
  async publish(
    input: unknown,
  ): Promise<{ ok: true; policy: PolicyVersion } | { ok: false; message: string }> {
    const checked = validatePolicy(input);
    if (!checked.ok) return { ok: false, message: checked.message };
    const inserted = await this.db
      .insert(policyVersions)
      .values({ version: checked.value.version, document: checked.value })
      .onConflictDoNothing()
      .returning({ version: policyVersions.version });
    if (inserted.length === 0)
      return { ok: false, message: `version ${checked.value.version} exists` };
    await this.reload();
    return { ok: true, policy: checked.value };
  }
}
