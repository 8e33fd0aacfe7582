// A reader of /graphql/stream for tests: opens the stream with fetch (as a browser's
// graphql-sse client does) and hands over what arrives, comments included, one message at a
// time, so tests see heartbeats and the end of the stream as well as GraphQL results.

export interface StreamMessage {
  /** `next`, `complete`, or null for a comment. */
  event: string | null;
  /** The data lines, parsed as JSON (null when there were none). */
  data: unknown;
  /** The comment's text (after the colon), or null for an event. */
  comment: string | null;
}

export interface ClaimUpdate {
  data?: { claimUpdated: Record<string, unknown> & { id: string; status: string } } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export class EventStream {
  readonly #queue: StreamMessage[] = [];
  #waiting: (() => void) | null = null;
  #ended = false;
  #buffer = '';

  private constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly controller: AbortController,
    readonly text: Promise<string> | null,
  ) {}

  /** Opens a stream of `query`; a refusal (any status but 200) is read whole into `text`. */
  static async open(
    url: string,
    query: string,
    variables: Record<string, unknown> = {},
    credential?: string | null,
    headers: Record<string, string> = {},
  ): Promise<EventStream> {
    const controller = new AbortController();
    const response = await fetch(`${url}/graphql/stream`, {
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        ...(credential ? { authorization: `Bearer ${credential}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    });
    if (response.status !== 200 || !response.body) {
      return new EventStream(response.status, response.headers, controller, response.text());
    }
    const stream = new EventStream(response.status, response.headers, controller, null);
    void stream.#read(response.body);
    return stream;
  }

  async #read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of body) {
        this.#buffer += decoder.decode(chunk, { stream: true });
        let end = this.#buffer.indexOf('\n\n');
        while (end !== -1) {
          this.#push(this.#buffer.slice(0, end));
          this.#buffer = this.#buffer.slice(end + 2);
          end = this.#buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted by close(), or cut by the server: the stream has ended either way
    }
    this.#ended = true;
    this.#wake();
  }

  #push(block: string): void {
    let event: string | null = null;
    const data: string[] = [];
    const comments: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trim());
    }
    const joined = data.join('\n');
    this.#queue.push({
      event,
      data: joined === '' ? null : JSON.parse(joined),
      comment: event === null ? comments.join('\n') : null,
    });
    this.#wake();
  }

  #wake(): void {
    const waiting = this.#waiting;
    this.#waiting = null;
    waiting?.();
  }

  /** The next message, or null once the stream has ended. */
  async message(): Promise<StreamMessage | null> {
    for (;;) {
      const next = this.#queue.shift();
      if (next) return next;
      if (this.#ended) return null;
      await new Promise<void>((resolve) => {
        this.#waiting = resolve;
      });
    }
  }

  /** The next GraphQL result (`next` event), skipping comments; null once the stream ended. */
  async result(): Promise<ClaimUpdate | null> {
    for (;;) {
      const message = await this.message();
      if (message === null) return null;
      if (message.event === 'next') return message.data as ClaimUpdate;
    }
  }

  /** Resolves when the server has ended the stream; the messages it sent before, in order. */
  async ended(): Promise<StreamMessage[]> {
    const rest: StreamMessage[] = [];
    for (;;) {
      const message = await this.message();
      if (message === null) return rest;
      rest.push(message);
    }
  }

  close(): void {
    this.controller.abort();
  }
}
