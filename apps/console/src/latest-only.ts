// A screen that asks again before its last answer came (a new filter, a new month range) must
// show the answer to its newest question: answers can arrive out of order (a wide report that
// counts months on the server returns after the narrow one asked after it).
export class LatestOnly {
  #ticket = 0;

  /** Starts a request; the function answers whether it is still the newest one. */
  begin(): () => boolean {
    const ticket = ++this.#ticket;
    return () => ticket === this.#ticket;
  }
}
