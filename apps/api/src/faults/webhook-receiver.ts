// A storefront's webhook endpoint on loopback that records what the dispatchers send: every
// request in arrival order, and how many requests for one event were open at once. It answers
// 204 after a short pause, so two sends of one event that overlap at all are seen overlapping;
// it can also keep requests open without answering, as a receiver stuck mid-request does.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  /** 0-based position among every request received. */
  index: number;
  eventId: string;
  type: string;
  /** The bytes as received. */
  body: string;
  /** The LG-* headers but the signature (it carries the time of the attempt). */
  headers: Record<string, string>;
  held: boolean;
}

/** How long each answer waits: long enough for overlapping sends to overlap here. */
const ANSWER_AFTER_MS = 25;

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Requests per event id being received or waiting for their answer right now. */
  readonly #open = new Map<string, number>();
  /** The most requests for one event id that were ever open at once, per event id. */
  readonly mostAtOnce = new Map<string, number>();
  readonly #held: { received: ReceivedWebhook; response: ServerResponse; closed: boolean }[] = [];
  #toHold = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    // Idle connections stay open for the test's length: a receiver closing one just as a
    // dispatcher reuses it would fail an attempt for a reason these tests are not about.
    server.keepAliveTimeout = 0;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}/webhooks`);
    server.on('request', (request, response) => {
      receiver.#handle(request, response).catch(() => response.destroy());
    });
    return receiver;
  }

  /** The next `count` requests are kept open, unanswered, until `releaseHeld()`. */
  holdNext(count: number): void {
    this.#toHold += count;
  }

  /** Held requests whose connection the sender has not closed. */
  get heldOpen(): number {
    return this.#held.filter((held) => !held.closed).length;
  }

  get held(): readonly ReceivedWebhook[] {
    return this.#held.map((held) => held.received);
  }

  /** Answers every held request (those whose sender died get nothing: their socket is gone). */
  releaseHeld(): void {
    for (const held of this.#held.splice(0)) {
      if (!held.closed) held.response.writeHead(204).end();
    }
  }

  /** Event ids received, with how many times each arrived. */
  counts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const webhook of this.received)
      counts.set(webhook.eventId, (counts.get(webhook.eventId) ?? 0) + 1);
    return counts;
  }

  async close(): Promise<void> {
    this.releaseHeld();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const eventId = String(request.headers['lg-event-id'] ?? 'missing');
    // Open from its first byte until answered or cut: a second send of the event meanwhile
    // is a concurrent one.
    const open = (this.#open.get(eventId) ?? 0) + 1;
    this.#open.set(eventId, open);
    this.mostAtOnce.set(eventId, Math.max(open, this.mostAtOnce.get(eventId) ?? 0));
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.#open.set(eventId, (this.#open.get(eventId) ?? 1) - 1);
    };
    response.on('close', finish);

    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const parsed = JSON.parse(body) as { id?: unknown; type?: unknown };
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (name.startsWith('lg-') && name !== 'lg-signature') headers[name] = String(value);
    }
    const received: ReceivedWebhook = {
      index: this.received.length,
      eventId: String(parsed.id),
      type: String(parsed.type),
      body,
      headers,
      held: this.#toHold > 0,
    };
    this.received.push(received);
    if (received.held) {
      this.#toHold -= 1;
      const held = { received, response, closed: false };
      response.on('close', () => {
        held.closed = true;
      });
      this.#held.push(held);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, ANSWER_AFTER_MS));
    response.writeHead(204).end();
  }
}
