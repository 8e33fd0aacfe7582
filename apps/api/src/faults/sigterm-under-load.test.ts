import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStream } from '../test-support/event-stream.js';
import {
  acknowledged,
  createShop,
  errorCodes,
  gql,
  PURCHASE,
  quotedPurchase,
} from './api-client.js';
import { FaultServer } from './fault-server.js';

// A deploy sends SIGTERM to the built server while a load balancer still routes traffic to it.
// Runs on the embedded PGlite and, when DATABASE_URL is set, on PostgreSQL: the signal path is
// the same, the database closing after the drain is not.
const baseUrl = process.env.DATABASE_URL;
const CLIENTS = 6;
/** Live-update streams held open when the signal comes: the drain must not wait on them. */
const STREAMS = 4;
const CLAIM_UPDATED = 'subscription { claimUpdated { id status } }';

describe(`SIGTERM under steady load, the built server in production mode (${baseUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  const fault = new FaultServer();
  afterEach(() => fault.tearDown(), 60_000);

  it('fails /readyz first, ends open event streams, keeps serving through the grace, finishes every started request and exits 0 before its deadline', async () => {
    // LG_SHUTDOWN_GRACE_MS is left at its default (3 s), so the deadline after which the
    // process exits 1 is the documented 10 s: exit code 0 means it stopped within them.
    const options = await fault.prepare('sigterm', baseUrl);
    const { operatorKey } = options;
    const running = await fault.start(options);
    const shop = await createShop(running.url, operatorKey);
    let gone = false;
    void running.exited.then(() => {
      gone = true;
    });

    // What happened, in the order it was observed.
    const events: string[] = [];
    const failures: string[] = [];
    // A load balancer stops routing here once it sees /readyz fail, a few requests later.
    let unready = false;
    const AFTER_UNREADY = 3;

    const client = async (id: number) => {
      let afterUnready = 0;
      for (let n = 0; !gone && afterUnready < AFTER_UNREADY; n += 1) {
        if (unready) afterUnready += 1;
        try {
          const input = await quotedPurchase(running.url, shop, `SO-${id}-${n}`, randomUUID());
          const answer = await gql(running.url, PURCHASE, { input }, shop.secretKey);
          if (acknowledged(answer)) events.push('served');
          else failures.push(`purchase answered ${answer.status} ${errorCodes(answer)}`);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
          return;
        }
      }
    };
    const readiness = async () => {
      while (!gone) {
        try {
          const response = await fetch(`${running.url}/readyz`);
          await response.arrayBuffer();
          events.push(`readyz ${response.status}`);
          if (response.status === 503) unready = true;
        } catch {
          events.push('refused');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    // A purchase in flight when the listener closes: its body arrives only after new
    // connections are refused, and it is answered all the same.
    const slowInput = await quotedPurchase(running.url, shop, 'SO-SLOW', randomUUID());
    const inFlightAtClose = async () => {
      while (!unready && !gone) await new Promise((resolve) => setTimeout(resolve, 10));
      const body = JSON.stringify({ query: PURCHASE, variables: { input: slowInput } });
      const request = slowRequest(running.url, shop.secretKey, body);
      while (!events.includes('refused') && !gone)
        await new Promise((resolve) => setTimeout(resolve, 10));
      const answer = await request.finish();
      if (answer.status === 200 && answer.text.includes('SO-SLOW')) events.push('slow served');
      else failures.push(`in-flight purchase answered ${answer.status}: ${answer.text}`);
    };

    const load = [
      ...Array.from({ length: CLIENTS }, (_, id) => client(id)),
      readiness(),
      inFlightAtClose(),
    ];
    const streams = await Promise.all(
      Array.from({ length: STREAMS }, (_, n) =>
        EventStream.open(
          running.url,
          CLAIM_UPDATED,
          {},
          n % 2 === 0 ? shop.secretKey : operatorKey,
        ),
      ),
    );
    expect(streams.map((stream) => stream.status)).toEqual(streams.map(() => 200));
    const streamsEnded = Promise.all(streams.map((stream) => stream.ended()));

    // Steady load first: a few purchases served before the signal.
    for (let wait = 0; wait < 600 && events.filter((e) => e === 'served').length < 20; wait += 1)
      await new Promise((resolve) => setTimeout(resolve, 25));
    events.push('SIGTERM');
    running.signal('SIGTERM');
    const exit = await running.exited;
    await Promise.all(load);
    // Every stream was ended by the server, saying why, before the process exited.
    const lastWords = (await streamsEnded).map((messages) => messages.at(-1)?.comment);

    const signalled = events.indexOf('SIGTERM');
    const firstUnready = events.indexOf('readyz 503', signalled);
    const refused = events.indexOf('refused');
    console.info(
      `SIGTERM under load (${baseUrl ? 'PostgreSQL' : 'PGlite'}): exit ${exit.code} after ${exit.afterSignalMs} ms; ` +
        `${events.slice(signalled).filter((e) => e === 'served').length} purchases served after the signal`,
    );
    expect(failures).toEqual([]);
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(lastWords).toEqual(streams.map(() => 'closed: server shutting down'));
    expect(events.slice(0, signalled)).toContain('readyz 200');
    // Readiness fails while the listener is still open, and requests are still served after.
    expect(firstUnready).toBeGreaterThan(signalled);
    expect(refused === -1 || refused > firstUnready).toBe(true);
    expect(events.indexOf('served', firstUnready)).toBeGreaterThan(firstUnready);
    expect(events.slice(firstUnready)).not.toContain('readyz 200');
    expect(events.indexOf('slow served')).toBeGreaterThan(refused);
    expect(running.records().some((record) => record.msg === 'stopped')).toBe(true);
  }, 120_000);
});

/** A POST whose headers and first bytes go now and the rest on `finish()`. */
function slowRequest(url: string, credential: string, body: string) {
  const { port } = new URL(url);
  let resolveAnswer: (answer: { status: number; text: string }) => void = () => {};
  const answered = new Promise<{ status: number; text: string }>((resolve) => {
    resolveAnswer = resolve;
  });
  const req = request(
    {
      host: '127.0.0.1',
      port,
      path: '/graphql',
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Bearer ${credential}`,
      },
    },
    (res) => {
      let text = '';
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolveAnswer({ status: res.statusCode ?? 0, text }));
    },
  );
  req.on('error', (error) => resolveAnswer({ status: 0, text: error.message }));
  req.write(body.slice(0, 20));
  return {
    finish() {
      req.end(body.slice(20));
      return answered;
    },
  };
}
