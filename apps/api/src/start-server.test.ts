import { request } from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestApi } from './test-support/harness.js';

describe('graceful shutdown', () => {
  const apis: Awaited<ReturnType<typeof startTestApi>>[] = [];
  afterAll(async () => {
    for (const api of apis) await api.close();
  });

  it('finishes an in-flight request, then stops accepting', async () => {
    const api = await startTestApi();
    apis.push(api);
    const { port } = new URL(api.url);
    // A slow client: the request body arrives in two parts, around the shutdown.
    const body = JSON.stringify({ query: '{ policy { version } }' });
    const arrived = new Promise((resolve) => api.server.http.server.once('request', resolve));
    const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 300);
    });
    // Shut down once the server holds the request (its head parsed, its body still coming).
    await arrived;
    const closing = api.server.http.shutdown({ inFlightMs: 5_000 });
    const answered = await response;
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.text).data.policy.version).toBe('2026-11');
    await closing;
    await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();
  });

  it('fails /readyz at once and keeps serving every other route through the grace', async () => {
    const api = await startTestApi();
    apis.push(api);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    // Long enough for the two requests below on a busy machine.
    const closing = api.server.close(4_000);
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining' });
    const served = await api.gql<{ policy: { version: string } }>('{ policy { version } }');
    expect(served.body.data?.policy.version).toBe('2026-11');
    // Clients are asked not to keep the connection: the next request opens a new one.
    expect(served.headers.get('connection')).toBe('close');
    await closing;
    await expect(fetch(`${api.url}/healthz`)).rejects.toThrow();
  });

  it('runs the month keeper beside the dispatcher and stops it with the server', async () => {
    const off = await startTestApi();
    apis.push(off);
    expect(off.server.monthKeeper).toBeNull();
    const on = await startTestApi({ env: { LG_WORKER: 'on' } });
    apis.push(on);
    // Its first pass (at start) is done or under way; between passes it sleeps 10 minutes, so
    // this close only returns (within the test's time) if the stop wakes it.
    expect(on.server.monthKeeper).not.toBeNull();
    await on.server.close();
    await expect(fetch(`${on.url}/healthz`)).rejects.toThrow();
  });
});
