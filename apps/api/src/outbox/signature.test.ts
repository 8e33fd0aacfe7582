import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './signature.js';

const secret = 'whsec_test_secret_value';
const body = JSON.stringify({
  id: 'e1',
  type: 'claim.completed',
  createdAt: '2026-11-01T00:00:00.000Z',
  data: {},
});
const t = 1_795_000_000;

describe('signWebhook', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body"> with the storefront secret', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook([secret], body, t)).toBe(`t=${t},v1=${expected}`);
  });
});

describe('verifyWebhookSignature', () => {
  const header = signWebhook([secret], body, t);

  it('accepts the signature of the exact body within the tolerance', () => {
    expect(verifyWebhookSignature(header, body, secret, { now: t + 299 })).toBe(true);
  });

  it('refuses a changed body, another secret, or a missing header', () => {
    expect(verifyWebhookSignature(header, `${body} `, secret, { now: t })).toBe(false);
    expect(verifyWebhookSignature(header, body, 'whsec_other', { now: t })).toBe(false);
    expect(verifyWebhookSignature(undefined, body, secret, { now: t })).toBe(false);
    expect(verifyWebhookSignature('t=abc,v1=zz', body, secret, { now: t })).toBe(false);
  });

  it('refuses a replay older than the tolerance (5 minutes by default)', () => {
    expect(verifyWebhookSignature(header, body, secret, { now: t + 301 })).toBe(false);
    expect(
      verifyWebhookSignature(header, body, secret, { now: t + 3600, toleranceSeconds: 3600 }),
    ).toBe(true);
  });

  it('signs with each secret given, the current one last', () => {
    const both = signWebhook(['whsec_previous', secret], body, t);
    expect(both).toBe(`${signWebhook(['whsec_previous'], body, t)},${header.split(',')[1]}`);
  });

  it('accepts any of several v1 values (room for two secrets during a rotation)', () => {
    const other = signWebhook(['whsec_old'], body, t).split(',')[1];
    expect(verifyWebhookSignature(`${header},${other}`, body, secret, { now: t })).toBe(true);
  });
});

describe('the receiver snippet in apps/api/docs/webhooks.md', () => {
  it('verifies what the API signs and refuses a tampered body', async () => {
    const docs = readFileSync(new URL('../../docs/webhooks.md', import.meta.url), 'utf8');
    const snippet = /### Verifying a signature \(Node\)\s+```js\n([\s\S]*?)```/.exec(docs)?.[1];
    expect(snippet).toBeDefined();
    const dir = mkdtempSync(path.join(tmpdir(), 'lg-snippet-'));
    try {
      const file = path.join(dir, 'verify.mjs');
      writeFileSync(file, snippet as string);
      const { verify } = (await import(pathToFileURL(file).href)) as {
        verify(raw: string, header: string, secret: string): boolean;
      };
      const now = Math.floor(Date.now() / 1000);
      const signed = signWebhook([secret], body, now);
      expect(verify(body, signed, secret)).toBe(true);
      expect(verify(`${body}x`, signed, secret)).toBe(false);
      expect(verify(body, signWebhook([secret], body, now - 600), secret)).toBe(false);
      // During a rotation: either secret verifies, a third does not.
      const rotating = signWebhook(['whsec_previous', secret], body, now);
      expect(verify(body, rotating, secret)).toBe(true);
      expect(verify(body, rotating, 'whsec_previous')).toBe(true);
      expect(verify(body, rotating, 'whsec_neither')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
