import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, signedWith, startReceiver } from './test-flows.js';
import { sendWebhook } from './webhook-sender.js';

const secret = 'whsec_sender_test';
const body = JSON.stringify({
  id: 'evt-1',
  type: 'claim.filed',
  createdAt: '2026-11-01T00:00:00Z',
  data: { a: 1 },
});

// The receivers of these tests listen on loopback.
function request(url: string, timeoutMs = 2000, allowPrivateNetworks = true) {
  return sendWebhook({
    allowPrivateNetworks,
    url,
    body,
    secrets: [secret],
    eventId: 'evt-1',
    eventType: 'claim.filed',
    deliveryId: 'del-1',
    attempt: 1,
    timeoutMs,
  });
}

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(() => receiver.close());

describe('sendWebhook', () => {
  it('POSTs the exact body as JSON, signed, with the event id for de-duplication', async () => {
    receiver.answer = () => 204;
    const result = await request(receiver.url);
    expect(result).toMatchObject({ ok: true, statusCode: 204, error: null });
    const [got] = receiver.received.slice(-1);
    expect(got?.body).toBe(body);
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.headers['lg-event-id']).toBe('evt-1');
    expect(got?.headers['lg-event-type']).toBe('claim.filed');
    expect(got?.headers['lg-delivery-attempt']).toBe('1');
    expect(got && signedWith(got, secret)).toBe(true);
    expect(got && signedWith(got, 'whsec_other')).toBe(false);
  });

  it('counts only 2xx as delivered and passes on Retry-After', async () => {
    receiver.answer = () => 503;
    expect(await request(receiver.url)).toMatchObject({
      ok: false,
      statusCode: 503,
      error: 'HTTP 503',
    });
  });

  it('gives up on a receiver that never answers within the time limit', async () => {
    receiver.answer = () => 'hang';
    const started = Date.now();
    const result = await request(receiver.url, 300);
    expect(result).toMatchObject({ ok: false, statusCode: null, error: 'timed out' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not follow redirects and reports a refused connection', async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(302, { location: receiver.url });
      res.end();
    });
    const port = await new Promise<number>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
    const before = receiver.received.length;
    expect(await request(`http://127.0.0.1:${port}/`)).toMatchObject({
      ok: false,
      statusCode: 302,
    });
    expect(receiver.received.length).toBe(before);
    server.close();
    const refused = await request(`http://127.0.0.1:${port}/`);
    expect(refused).toMatchObject({ ok: false, statusCode: null, error: 'connection refused' });
  });

  it("reports a receiver's failure as a class of failure, never the error's own text", async () => {
    // A TLS client talking to a plain HTTP server: the handshake fails.
    const port = new URL(receiver.url).port;
    expect(await request(`https://127.0.0.1:${port}/`)).toMatchObject({
      ok: false,
      statusCode: null,
      error: 'TLS error',
    });
    // A server that drops the connection without answering.
    const dropper: Server = createServer((req) => req.socket.destroy());
    const dropperPort = await new Promise<number>((resolve) => {
      dropper.listen(0, '127.0.0.1', () => resolve((dropper.address() as AddressInfo).port));
    });
    try {
      expect(await request(`http://127.0.0.1:${dropperPort}/`)).toMatchObject({
        ok: false,
        statusCode: null,
        error: 'connection reset',
      });
    } finally {
      dropper.close();
    }
  });

  it('reaches no private address unless allowed: not written as one, nor behind a name', async () => {
    receiver.answer = () => 204;
    const before = receiver.received.length;
    const port = new URL(receiver.url).port;
    for (const url of [
      receiver.url,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://0x7f.1:${port}/`,
    ]) {
      expect(await request(url, 2000, false)).toMatchObject({
        ok: false,
        statusCode: null,
        error: 'refused: a private network address',
      });
    }
    expect(await request(`http://localhost:${port}/`, 2000, false)).toMatchObject({
      ok: false,
      statusCode: null,
      error: 'refused: the host resolves to a private network address',
    });
    expect(receiver.received.length).toBe(before);
  });

  it('refuses a URL that is no http(s) URL for good', async () => {
    expect(await request('ftp://hooks.example/')).toMatchObject({ ok: false, permanent: true });
  });
});
