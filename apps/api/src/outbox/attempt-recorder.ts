// Writes attempt results in batches. Attempts finish one by one; those finishing together are
// written together (one transaction, a few statements), so a busy dispatcher pays per batch,
// not per delivery. The receivers already have their events: only the bookkeeping waits.
import type { AttemptRecord, DeliveryQueue } from './delivery-queue.js';

/** Most records written in one transaction. */
const MAX_BATCH = 200;

interface Waiting {
  record: AttemptRecord;
  done: (recorded: boolean) => void;
  failed: (error: unknown) => void;
}

export class AttemptRecorder {
  readonly #queue: DeliveryQueue;
  readonly #coalesceMs: number;
  readonly #waiting: Waiting[] = [];
  #flushing: Promise<void> | null = null;

  /** `coalesceMs`: how long the first record of a batch waits for others to join it. */
  constructor(queue: DeliveryQueue, coalesceMs: number) {
    this.#queue = queue;
    this.#coalesceMs = coalesceMs;
  }

  /** Resolves true once written, false when the lease was no longer ours (nothing written). */
  record(record: AttemptRecord): Promise<boolean> {
    return new Promise<boolean>((done, failed) => {
      this.#waiting.push({ record, done, failed });
      this.#flush();
    });
  }

  #flush(): void {
    if (this.#flushing) return; // the running flush picks the new records up
    this.#flushing = (async () => {
      await new Promise((resolve) => setTimeout(resolve, this.#coalesceMs));
      while (this.#waiting.length > 0) {
        const batch = this.#waiting.splice(0, MAX_BATCH);
        try {
          const recorded = await this.#queue.record(batch.map((w) => w.record));
          for (const w of batch) w.done(recorded.has(w.record.delivery.id));
        } catch (error) {
          for (const w of batch) w.failed(error);
        }
      }
    })().finally(() => {
      this.#flushing = null;
      if (this.#waiting.length > 0) this.#flush();
    });
  }
}
