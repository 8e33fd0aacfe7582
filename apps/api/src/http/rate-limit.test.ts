import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRateLimits } from '../config.js';
import { startTestApi, type TestApi } from '../test-support/harness.js';
import { RequestRateLimiter } from './rate-limit.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const limiters: RequestRateLimiter[] = [];
afterAll(async () => {
  for (const limiter of limiters) await limiter.close();
});

function instance(store: 'memory' | 'redis') {
  const limiter = RequestRateLimiter.create({
    rateLimits: parseRateLimits('sk=4,ip=off'),
    rateLimitStore: store,
    redisUrl: REDIS_URL,
  });
  limiters.push(limiter);
  return limiter;
}

describe('RequestRateLimiter', () => {
  it("shares one credential's budget between two API instances through Redis", async () => {
    const a = instance('redis');
    const b = instance('redis');
    await Promise.all([a.ready(), b.ready()]);
    const key = randomUUID();
    const waits = [];
    for (let i = 0; i < 5; i += 1) waits.push(await (i % 2 === 0 ? a : b).consume('sk', key));
    expect(waits.slice(0, 4)).toEqual([null, null, null, null]);
    expect(waits[4]).toBeGreaterThanOrEqual(1);
  });

  it('keeps separate budgets per instance with the memory store', async () => {
    const a = instance('memory');
    const b = instance('memory');
    const key = randomUUID();
    for (let i = 0; i < 4; i += 1) expect(await a.consume('sk', key)).toBeNull();
    expect(await a.consume('sk', key)).toBeGreaterThanOrEqual(1);
    expect(await b.consume('sk', key)).toBeNull();
  });

  it('does not limit a kind set to off', async () => {
    const a = instance('memory');
    for (let i = 0; i < 50; i += 1) expect(await a.consume('ip', 'x')).toBeNull();
  });
});

describe('the per-IP limit on a running server', () => {
  const servers: TestApi[] = [];
  afterAll(async () => {
    for (const server of servers) await server.close();
  });
  async function serverWith(env: Record<string, string>) {
    const api = await startTestApi({ env });
    servers.push(api);
    return api;
  }
  const policy = (api: TestApi, forwardedFor?: string) =>
    api.gql(
      '{ policy { version } }',
      {},
      null,
      forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    );

  it('counts every client behind a trusted proxy on its own (LG_TRUSTED_PROXIES)', async () => {
    const api = await serverWith({ LG_RATE_LIMITS: 'ip=2', LG_TRUSTED_PROXIES: '127.0.0.0/8' });
    for (const client of ['198.51.100.1', '198.51.100.2']) {
      expect((await policy(api, client)).status).toBe(200);
      expect((await policy(api, client)).status).toBe(200);
    }
    const over = await policy(api, '198.51.100.1');
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // A client cannot pick a fresh address: the proxy appends the one it saw.
    expect((await policy(api, '203.0.113.50, 198.51.100.2')).status).toBe(429);
  });

  it('ignores X-Forwarded-For unless a proxy is trusted', async () => {
    const api = await serverWith({ LG_RATE_LIMITS: 'ip=2' });
    expect((await policy(api, '198.51.100.1')).status).toBe(200);
    expect((await policy(api, '198.51.100.2')).status).toBe(200);
    expect((await policy(api, '198.51.100.3')).status).toBe(429);
  });

  it('limits /uploads and /documents per IP, before looking at the URL', async () => {
    const api = await serverWith({ LG_RATE_LIMITS: 'upload=2' });
    const put = () =>
      fetch(`${api.url}/uploads/${'x'.repeat(40)}`, {
        method: 'PUT',
        headers: { 'content-type': 'image/png' },
        body: 'bytes',
      });
    expect((await put()).status).toBe(404);
    expect((await fetch(`${api.url}/documents/${randomUUID()}`)).status).toBe(404);
    const over = await put();
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await fetch(`${api.url}/documents/${randomUUID()}`)).status).toBe(429);
    // GraphQL keeps its own budget.
    expect((await policy(api)).status).toBe(200);
  });
});
