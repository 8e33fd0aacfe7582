// An upload holds in memory what has arrived, never the declared size ahead of the bytes: a
// client that sends one byte of a large declared file must not reserve the whole file.
import { randomUUID } from 'node:crypto';
import type { DocumentRow } from '@lg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../test-support/harness.js';
import { receiveUpload } from './receive-upload.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const DECLARED = 256 * 1024 * 1024;

function declaredUpload(): DocumentRow {
  const now = new Date();
  return {
    id: randomUUID(),
    storefrontId: randomUUID(),
    memberId: null,
    claimId: null,
    kind: 'PROOF_OF_PURCHASE',
    fileName: 'receipt.pdf',
    contentType: 'application/pdf',
    byteSize: DECLARED,
    uploadTokenHash: 'unused',
    uploadExpiresAt: now,
    uploadedAt: null,
    sha256: null,
    createdAt: now,
  };
}

describe('receiveUpload', () => {
  it('holds only the bytes that arrived while a client trickles a large declared file', async () => {
    let release: () => void = () => {};
    const stalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    let sent = false;
    async function* trickle() {
      yield new Uint8Array([0x25]); // "%": the first byte of a PDF
      sent = true;
      await stalled;
      throw new Error('client went away');
    }
    const before = process.memoryUsage().arrayBuffers;
    const receiving = receiveUpload(api.server.app, declaredUpload(), trickle(), new Date());
    while (!sent) await new Promise((resolve) => setImmediate(resolve));
    const held = process.memoryUsage().arrayBuffers - before;
    release();
    const outcome = await receiving;
    expect(held).toBeLessThan(DECLARED / 4);
    expect(outcome).toMatchObject({ ok: false, refusal: { status: 400, code: 'INCOMPLETE_BODY' } });
  });
});
