// Live claim updates: every change to a claim (its status, documents, decision, payout) is
// announced with a NOTIFY sent in the transaction that makes it, so PostgreSQL delivers the
// announcement only once the change has committed, to every instance on the database. Each
// process LISTENs once (ClaimFeed) and hands each announcement to the subscribers allowed to
// see that claim; they read the claim afresh, so the notice itself carries no claim data.
import type { DatabaseHandle, Queryable } from '@lg/db/client';
import { sql } from 'drizzle-orm';
import type { Viewer } from '../../auth/viewer.js';
import { canSee } from '../../auth/visibility.js';
import type { Logger } from '../../logger.js';

/** The NOTIFY channel of changed claims; the payload is a ClaimChange as JSON. */
const CLAIM_CHANGES_CHANNEL = 'lg_claim_changes';

/** Which claim changed, and whose it is: enough to pick its subscribers without a read. */
export interface ClaimChange {
  readonly id: string;
  readonly storefrontId: string;
  readonly memberId: string;
}

/**
 * Announces a change of the claim, inside the caller's transaction. Two announcements of one
 * claim in one transaction carry the same payload, and PostgreSQL delivers them once.
 */
export async function announceClaimChange(tx: Queryable, claim: ClaimChange): Promise<void> {
  const payload = JSON.stringify({
    id: claim.id,
    storefrontId: claim.storefrontId,
    memberId: claim.memberId,
  });
  await tx.execute(sql`select pg_notify(${CLAIM_CHANGES_CHANNEL}, ${payload})`);
}

/** Changes a subscriber has not taken yet, at most one per claim (it reads the claim anyway). */
const MAX_PENDING_PER_SUBSCRIBER = 1000;

/**
 * One LISTEN per process, started by the first subscriber, fanned out in memory. A dropped
 * LISTEN connection is re-established by the database client (postgres.js re-LISTENs on
 * reconnect); notices committed while it was down are not replayed.
 */
export class ClaimFeed {
  readonly #subscribers = new Set<ClaimSubscription>();
  #listening: Promise<() => Promise<void>> | null = null;
  #closed = false;

  constructor(
    private readonly database: Pick<DatabaseHandle, 'listen'>,
    private readonly logger: Logger,
  ) {}

  /** Open subscriptions in this process. */
  get size(): number {
    return this.#subscribers.size;
  }

  /**
   * The changes of the claims `viewer` may see (only `claimId`'s when given), from the moment
   * this resolves: the LISTEN is in place by then.
   */
  async subscribe(viewer: Viewer, claimId: string | null): Promise<ClaimSubscription> {
    if (this.#closed) throw new Error('the claim feed is closed');
    await this.#listen();
    const subscription = new ClaimSubscription(
      (change) => (claimId === null || change.id === claimId) && canSee(viewer, change),
      () => this.#subscribers.delete(subscription),
    );
    this.#subscribers.add(subscription);
    return subscription;
  }

  /** Ends every subscription and stops listening. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const subscription of [...this.#subscribers]) void subscription.return();
    const listening = this.#listening;
    this.#listening = null;
    if (listening) {
      const unlisten = await listening.catch(() => null);
      await unlisten?.().catch(() => {});
    }
  }

  #listen(): Promise<unknown> {
    if (!this.#listening) {
      const listening = this.database.listen(CLAIM_CHANGES_CHANNEL, (payload) =>
        this.#deliver(payload),
      );
      this.#listening = listening;
      // A failed LISTEN is tried again by the next subscriber.
      listening.catch((error: unknown) => {
        if (this.#listening === listening) this.#listening = null;
        this.logger.warn({ err: error }, 'claim feed: LISTEN failed');
      });
    }
    return this.#listening;
  }

  #deliver(payload: string): void {
    const change = parseChange(payload);
    if (!change) {
      this.logger.warn({ payload: payload.slice(0, 200) }, 'claim feed: unreadable notice');
      return;
    }
    for (const subscription of this.#subscribers) subscription.offer(change);
  }
}

function parseChange(payload: string): ClaimChange | null {
  try {
    const value = JSON.parse(payload) as Partial<Record<keyof ClaimChange, unknown>>;
    const { id, storefrontId, memberId } = value;
    if (typeof id !== 'string' || typeof storefrontId !== 'string' || typeof memberId !== 'string')
      return null;
    return { id, storefrontId, memberId };
  } catch {
    return null;
  }
}

/**
 * The changes one subscriber may see, as an async iterator whose `return()` ends it at once,
 * even while a `next()` is waiting (an async generator would wait for the next change).
 */
export class ClaimSubscription implements AsyncIterableIterator<ClaimChange> {
  /** Pending changes by claim id, oldest first; a claim changed twice is read once. */
  readonly #pending = new Map<string, ClaimChange>();
  #waiting: ((result: IteratorResult<ClaimChange>) => void) | null = null;
  #done = false;

  constructor(
    private readonly accepts: (change: ClaimChange) => boolean,
    private readonly onEnd: () => void,
  ) {}

  offer(change: ClaimChange): void {
    if (this.#done || !this.accepts(change)) return;
    const waiting = this.#waiting;
    if (waiting) {
      this.#waiting = null;
      waiting({ done: false, value: change });
      return;
    }
    this.#pending.delete(change.id);
    if (this.#pending.size >= MAX_PENDING_PER_SUBSCRIBER) {
      // A subscriber this far behind has stopped reading; its oldest notice goes.
      const oldest = this.#pending.keys().next().value as string;
      this.#pending.delete(oldest);
    }
    this.#pending.set(change.id, change);
  }

  next(): Promise<IteratorResult<ClaimChange>> {
    const first = this.#pending.entries().next();
    if (!first.done) {
      const [id, change] = first.value;
      this.#pending.delete(id);
      return Promise.resolve({ done: false, value: change });
    }
    if (this.#done) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => {
      this.#waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<ClaimChange>> {
    if (!this.#done) {
      this.#done = true;
      this.#pending.clear();
      this.onEnd();
      const waiting = this.#waiting;
      this.#waiting = null;
      waiting?.({ done: true, value: undefined });
    }
    return Promise.resolve({ done: true, value: undefined });
  }

  throw(): Promise<IteratorResult<ClaimChange>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
