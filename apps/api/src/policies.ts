// Policy versions are data (docs/architecture.md): the built-in 2026-11 is seeded, operators may publish
// more, and a guarantee is judged by the version it was bought under for life. Versions are
// few and immutable, so they are held in memory: the quote path reads no table.
//
// Several processes share one database, so a version published by one (or by `pnpm lg policy
// publish`) must reach the others: the publishing transaction NOTIFYs, every store LISTENs and
// reloads (`follow`). A notification can still be missed (a dropped LISTEN connection), so a
// version asked for and not in memory is looked for in the database before it is called
// unknown: a missed notification costs a query, never a wrong answer.
import { policyVersions } from '@lg/db';
import type { Database, DatabaseHandle, Queryable } from '@lg/db/client';
import {
  BUILT_IN_POLICIES,
  CURRENT_POLICY_VERSION,
  type PolicyVersion,
  policyInCurrency,
  validatePolicy,
} from '@lg/domain';
import { asc, sql } from 'drizzle-orm';
import { type GuaranteeRate, rateOfGuarantee } from './exchange-rates.js';

/** The NOTIFY channel of published policy versions; the payload is the version. */
const POLICY_PUBLISHED_CHANNEL = 'lg_policy_published';

/** A version a stored guarantee refers to is in no process's memory nor in the database. */
class UnknownPolicyVersion extends Error {
  override readonly name = 'UnknownPolicyVersion';
  constructor(version: string) {
    super(`policy version ${version} is not published`);
  }
}

export class PolicyStore {
  #versions = new Map<string, PolicyVersion>();
  #current: PolicyVersion;
  #currentPublishedAt = Number.NEGATIVE_INFINITY;

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

  /** The version new quotes are issued under: the latest published. Never reads the database. */
  get current(): PolicyVersion {
    return this.#current;
  }

  /**
   * A published version, or undefined when the database has none of that name either. Inside a
   * transaction pass it as `db`: a miss then reads through it (on PGlite, a read beside an
   * open transaction would wait for it to end).
   */
  async get(version: string, db: Queryable = this.db): Promise<PolicyVersion | undefined> {
    const loaded = this.#versions.get(version);
    if (loaded) return loaded;
    await this.reload(db);
    return this.#versions.get(version);
  }

  /** A version a stored guarantee refers to; its absence is a broken invariant. */
  async require(version: string, db: Queryable = this.db): Promise<PolicyVersion> {
    const policy = await this.get(version, db);
    if (!policy) throw new UnknownPolicyVersion(version);
    return policy;
  }

  /**
   * The policy a stored guarantee is judged by: its version, with the amounts in the
   * guarantee's currency at the exchange rate it was bought with (none in USD), for life.
   */
  async forGuarantee(guarantee: GuaranteeRate, db: Queryable = this.db): Promise<PolicyVersion> {
    return policyInCurrency(
      await this.require(guarantee.policyVersion, db),
      rateOfGuarantee(guarantee),
    );
  }

  /**
   * Runs `read`, which looks versions up synchronously (the email templates); when it asks for
   * one this process has not loaded, reloads and runs it once more.
   */
  async withVersions<T>(read: (require: (version: string) => PolicyVersion) => T): Promise<T> {
    const lookup = (version: string): PolicyVersion => {
      const policy = this.#versions.get(version);
      if (!policy) throw new UnknownPolicyVersion(version);
      return policy;
    };
    try {
      return read(lookup);
    } catch (error) {
      if (!(error instanceof UnknownPolicyVersion)) throw error;
      await this.reload();
      return read(lookup);
    }
  }

  /**
   * Reads the published versions again. Each call reads afresh (a read already under way may
   * have started before the version asked for was committed); versions are immutable, so
   * reads that finish out of order only ever add to what is known.
   */
  async reload(db: Queryable = this.db): Promise<void> {
    const rows = await db
      .select()
      .from(policyVersions)
      .orderBy(asc(policyVersions.publishedAt), asc(policyVersions.version));
    for (const row of rows) {
      let policy = this.#versions.get(row.version);
      if (!policy) {
        const checked = validatePolicy(row.document);
        if (!checked.ok)
          throw new Error(`stored policy ${row.version} is invalid: ${checked.message}`);
        policy = checked.value;
        this.#versions.set(row.version, policy);
      }
      const publishedAt = row.publishedAt.getTime();
      if (publishedAt >= this.#currentPublishedAt) {
        this.#current = policy;
        this.#currentPublishedAt = publishedAt;
      }
    }
  }

  /**
   * Reloads whenever any process publishes a version. Resolves once listening, with the
   * function that stops it.
   */
  async follow(
    database: Pick<DatabaseHandle, 'listen'>,
    onError: (error: unknown) => void,
  ): Promise<() => Promise<void>> {
    return database.listen(POLICY_PUBLISHED_CHANNEL, () => {
      this.reload().catch(onError);
    });
  }

  /** Publishes a new version; it becomes current for new quotes, in every process. */
  async publish(
    input: unknown,
  ): Promise<{ ok: true; policy: PolicyVersion } | { ok: false; message: string }> {
    const checked = validatePolicy(input);
    if (!checked.ok) return { ok: false, message: checked.message };
    const inserted = await this.db.transaction(async (tx) => {
      const rows = await tx
        .insert(policyVersions)
        .values({ version: checked.value.version, document: checked.value })
        .onConflictDoNothing()
        .returning({ version: policyVersions.version });
      // Delivered at commit, to every listening process; never for a version not written.
      if (rows.length > 0) {
        await tx.execute(
          sql`select pg_notify(${POLICY_PUBLISHED_CHANNEL}, ${checked.value.version})`,
        );
      }
      return rows.length > 0;
    });
    if (!inserted) return { ok: false, message: `version ${checked.value.version} exists` };
    await this.reload();
    return { ok: true, policy: checked.value };
  }
}
