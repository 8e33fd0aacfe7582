import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRateLimits } from '../config.js';
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
