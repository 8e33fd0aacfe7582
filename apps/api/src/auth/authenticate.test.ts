// The key cache keeps the quote path free of database reads; a flood of made-up keys must not
// take that away from the keys in use.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../test-support/harness.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('the key cache', () => {
  it('keeps serving known keys from memory after 10,000 random unknown keys', async () => {
    const shops = await Promise.all([api.createStorefront(), api.createStorefront()]);
    const { authenticator } = api.server.app;
    const now = new Date();
    const known = shops.flatMap((shop) => [shop.publishableKey, shop.secretKey]);
    for (const key of known) {
      expect((await authenticator.authenticate(`Bearer ${key}`, undefined, now)).ok).toBe(true);
    }

    for (let i = 0; i < 10_000; i += 1) {
      const madeUp = `sk_test_${randomBytes(24).toString('base64url')}`;
      const answer = await authenticator.authenticate(`Bearer ${madeUp}`, undefined, now);
      expect(answer.ok).toBe(false);
    }

    api.queries.length = 0;
    for (const key of known) {
      expect((await authenticator.authenticate(`Bearer ${key}`, undefined, now)).ok).toBe(true);
    }
    expect(api.queries).toEqual([]);
    // 10,000 look-ups of unknown keys, one query each: seconds alone, minutes on a busy machine.
  }, 300_000);
});
