// How the dispatcher's loop waits: until something may have become due (a commit's NOTIFY, a
// finished delivery) or the poll interval passes. A wake-up that arrives while the loop is busy
// is kept, so the next wait returns at once instead of missing it.
export class WakeSignal {
  #wake: (() => void) | null = null;
  #requested = false;

  /** Resolves when woken, or after `timeoutMs`. */
  wait(timeoutMs: number): Promise<void> {
    if (this.#requested) {
      this.#requested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = null;
        this.#requested = false;
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.#wake = done;
    });
  }

  wake(): void {
    if (this.#wake) this.#wake();
    else this.#requested = true;
  }
}
