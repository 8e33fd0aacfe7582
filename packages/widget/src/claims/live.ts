// Live claim updates: `subscription { claimUpdated }` over GraphQL over Server-Sent Events
// ("distinct connections": one POST per subscription answered with text/event-stream), read
// with fetch so the session travels in the Authorization header (EventSource cannot send it).

/** After a dropped stream, wait this long before reconnecting, doubling up to the max. */
const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

export interface LiveHandlers {
  /** One `next` event's `data` (the subscription's result). */
  data(data: unknown): void;
  /** The stream is open (again, after a reconnect): updates made before may have been missed. */
  open(): void;
  /** An open stream ended or dropped; a reconnect follows. */
  dropped(): void;
  /** The server refused the stream (404, 405, 429...): poll instead. */
  refused(status: number): void;
  /** The credential was refused: the session ended. */
  unauthenticated(): void;
}

/** Reads `text/event-stream` blocks from a body and hands over each `event`/`data` pair. */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: string, data: string) => void,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    const blocks = buffer.split(/\r?\n\r?\n/);
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        const colon = line.indexOf(':');
        // A line starting with ':' is a comment (heartbeat).
        if (colon === 0) continue;
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = text;
        else if (field === 'data') data.push(text);
      }
      if (data.length || event !== 'message') onEvent(event, data.join('\n'));
    }
  }
}

const isUnauthenticated = (body: { errors?: { extensions?: { code?: string } }[] }) =>
  !!body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED');

/**
 * Subscribes until the returned function is called: reconnects with backoff after a network
 * drop or a stream the server ended, stops for good on a refusal or an ended session.
 */
export function subscribe(url: string, token: string, query: string, on: LiveHandlers): () => void {
  const controller = new AbortController();
  const { signal } = controller;
  void (async () => {
    let retry = FIRST_RETRY_MS;
    while (!signal.aborted) {
      let opened = false;
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'text/event-stream',
            authorization: `Bearer ${token}`,
          },
          body: JSON.stringify({ query }),
          signal,
        });
        if (res.status === 401) return on.unauthenticated();
        if (!res.ok || !res.body || !/event-stream/.test(res.headers.get('content-type') ?? '')) {
          // 5xx may heal (retried below); anything else will not.
          if (res.status < 500) return on.refused(res.status);
        } else {
          on.open();
          opened = true;
          retry = FIRST_RETRY_MS;
          let ended = false;
          await readEvents(res.body, (event, data) => {
            if (event === 'complete') ended = true;
            if (event !== 'next' || ended) return;
            const body = JSON.parse(data);
            if (isUnauthenticated(body)) {
              ended = true;
              controller.abort();
              on.unauthenticated();
            } else if (body.data) on.data(body.data);
          });
        }
      } catch {
        // Network drop or abort: retried below unless stopped.
      }
      if (signal.aborted) return;
      if (opened) on.dropped();
      await new Promise((resolve) => setTimeout(resolve, retry * (0.75 + Math.random() / 2)));
      retry = Math.min(retry * 2, MAX_RETRY_MS);
    }
  })();
  return () => controller.abort();
}
