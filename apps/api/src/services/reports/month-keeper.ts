// Keeps the loss report's closed months ahead of time, so a report reads them instead of
// counting them (loss-report.ts). Runs beside the outbox dispatcher, in `pnpm start` and in
// `pnpm worker`: at start, then every interval, it keeps each closed (storefront, month) not
// kept yet, a bounded batch at a time. Any number of instances may run it: keepMonth takes a
// month under an advisory lock and checks the markers again, so each month is counted once.
// A failed pass is logged and tried again at the next interval; reports still compute a month
// the keeper has not reached.
import type { Database } from '@lg/db/client';
import type { Logger } from '../../logger.js';
import { keepMonth, unkeptMonths } from './loss-report.js';

export interface MonthKeeperOptions {
  clock?: () => Date;
  /** How long between passes (default 10 minutes): a month is kept at most this long after it settles. */
  intervalMs?: number;
  /** Most storefront-months looked up per step (default 200). */
  batchSize?: number;
}

const DEFAULTS = { intervalMs: 10 * 60_000, batchSize: 200 };

export class MonthKeeper {
  readonly #db: Database;
  readonly #logger: Logger;
  readonly #clock: () => Date;
  readonly #intervalMs: number;
  readonly #batchSize: number;
  #running = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;

  constructor(db: Database, logger: Logger, options: MonthKeeperOptions = {}) {
    this.#db = db;
    this.#logger = logger;
    this.#clock = options.clock ?? (() => new Date());
    this.#intervalMs = options.intervalMs ?? DEFAULTS.intervalMs;
    this.#batchSize = options.batchSize ?? DEFAULTS.batchSize;
  }

  /**
   * One pass: keeps every closed month not kept yet, one month (of at most `batchSize`
   * storefronts) per transaction, and answers how many storefront-months it kept. Between
   * months it gives up if stopped, so a stop waits for one month's count at most.
   */
  async runOnce(shouldContinue: () => boolean = () => true): Promise<number> {
    let total = 0;
    while (shouldContinue()) {
      const batch = await unkeptMonths(this.#db, this.#clock(), this.#batchSize);
      if (batch.length === 0) break;
      // A month another instance kept meanwhile counts 0 here, and its markers (committed
      // before the lock was released) keep it out of the next look-up: the loop always ends.
      for (const { month, storefrontIds } of batch) {
        if (!shouldContinue()) break;
        total += await keepMonth(this.#db, month, storefrontIds);
      }
    }
    return total;
  }

  /** Runs a pass now and then every interval until `stop()`. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Stops after the month being counted, if any; the rest waits for the next start. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    await this.#loop;
    this.#loop = null;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      const started = performance.now();
      try {
        const kept = await this.runOnce(() => this.#running);
        if (kept > 0) {
          this.#logger.info(
            { kept, ms: Math.round(performance.now() - started) },
            'loss report: kept closed months',
          );
        }
      } catch (error) {
        this.#logger.error({ err: error }, 'loss report: keeping closed months failed');
      }
      if (!this.#running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.#intervalMs);
        timer.unref();
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.#wake = done;
      });
      this.#wake = null;
    }
  }
}
